"""The production front server: nginx (config/nginx.conf.template) in front of gunicorn, both real processes.

One gunicorn with two sync workers and one nginx serve a migrated SQLite database for the whole module.
gunicorn's access log records the forwarded headers it received, so tests can see what reached the app.
Without nginx the tests are skipped, unless REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

import gzip
import http.client
import json
import shutil
import socket
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from config import frontserver, servers

from .external import missing

ACCESS_LOG_FORMAT = "%(m)s %(U)s?%(q)s xff=%({x-forwarded-for}i)s proto=%({x-forwarded-proto}i)s host=%({host}i)s"
SLOW_CLIENTS = 8


@dataclass
class Stack:
    front: str
    app: str
    static_root: Path
    access_log: Path

    def app_requests(self) -> str:
        return self.access_log.read_text(errors="replace") if self.access_log.exists() else ""


@pytest.fixture(scope="module")
def stack():
    if servers.nginx_binary() is None:
        missing("nginx is not installed (run `make front-server`, or apt-get install nginx-light)")
    folder = Path(tempfile.mkdtemp(prefix="exercise-front-test-"))
    try:
        yield from serve(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def serve(folder):
    """Migrate, collect static files, start gunicorn and nginx; yield the running Stack."""
    static_root, media_root = folder / "static", folder / "media"
    env = servers.production_env(
        f"sqlite:///{folder / 'db.sqlite3'}",
        static_root,
        GUNICORN_WORKERS="2",
        GUNICORN_ACCESS_LOG=str(folder / "access.log"),
    )
    servers.manage(env, "migrate", "--no-input")
    servers.manage(env, "collectstatic", "--no-input")
    (media_root / "exercises").mkdir(parents=True)
    (media_root / "exercises" / "squat.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    with ExitStack() as running:
        app = running.enter_context(
            servers.gunicorn(env, folder / "gunicorn.log", "--access-logformat", ACCESS_LOG_FORMAT)
        )
        front = running.enter_context(servers.front_server(app, static_root, media_root, folder / "nginx"))
        yield Stack(front=front, app=app, static_root=static_root, access_log=folder / "access.log")


def get(url, headers=None, timeout=5):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.status, response.headers, response.read()


def hashed_name(stack, name):
    manifest = json.loads((stack.static_root / "staticfiles.json").read_text())
    return manifest["paths"][name]


def logged_request(stack, marker, seconds=3.0):
    """gunicorn's access-log line for the request whose query string holds `marker` (logged just after answering)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for line in stack.app_requests().splitlines():
            if marker in line:
                return line
        time.sleep(0.05)
    raise AssertionError(f"gunicorn logged no request with {marker!r}")


def port(url):
    return urlsplit(url).port


def test_pages_are_proxied_to_gunicorn(stack):
    status, _, body = get(stack.front + "/exercises/?probe=proxied")

    assert status == 200
    assert b"<html" in body
    assert "GET /exercises/?probe=proxied" in logged_request(stack, "probe=proxied")


def test_forwarded_headers_replace_what_the_client_sent(stack):
    spoofed = {"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"}

    get(stack.front + "/robots.txt?probe=forwarded", headers=spoofed)

    line = logged_request(stack, "probe=forwarded")
    assert "xff=127.0.0.1 " in line
    assert "203.0.113.9" not in line
    assert "proto=http " in line
    assert f"host=127.0.0.1:{port(stack.front)}" in line


def test_hashed_static_file_is_served_by_nginx_and_cached_for_a_year(stack):
    path = "/static/" + hashed_name(stack, "css/site.css")

    status, headers, body = get(stack.front + path)

    assert status == 200
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"] == "text/css"
    assert body == (stack.static_root / hashed_name(stack, "css/site.css")).read_bytes()
    assert "/static/" not in stack.app_requests()


def test_static_file_is_sent_precompressed(stack):
    path = "/static/" + hashed_name(stack, "css/site.css")

    _, headers, body = get(stack.front + path, headers={"Accept-Encoding": "gzip"})

    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == (stack.static_root / hashed_name(stack, "css/site.css")).read_bytes()


def test_unhashed_static_name_is_cached_for_an_hour_only(stack):
    _, headers, _ = get(stack.front + "/static/css/site.css")

    assert headers["Cache-Control"] == "public, max-age=3600"


def test_media_file_is_served_by_nginx_in_a_sandbox(stack):
    status, headers, _ = get(stack.front + "/media/exercises/squat.svg")

    assert status == 200
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "/media/" not in stack.app_requests()


def test_upload_over_the_limit_is_refused_before_reaching_gunicorn(stack):
    connection = http.client.HTTPConnection("127.0.0.1", port(stack.front), timeout=5)
    connection.putrequest("POST", "/admin/login/?probe=too-big")
    connection.putheader("Content-Length", str(14 * 1024 * 1024))
    connection.endheaders()

    assert connection.getresponse().status == 413
    connection.close()
    assert "probe=too-big" not in stack.app_requests()


def test_slow_clients_do_not_delay_pages_behind_nginx(stack):
    with servers.slow_clients(port(stack.front), count=SLOW_CLIENTS, interval=1.0):
        time.sleep(1.5)  # every slow client is midway through its headers
        started = time.monotonic()
        status, _, _ = get(stack.front + "/exercises/?probe=slow-clients", timeout=5)
        elapsed = time.monotonic() - started

    assert status == 200
    assert elapsed < 2


def test_without_nginx_the_same_slow_clients_starve_gunicorn(stack):
    """Why the front server exists: two sync workers, each held by a client that never finishes its headers."""
    with servers.slow_clients(port(stack.app), count=SLOW_CLIENTS, interval=1.0):
        time.sleep(0.5)
        with pytest.raises((TimeoutError, urllib.error.URLError, socket.timeout)):
            get(stack.app + "/exercises/?probe=starved", timeout=2)


def test_render_command_fills_every_placeholder(capsys):
    frontserver.main(["--listen", "8080", "--upstream", "unix:/run/exercises.sock", "--pid-file", "/srv/nginx.pid"])

    config = capsys.readouterr().out
    assert "{{" not in config
    assert "listen 8080;" in config
    assert "server unix:/run/exercises.sock fail_timeout=0;" in config
    assert "pid /srv/nginx.pid;" in config
