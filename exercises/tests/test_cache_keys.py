"""What may enter the page cache: one entry per real page, whatever the query string says."""

import pytest
from django.utils.crypto import get_random_string

from exercises.caching import current_content_version, page_key

from .factories import make_editor, make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db


def is_stored(path, query=""):
    from django.core.cache import cache

    version, _changed = current_content_version()
    return cache.has_key(f"{page_key(path, query)}:v{version}")


def test_a_page_number_beyond_the_last_redirects_to_the_last_page(client):
    for number in range(13):
        make_exercise(f"Lift {number}")
    response = client.get("/exercises/?page=7")
    assert response.status_code == 302
    assert response["Location"] == "/exercises/?page=2"
    assert not is_stored("/exercises/", "page=7")


@pytest.mark.parametrize("page", ["abc", "-3", "0", "1", "99999999999999999999"])
def test_a_malformed_page_number_redirects_to_the_first_page(client, page):
    make_exercise("Plank", muscles=["Core"])
    for path in ("/exercises/", "/muscles/core/"):
        response = client.get(f"{path}?page={page}")
        assert response.status_code == 302, path
        assert response["Location"] == path


def test_unknown_tag_slugs_are_not_stored(client):
    make_full_exercise()
    slug = get_random_string(12).lower()
    responses = [client.get(f"/exercises/?muscle={slug}") for _ in range(2)]
    assert [response.status_code for response in responses] == [200, 200]
    assert [response["X-Cache"] for response in responses] == ["MISS", "MISS"]
    assert not is_stored("/exercises/", f"muscle={slug}")


def test_known_tag_slugs_are_stored(client):
    make_full_exercise()
    client.get("/exercises/?muscle=hamstrings")
    assert client.get("/exercises/?muscle=hamstrings")["X-Cache"] == "HIT"


def test_searches_are_not_stored(client):
    make_full_exercise()
    query = get_random_string(10)
    responses = [client.get(f"/exercises/?q={query}") for _ in range(2)]
    assert [response["X-Cache"] for response in responses] == ["MISS", "MISS"]
    assert not is_stored("/exercises/", f"q={query}")


def test_parameters_a_page_does_not_read_are_not_stored(client):
    exercise = make_full_exercise()
    for url in (f"/?page={get_random_string(5, '23456789')}", exercise.get_absolute_url() + "?muscle=hamstrings"):
        path, query = url.split("?")
        assert client.get(url)["X-Cache"] == "MISS"
        assert client.get(url)["X-Cache"] == "MISS"
        assert not is_stored(path, query)


def test_invalid_values_share_the_key_of_the_page_they_show():
    assert page_key("/exercises/", "max_duration=77&difficulty=impossible&sort=random") == page_key("/exercises/", "")
    assert page_key("/exercises/", "q=" + "a" * 5000) == page_key("/exercises/", "q=" + "a" * 200)
    assert page_key("/exercises/", "muscle=b&muscle=a") == page_key("/exercises/", "muscle=a&muscle=b")


@pytest.mark.parametrize("cookie", ["x", "0123456789abcdefghijklmnopqrstuv"])
def test_a_made_up_session_cookie_is_served_from_the_cache(client, cookie):
    url = make_full_exercise().get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"
    client.cookies["sessionid"] = cookie
    response = client.get(url)
    assert response["X-Cache"] == "HIT"
    assert "Cookie" not in response.get("Vary", "")
    assert response["Cache-Control"].startswith("public")


def test_a_real_staff_session_still_gets_fresh_pages(client):
    url = make_full_exercise().get_absolute_url()
    client.get(url)
    client.force_login(make_editor())
    response = client.get(url)
    assert "X-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"
