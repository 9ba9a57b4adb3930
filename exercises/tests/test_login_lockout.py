"""Brute-force protection of the admin login (django-axes with exercises.security)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from exercises.security import client_ip

from .factories import make_editor
from .test_security import setting_in_development

pytestmark = pytest.mark.django_db
PASSWORD = "the right passphrase"
PROXY = "10.0.0.2"


@pytest.fixture
def editor():
    return make_editor(password=PASSWORD)


def log_in(client, username, password, *, remote=PROXY, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("admin:login"), {"username": username, "password": password}, **headers)


@pytest.fixture
def behind_one_proxy(settings):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXIES = 1


def is_logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize(
    "proxies, forwarded, expected",
    [
        (0, "203.0.113.9", PROXY),
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),
        (2, "198.51.100.1, 203.0.113.9, 10.0.0.1", "203.0.113.9"),
        (1, "2001:db8::1", "2001:db8::1"),
        (2, "203.0.113.9", PROXY),
        (1, "not-an-address", PROXY),
        (1, "", PROXY),
        (1, None, PROXY),
    ],
)
def test_client_ip_takes_the_address_the_outermost_trusted_proxy_saw(settings, proxies, forwarded, expected):
    settings.BEHIND_TLS_PROXY = True
    settings.TRUSTED_PROXIES = proxies
    headers = {"REMOTE_ADDR": PROXY} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
    assert client_ip(RequestFactory().get("/", **headers)) == expected


def test_forwarded_for_from_the_client_is_ignored_without_trusted_proxies(client, settings, editor):
    settings.BEHIND_TLS_PROXY = True
    for number in range(settings.LOGIN_FAILURE_LIMIT):
        response = log_in(client, "editor", "wrong", forwarded=f"198.51.100.{number}")
    assert response.status_code == 429
    assert log_in(client, "editor", PASSWORD, forwarded="198.51.100.200").status_code == 429
    assert not is_logged_in(client)


def test_rotating_forwarded_for_behind_one_trusted_proxy_still_locks(client, settings, editor, behind_one_proxy):
    # The client makes up the first entry; the proxy appends the address it really came from.
    for number in range(settings.LOGIN_FAILURE_LIMIT):
        response = log_in(client, "editor", "wrong", forwarded=f"198.51.100.{number}, 203.0.113.9")
    assert response.status_code == 429
    assert log_in(client, "editor", PASSWORD, forwarded="198.51.100.200, 203.0.113.9").status_code == 429
    assert not is_logged_in(client)


def test_user_name_locks_after_failures_from_rotating_addresses(client, settings, editor, behind_one_proxy):
    for number in range(30):
        log_in(client, "editor", f"guess {number}", forwarded=f"203.0.113.{number}")
    response = log_in(client, "editor", PASSWORD, forwarded="192.0.2.50")
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_one_address_spraying_many_user_names_is_locked_out(client, settings, editor, behind_one_proxy):
    statuses = [
        log_in(client, f"user{name}", f"guess {guess}", forwarded="203.0.113.9").status_code
        for name in range(20)
        for guess in range(4)
    ]
    assert 429 in statuses
    assert log_in(client, "editor", PASSWORD, forwarded="203.0.113.9").status_code == 429
    assert not is_logged_in(client)


def test_spraying_other_names_does_not_lock_out_an_editor_at_another_address(
    client, settings, editor, behind_one_proxy
):
    for name in range(20):
        for guess in range(4):
            log_in(client, f"user{name}", f"guess {guess}", forwarded="203.0.113.9")
    response = log_in(client, "editor", PASSWORD, forwarded="192.0.2.50")
    assert response.status_code == 302
    assert is_logged_in(client)


def test_colleagues_mistyping_at_one_address_do_not_lock_it(client, settings, editor, behind_one_proxy):
    for name in range(3):
        for guess in range(settings.LOGIN_FAILURE_LIMIT - 1):
            log_in(client, f"colleague{name}", f"typo {guess}", forwarded="203.0.113.9")
    response = log_in(client, "editor", PASSWORD, forwarded="203.0.113.9")
    assert response.status_code == 302
    assert is_logged_in(client)


def test_trusted_proxies_come_from_the_environment_and_default_to_none():
    assert setting_in_development("settings.TRUSTED_PROXIES") == "0"
    assert setting_in_development("settings.TRUSTED_PROXIES", DJANGO_TRUSTED_PROXIES="2") == "2"
