"""A Redis outage: pages keep answering, uncached, and caching comes back by itself with Redis.

Runs its own redis-server on a free port (never the shared one), with the cache settings production
builds from REDIS_URL.
"""

import runpy
import shutil
import socket
import subprocess
import time

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import override_settings

from .factories import make_full_exercise

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]

DOWN = "Cache unreachable"
UP = "Cache reachable again"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port):
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("redis-server did not start")


def stop_redis(server):
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture
def redis_port():
    port = free_port()
    servers = [start_redis(port)]
    yield port, servers
    for server in servers:
        if server.poll() is None:
            stop_redis(server)


def production_caches(monkeypatch, port):
    """CACHES exactly as config/settings.py builds them for REDIS_URL."""
    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{port}/0")
    monkeypatch.setenv("DJANGO_SECRET_KEY", "test-only")
    return runpy.run_path(str(settings.BASE_DIR / "config" / "settings.py"))["CACHES"]


def messages(caplog, text):
    return [record for record in caplog.records if record.getMessage().startswith(text)]


def test_pages_answer_while_redis_is_down_and_are_cached_again_when_it_returns(client, redis_port, monkeypatch, caplog):
    port, servers = redis_port
    url = make_full_exercise().get_absolute_url()
    # Without the app server's own copies, so every request asks Redis (test_local_copies covers them).
    production = override_settings(CACHES=production_caches(monkeypatch, port), PAGE_CACHE_LOCAL_SECONDS=0)
    with production, caplog.at_level("INFO", "exercises.cache"):
        assert caches["default"].__class__.__name__ == "ResilientRedisCache"
        assert client.get(url)["X-Cache"] == "MISS"
        assert client.get(url)["X-Cache"] == "HIT"

        stop_redis(servers[0])
        started = time.monotonic()
        statuses = [client.get(url).status_code for _ in range(30)]
        assert statuses == [200] * 30
        assert time.monotonic() - started < 10
        assert len(messages(caplog, DOWN)) == 1

        servers.append(start_redis(port))
        deadline, seen = time.monotonic() + 15, []
        while time.monotonic() < deadline and "HIT" not in seen:
            seen.append(client.get(url)["X-Cache"])
            time.sleep(0.1)
        assert "HIT" in seen
        assert len(messages(caplog, UP)) == 1
        assert len(messages(caplog, DOWN)) == 1
