"""config/gunicorn.py, read the way gunicorn reads it: as a Python file of settings."""

import runpy
from pathlib import Path

GUNICORN_CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"


def test_worker_restarts_are_spread_over_half_the_request_limit():
    config = runpy.run_path(str(GUNICORN_CONFIG))

    # Each worker restarts after max_requests + randint(0, jitter) requests; evenly loaded workers
    # only restart apart from each other if that random part is a large share of the limit.
    assert config["max_requests"] > 0
    assert config["max_requests_jitter"] >= config["max_requests"] / 2
