"""Scale-out: two app servers (each gunicorn behind its own nginx) and one publishing worker against one
PostgreSQL database, one Redis and one shared publish folder. An edit made through one server is published
by the worker and visible through the other server's front within a second.

Runs when DATABASE_URL points at PostgreSQL (`make test-postgres`; a scratch database beside it is created
and dropped); needs nginx and redis-server, which CI installs.
"""

import os
import re
import shutil
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import pytest

from config import servers
from exercises.tests.external import missing

from .stack import Editor, get, prepare, stack_env, wait_for_text

DETAIL = "/exercises/side-lying-leg-lift/"


@pytest.fixture(scope="module")
def two_servers():
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        pytest.skip("the scale-out test runs on PostgreSQL (make test-postgres)")
    if servers.nginx_binary() is None or shutil.which("redis-server") is None:
        missing("nginx and redis-server are needed (apt-get install nginx-light redis-server)")
    folder = Path(tempfile.mkdtemp(prefix="exercise-scale-out-"))
    try:
        with ExitStack() as running:
            database = running.enter_context(servers.scratch_postgres(database_url))
            redis = running.enter_context(servers.RedisServer(folder / "redis.log"))
            ports = servers.free_port(), servers.free_port()
            env = stack_env(folder, database, ports[0], REDIS_URL=redis.url, MEDIA_ROOT=str(folder / "media"))
            prepare(env)
            fronts = []
            for number, port in enumerate(ports):
                app = running.enter_context(servers.gunicorn(env, folder / f"gunicorn-{number}.log"))
                nginx_folder = folder / f"nginx-{number}"
                fronts.append(
                    running.enter_context(
                        servers.front_server(app, folder / "static", folder / "media", nginx_folder, env, port)
                    )
                )
            running.enter_context(servers.publish_worker(env, folder / "worker.log"))
            yield fronts, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def worker_log(folder):
    return (folder / "worker.log").read_text(errors="replace")[-3000:]


def test_an_edit_through_one_server_is_visible_through_the_other_within_a_second(two_servers):
    (first, second), folder = two_servers
    editor = Editor(first).log_in()
    _, _, listing = editor.get("/admin/exercises/exercise/?q=side")
    pk = int(re.search(rb"/admin/exercises/exercise/(\d+)/change/", listing).group(1))
    assert b"Side-Lying Leg Lift" in get(second + DETAIL)[2]

    started = time.monotonic()
    editor.change("exercises/exercise", pk, title="Side-Lying Leg Lift, Scaled Out")
    saved = time.monotonic() - started

    try:
        wait_for_text(second + DETAIL, b"Side-Lying Leg Lift, Scaled Out", seconds=1.0)
    except AssertionError as error:
        raise AssertionError(f"{error} (save took {saved:.2f} s); worker log:\n{worker_log(folder)}") from None
    # Pages only Django serves (a filtered list) see it too, on both servers: the cache lives in Redis.
    for front in (first, second):
        assert b"Side-Lying Leg Lift, Scaled Out" in get(front + "/exercises/?sort=title")[2]
