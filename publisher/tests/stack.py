"""Helpers for tests that run the real stack: settings for it, an editor using the admin over HTTP."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from config import servers
from exercises.tests.html_forms import form_values

ROOT = Path(__file__).resolve().parents[2]
EDITOR = ("stack-editor", "a long stack password 42")
ACCESS_LOG_FORMAT = "%(m)s %(U)s?%(q)s"


def stack_env(folder: Path, database_url: str, front_port: int, **extra) -> dict:
    return servers.local_stack_env(folder, database_url, front_port, GUNICORN_WORKERS="2", **extra)


def prepare(env: dict):
    """Static files, the schema, the starter site, a superuser and a full publish."""
    servers.manage(env, "collectstatic", "--no-input", "-v", "0")
    servers.manage(env, "migrate", "--no-input", "-v", "0")
    servers.manage(env, "import_content", str(ROOT / "fixtures"))
    servers.manage(env, "createsuperuser", "--no-input", "--username", EDITOR[0], "--email", "editor@example.org",
                   extra_env={"DJANGO_SUPERUSER_PASSWORD": EDITOR[1]})  # fmt: skip
    servers.manage(env, "publish_site")


def get(url, headers=None, opener=None):
    """(status, headers, body) of a GET; error statuses are returned, not raised."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with (opener or urllib.request.build_opener(NoRedirect)).open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Editor:
    """A staff member in the admin through `front`, with a real session."""

    def __init__(self, front: str):
        self.front = front
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def post(self, path, data):
        body = urllib.parse.urlencode(data, doseq=True).encode()
        request = urllib.request.Request(self.front + path, data=body, headers={"Referer": self.front + path})
        with self.opener.open(request, timeout=10) as response:
            return response.status, response.read()

    def get(self, path):
        return get(self.front + path, opener=self.opener)

    def log_in(self):
        path = "/admin/login/?next=/admin/"
        _, _, page = self.get(path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
        self.post(path, {"csrfmiddlewaretoken": token, "username": EDITOR[0], "password": EDITOR[1]})
        assert self.session_cookie(), "the editor could not log in"
        return self

    def session_cookie(self):
        return next((cookie.value for cookie in self.cookies if cookie.name == "sessionid"), None)

    def change(self, model_path, pk, **changes):
        """Open the object's admin form, change fields and save it, as a browser would."""
        path = f"/admin/{model_path}/{pk}/change/"
        status, _, page = self.get(path)
        assert status == 200, status
        values = form_values(page.decode(), f"{model_path.rpartition('/')[2]}_form")
        data = {name: values[0] if len(values) == 1 else values for name, values in values.items()}
        data.update(changes)
        data["_save"] = "Save"
        status, _ = self.post(path, data)
        assert status == 200, status


def wait_for_text(url, text: bytes, seconds: float) -> float:
    """Seconds until an anonymous GET of `url` shows `text`; fails after `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if text in get(url)[2]:
            return time.monotonic() - started
        time.sleep(0.02)
    raise AssertionError(f"{text!r} did not appear at {url} within {seconds} s")
