import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from .factories import make_editor, make_exercise

pytestmark = pytest.mark.django_db
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def run_python(code, **env):
    """Run `code` in a fresh interpreter whose only Django variables are `env`."""
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SITE_", "REDIS_", "DATABASE_"))
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_settings_import(**env):
    return run_python("import config.settings", **env)


def setting_in_development(expression, **env):
    """The value of `expression` (e.g. a reverse() call) with development settings and `env`."""
    code = (
        "import django; django.setup(); from django.conf import settings; from django.urls import reverse; "
        f"print({expression})"
    )
    result = run_python(code, DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="config.settings", **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_app_server_refuses_to_start_without_secret_key():
    result = run_python("import config.wsgi", DJANGO_SETTINGS_MODULE="config.settings")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_app_server_starts_with_a_secret_key():
    key = "a-long-random-production-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    assert (
        run_python("import config.wsgi", DJANGO_SETTINGS_MODULE="config.settings", DJANGO_SECRET_KEY=key).returncode
        == 0
    )


def test_management_commands_that_need_no_key_run_without_one():
    result = run_python(
        "import django; django.setup(); from django.core.management import call_command; call_command('check')",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    assert result.returncode == 0, result.stderr


def test_development_settings_start_without_secret_key():
    assert run_settings_import(DJANGO_DEBUG="1").returncode == 0


def test_unknown_site_language_is_refused_with_its_name():
    result = run_settings_import(DJANGO_DEBUG="1", SITE_LANGUAGES="en,xx")
    assert result.returncode != 0
    assert "SITE_LANGUAGES has unknown language codes: xx" in result.stderr


def test_check_deploy_reports_nothing(settings):
    settings.SECURE_SSL_REDIRECT = True  # the test settings turn it off so the test client can use http
    call_command("check", deploy=True, fail_level="DEBUG")


def test_security_headers_on_public_pages(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"]
    assert policy["object-src"] == "'none'"


def test_admin_locks_out_after_repeated_failed_logins(client):
    make_editor(password="the right passphrase")
    login_url = reverse("admin:login")
    for _ in range(5):
        response = client.post(login_url, {"username": "editor", "password": "wrong"})
    assert response.status_code == 429
    locked = client.post(login_url, {"username": "editor", "password": "the right passphrase"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_login_form_requires_csrf_token():
    from django.test import Client

    make_editor(password="the right passphrase")
    strict_client = Client(enforce_csrf_checks=True)
    response = strict_client.post(reverse("admin:login"), {"username": "editor", "password": "the right passphrase"})
    assert response.status_code == 403


def test_admin_url_is_configurable():
    assert setting_in_development("reverse('admin:index')", DJANGO_ADMIN_URL="backstage/") == "/backstage/"


def test_hostile_title_is_escaped_on_the_page(client):
    exercise = make_exercise('</script><script>alert("x")</script><img src=x onerror=alert(1)>', slug="hostile")
    page = client.get(exercise.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "<img src=x onerror" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_server_error_shows_the_designed_page_without_a_stack_trace(client, monkeypatch):
    from exercises.models import ExerciseQuerySet

    def broken(self):
        raise RuntimeError("database exploded: secret connection details")

    monkeypatch.setattr(ExerciseQuerySet, "published", broken)
    client.raise_request_exception = False
    response = client.get("/?q=x")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert "secret connection details" not in page and "Traceback" not in page


def test_redis_url_selects_the_redis_cache():
    backend = setting_in_development("settings.CACHES['default']['BACKEND']", REDIS_URL="redis://127.0.0.1:6379/0")
    assert backend == "exercises.resilient_cache.ResilientRedisCache"  # a Redis cache that survives outages


@pytest.mark.parametrize("path", ["/exercises/%00/", "/difficulties/a%00b/", "/old/%00path/", "/muscles/%00/"])
def test_nul_in_the_path_is_a_bad_request_not_a_server_error(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert b"NUL" in response.content
