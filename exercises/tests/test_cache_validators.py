"""Answers the page cache gives before any view runs: 304s, HEAD, and a Host it must refuse."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from django.utils.http import http_date

from exercises.models import Status

from .factories import make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db

FUTURE = http_date((timezone.now() + timedelta(days=365)).timestamp())
CONDITIONS = [{"if-none-match": "*"}, {"if-modified-since": FUTURE}]


@pytest.mark.parametrize("headers", CONDITIONS)
def test_a_missing_page_never_answers_304(client, headers):
    client.get("/exercises/nothing-here/")
    response = client.get("/exercises/nothing-here/", headers=headers)
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("headers", CONDITIONS)
def test_a_draft_never_answers_304(client, headers):
    draft = make_exercise("Secret Draft", status=Status.DRAFT)
    response = client.get(draft.get_absolute_url(), headers=headers)
    assert response.status_code == 404
    assert "ETag" not in response


@pytest.mark.parametrize("cached", [False, True])
def test_if_none_match_star_on_an_existing_page_answers_304(client, cached):
    url = make_full_exercise().get_absolute_url()
    if cached:
        client.get(url)
    response = client.get(url, headers={"if-none-match": "*"})
    assert response.status_code == 304
    assert response["ETag"]


def test_a_future_if_modified_since_is_ignored(client):
    url = make_full_exercise().get_absolute_url()
    client.get(url)
    assert client.get(url, headers={"if-modified-since": FUTURE}).status_code == 200


def test_a_disallowed_host_gets_400_even_for_a_cached_page(client):
    url = make_full_exercise().get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"
    assert client.get(url)["X-Cache"] == "HIT"
    response = client.get(url, headers={"host": "attacker.example"})
    assert response.status_code == 400
    assert b"Prone Leg Lift" not in response.content


def wsgi_get(method, path):
    """Status, headers and body bytes the app hands to the WSGI server (which must get none for HEAD)."""
    environ = {
        "REQUEST_METHOD": method,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": BytesIO(),
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started.update(status=status, headers=dict(headers))

    # As Django's test client does: keep the test's database connection open across the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        result = WSGIHandler()(environ, start_response)
        body = b"".join(result)
        result.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return started["status"], started["headers"], body


def test_head_hands_the_server_no_body_on_a_miss_or_a_hit():
    url = make_full_exercise().get_absolute_url()
    for expected in ("MISS", "HIT"):
        status, headers, body = wsgi_get("HEAD", url)
        assert (status, headers.get("X-Cache"), body) == ("200 OK", expected, b"")
        wsgi_get("GET", url)  # stores the page for the HIT round
    _status, get_headers, get_body = wsgi_get("GET", url)
    assert headers["Content-Length"] == get_headers["Content-Length"] == str(len(get_body))
