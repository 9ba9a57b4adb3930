"""Browser tests: the site served by pytest-django's live_server, driven by Debian's chromium via Playwright.

One chromium runs for the whole session; each test gets a fresh context (cookies, JS setting, routes).
Every request leaving the test server is answered locally (a grey JPEG for YouTube thumbnails, an empty
page for the player) or aborted, so the tests never touch the network and can assert which hosts a page
asked for. Without chromium the tests are skipped, unless REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

import json
import os
import shutil
import threading
import time
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from PIL import Image

from exercises.models import Difficulty

from ..external import missing
from ..factories import make_exercise, make_full_exercise

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these chromium keeps calling home, which floods a closed network and slows every test.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROJECT_ROOT = Path(__file__).resolve().parents[3]
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
THUMBNAIL_HOST = "i.ytimg.com"
PLAYER_HOST = "www.youtube-nocookie.com"
VIDEO_ID = "dQw4w9WgXcQ"


def chromium_path():
    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    return path if os.access(path, os.X_OK) else shutil.which("chromium")


def grey_jpeg(size=(480, 360)):
    buffer = BytesIO()
    Image.new("RGB", size, (90, 90, 90)).save(buffer, "JPEG", quality=50)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if not path:
        missing("chromium is not installed (run `make browser`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -r requirements-dev.txt)")
    # Playwright's sync API keeps an event loop running in this thread; Django refuses ORM calls from a
    # thread with a running loop unless told otherwise. The tests only use the ORM synchronously.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def site(live_server, transactional_db):
    """The live server's base URL; data created in the test is visible to it."""
    return live_server.url


@pytest.fixture
def library(site):
    """Three English exercises (one with a video and a Spanish version) and that Spanish version."""
    lift = make_full_exercise(video_id=VIDEO_ID, author="Ana", translation_key="prone-leg-lift")
    make_exercise(
        "Side Leg Lift",
        description="Lift the top leg while lying on your side.",
        steps=("Lie on your side.", "Lift the top leg."),
        muscles=("Gluteus Medius",),
        equipment=("Mat",),
    )
    make_exercise(
        "Wall Sit",
        description="Sit against a wall with no chair.",
        steps=("Lean on a wall.", "Slide down."),
        muscles=("Quadriceps",),
        difficulty=Difficulty.INTERMEDIATE,
        duration=60,
    )
    elevacion = make_exercise(
        "Elevación de pierna boca abajo",
        slug="elevacion-de-pierna-boca-abajo",
        language="es",
        translation_key="prone-leg-lift",
        description="Levanta una pierna estirada tumbado boca abajo.",
        steps=("Túmbate boca abajo.", "Levanta una pierna."),
        faqs=(("¿Cuántas?", "De 10 a 15 por pierna."),),
        muscles=("Glúteos",),
        equipment=("Esterilla",),
        video_id=VIDEO_ID,
    )
    return lift, elevacion


class Recorder:
    """What a page did: every request URL, console errors, uncaught errors and dialogs."""

    def __init__(self):
        self.requests = []
        self.console_errors = []
        self.page_errors = []
        self.dialogs = []

    def hosts(self):
        return {urlsplit(url).hostname for url in self.requests}

    def watch(self, page):
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))

        def on_dialog(dialog):
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)


def offline_routes(context, server_url):
    """Serve the test server for real; fake the YouTube thumbnail and player; abort anything else."""
    server_host = urlsplit(server_url).hostname
    thumbnail = grey_jpeg()

    def handle(route):
        host = urlsplit(route.request.url).hostname
        if host == server_host:
            route.continue_()
        elif host == THUMBNAIL_HOST:
            route.fulfill(status=200, content_type="image/jpeg", body=thumbnail)
        elif host == PLAYER_HOST:
            route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>player</title>")
        else:
            route.abort()

    context.route("**/*", handle)


@pytest.fixture
def make_page(browser, site):
    """make_page(**context_options) -> (page, recorder); e.g. make_page(java_script_enabled=False)."""
    contexts = []

    def factory(**options):
        context = browser.new_context(base_url=site, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        offline_routes(context, site)
        page = context.new_page()
        recorder = Recorder()
        recorder.watch(page)
        return page, recorder

    yield factory
    for context in contexts:
        context.close()
    wait_until_server_idle()


def wait_until_server_idle(quiet_ms=60, timeout_ms=10_000):
    """Wait until the live server has answered every request the pages sent: its request threads share
    the test's SQLite connection, and emptying the tables while one still reads them fails ("database
    table is locked"). A request sent just before its page closed may start its thread a moment later,
    hence the quiet period."""
    quiet = waited = 0
    while quiet < quiet_ms and waited < timeout_ms:
        busy = any(thread.name.endswith("(process_request_thread)") for thread in threading.enumerate())
        quiet = 0 if busy else quiet + 10
        time.sleep(0.01)
        waited += 10


@pytest.fixture
def page(make_page):
    return make_page()[0]


@pytest.fixture(scope="session")
def axe_script():
    if not AXE_SCRIPT.exists():
        missing("node_modules/axe-core is missing (run `npm ci`, or `make test` which runs it)")
    return AXE_SCRIPT


def run_axe(page, axe_script):
    """axe-core's violations on the current page (all rules that axe runs by default)."""
    page.add_script_tag(path=str(axe_script))
    return page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")


def format_violations(violations):
    """Violations as text a person can act on: rule, impact, help link, and the offending elements."""
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"][:5]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.extend(f"      {line}" for line in node["failureSummary"].splitlines())
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more elements")
    return "\n".join(lines)
