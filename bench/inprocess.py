"""Shared by bench/run.py's worker processes: each measures one thing against one database, in-process.

A worker is `bench/run.py --worker KIND ARG…`, run with the environment of the database to measure; it
prints its figures as one JSON line.
"""

import json
import os
import resource
import statistics
import subprocess
import time
from pathlib import Path

from config import servers

RUN = Path(__file__).resolve().parent / "run.py"
# A page slower than this stops after at least 20 requests, so that one slow page cannot stretch the run.
PAGE_TIME_LIMIT = 40


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def run_worker(kind: str, env: dict, *args) -> dict:
    command = [servers.PYTHON, str(RUN), "--worker", kind, *map(str, args)]
    result = subprocess.run(command, env=env, cwd=servers.ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"{kind} worker failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def timed(action) -> dict:
    """Wall time and this process's peak resident memory (before and after) of `action()`, plus its result."""
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "peak_rss_mb": peak / 1024, "baseline_rss_mb": baseline / 1024, "result": result}


def time_pages(paths: dict, requests: int, optional=()) -> dict:
    """p50/p95 and SQL queries of each {name: [urls]} through the full middleware stack with the test client.

    The page cache is cleared before every request (so each one renders) unless the name ends in
    "_cached". A page whose name is in `optional` and that does not answer 200 is reported by its status
    instead of failing the run.
    """
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from exercises import local_copies

    client = Client()
    figures = {}
    for name, urls in paths.items():
        cached = name.endswith("_cached")

        def get(url, cached=cached):
            if not cached:
                local_copies.clear_all()
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise RuntimeError(f"{url} answered {response.status_code}")
            return elapsed, response

        if name in optional and (status := client.get(urls[0]).status_code) != 200:
            figures[name] = {"status": status, "url": urls[0]}
            continue
        for i in range(10):
            get(urls[i % len(urls)])
        timings = []
        deadline = time.monotonic() + PAGE_TIME_LIMIT
        while len(timings) < requests and (len(timings) < 20 or time.monotonic() < deadline):
            timings.append(get(urls[len(timings) % len(urls)])[0] * 1000)
        with CaptureQueriesContext(connection) as queries:
            _, response = get(urls[0])
        figures[name] = {
            "p50": statistics.median(timings),
            "p95": statistics.quantiles(timings, n=100)[94],
            "queries": len(queries),
            "url": urls[0],
            "bytes": len(response.content),
            "requests": len(timings),
        }
    return figures


def render_cell(figure: dict, requests: int) -> str:
    """A time_pages figure as a table cell."""
    if "status" in figure:
        return f"answered {figure['status']}"
    cut = f" (only {figure['requests']})" if figure["requests"] < requests else ""
    return f"{figure['p50']:.1f} / {figure['p95']:.1f} ms · {figure['queries']} q{cut}"
