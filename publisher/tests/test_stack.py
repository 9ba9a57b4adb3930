"""`make stack` as it runs: nginx with the shipped config in front of gunicorn, the publishing worker, production
settings, SQLite and in-process publishing (no Redis). Without nginx the tests are skipped, unless
REQUIRE_BROWSER=1 (CI) makes that a failure."""

import gzip
import re
import shutil
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from config import servers
from exercises.tests.external import missing

from .stack import ACCESS_LOG_FORMAT, Editor, get, prepare, stack_env, wait_for_text

DETAIL = "/exercises/prone-leg-lift/"
PUBLIC = "public, max-age=0, s-maxage=60, must-revalidate"


@dataclass
class Stack:
    front: str
    app: str
    folder: Path

    def app_requests(self) -> str:
        time.sleep(0.2)  # gunicorn logs just after answering
        return (self.folder / "access.log").read_text(errors="replace")


@pytest.fixture(scope="module")
def stack():
    if servers.nginx_binary() is None:
        missing("nginx is not installed (run `make front-server`, or apt-get install nginx-light)")
    folder = Path(tempfile.mkdtemp(prefix="exercise-stack-test-"))
    try:
        front_port = servers.free_port()
        env = stack_env(
            folder,
            f"sqlite:///{folder / 'db.sqlite3'}",
            front_port,
            MEDIA_ROOT=str(folder / "media"),
            GUNICORN_ACCESS_LOG=str(folder / "access.log"),
        )
        prepare(env)
        with ExitStack() as running:
            app = running.enter_context(
                servers.gunicorn(env, folder / "gunicorn.log", "--access-logformat", ACCESS_LOG_FORMAT)
            )
            running.enter_context(servers.publish_worker(env, folder / "worker.log"))
            front = running.enter_context(
                servers.front_server(
                    app, folder / "static", folder / "media", folder / "nginx", env=env, port=front_port
                )
            )
            yield Stack(front=front, app=app, folder=folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_published_page_is_served_by_nginx_alone(stack):
    status, headers, body = get(stack.front + DETAIL)

    assert status == 200
    assert b"Prone Leg Lift" in body
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert f"GET {DETAIL}" not in stack.app_requests()


def directives(policy: str) -> set[str]:
    return {part.strip() for part in policy.split(";")}  # django-csp does not keep the directives' order


def test_published_page_sends_djangos_headers(stack):
    _, from_nginx, _ = get(stack.front + DETAIL)
    _, from_django, _ = get(stack.app + DETAIL)

    assert directives(from_nginx["Content-Security-Policy"]) == directives(from_django["Content-Security-Policy"])
    for name in ("X-Frame-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "X-Content-Type-Options"):
        assert from_nginx[name] == from_django[name], name
    assert from_nginx["Cache-Control"] == from_django["Cache-Control"] == PUBLIC
    assert from_nginx["ETag"] and from_nginx["Last-Modified"]


def test_published_page_answers_conditional_requests_with_304(stack):
    _, headers, _ = get(stack.front + DETAIL)

    assert get(stack.front + DETAIL, {"If-None-Match": headers["ETag"]})[0] == 304
    assert get(stack.front + DETAIL, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304


def test_published_page_is_sent_precompressed(stack):
    _, plain_headers, plain = get(stack.front + DETAIL)
    _, headers, body = get(stack.front + DETAIL, {"Accept-Encoding": "gzip"})

    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == plain


def test_searches_filters_and_the_admin_reach_django(stack):
    for path in ("/exercises/?q=leg", "/exercises/?difficulty=beginner", "/admin/login/"):
        status, _, _ = get(stack.front + path)
        assert status == 200
        assert f"GET {path.partition('?')[0]}?{path.partition('?')[2]}" in stack.app_requests(), path


def test_a_staff_session_always_reaches_django(stack):
    editor = Editor(stack.front).log_in()

    status, headers, body = editor.get(DETAIL)

    assert status == 200
    assert headers["Cache-Control"] == "private, no-cache"
    assert stack.app_requests().count(f"GET {DETAIL}") >= 1


def exercise_pk(editor, search):
    _, _, page = editor.get(f"/admin/exercises/exercise/?q={search}")
    return int(re.search(rb"/admin/exercises/exercise/(\d+)/change/", page).group(1))


def test_a_draft_leaves_the_front_and_its_preview_reaches_django_for_staff(stack):
    editor = Editor(stack.front).log_in()
    pk = exercise_pk(editor, "plank")
    path = "/exercises/plank-leg-lift/"

    editor.change("exercises/exercise", pk, status="draft")

    deadline = time.monotonic() + 3  # every list that showed it is re-rendered too
    while get(stack.front + path)[0] != 404 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert get(stack.front + path)[0] == 404
    status, _, preview = editor.get(f"/admin/exercises/exercise/{pk}/preview/")
    assert status == 200 and b"Plank Leg Lift" in preview


def test_an_admin_edit_is_visible_through_the_front_within_a_second(stack):
    editor = Editor(stack.front).log_in()
    pk = exercise_pk(editor, "prone")

    editor.change("exercises/exercise", pk, title="Prone Leg Lift Renamed")

    assert wait_for_text(stack.front + DETAIL, b"Prone Leg Lift Renamed", seconds=1.0) < 1.0
    assert b"Prone Leg Lift Renamed" in get(stack.front + "/exercises/")[2]
