"""Each app server's own copies of the content version and of recent pages: a page-cache hit asks neither Redis
nor the database, an edit made here shows at once, one made through another server within
PAGE_CACHE_LOCAL_SECONDS, and the copies stay within their memory budget. Runs its own redis-server."""

import shutil
import time

import pytest
from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.test import override_settings

from config.servers import RedisServer
from exercises import caching, local_copies
from exercises.models import ContentVersion

from .factories import make_full_exercise

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]
WINDOW = 0.4


@pytest.fixture
def redis(tmp_path):
    server = RedisServer(tmp_path / "redis.log")
    server.start()
    cache = {"BACKEND": "exercises.resilient_cache.ResilientRedisCache", "LOCATION": server.url}
    with override_settings(REDIS_URL=server.url, CACHES={"default": cache}, PAGE_CACHE_LOCAL_SECONDS=WINDOW):
        local_copies.clear()
        yield server
        local_copies.clear()
    server.stop()


def commands_processed():
    """Commands Redis has answered so far (this INFO call included)."""
    return caches["default"]._cache.get_client().info("stats")["total_commands_processed"]


def edit_through_another_server(exercise, title):
    """What another app server's edit leaves behind: new rows and version, this process's copies untouched."""
    type(exercise).objects.filter(pk=exercise.pk).update(title=title)
    ContentVersion.objects.filter(pk=1).update(version=F("version") + 1)
    caches["default"].set(caching.VERSION_KEY, caching._version_row_from_database(), caching.VERSION_TTL)


def test_a_hit_asks_neither_redis_nor_the_database(client, redis, django_assert_num_queries):
    url = make_full_exercise().get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"
    before = commands_processed()

    with django_assert_num_queries(0):
        responses = [client.get(url) for _ in range(5)]

    assert [response["X-Cache"] for response in responses] == ["HIT"] * 5
    assert commands_processed() - before == 1  # the INFO call itself


def test_an_edit_in_this_process_shows_at_once(client, redis):
    exercise = make_full_exercise()
    client.get(exercise.get_absolute_url())
    exercise.title = "Prone Leg Lift, Edited"
    exercise.save()

    response = client.get(exercise.get_absolute_url())

    assert response["X-Cache"] == "MISS"
    assert "Prone Leg Lift, Edited" in response.content.decode()


def test_an_edit_through_another_server_shows_within_the_window(client, redis):
    exercise = make_full_exercise()
    url = exercise.get_absolute_url()
    client.get(url)
    edited_at = time.monotonic()
    edit_through_another_server(exercise, "Edited Elsewhere")

    while "Edited Elsewhere" not in client.get(url).content.decode():
        assert time.monotonic() - edited_at < WINDOW + 0.5, "the edit did not show within the window"
        time.sleep(0.02)


def test_a_version_read_inside_a_transaction_is_not_kept(redis):
    with transaction.atomic():
        caching.bump_content_version()
        inside = caching.current_content_version()[0]
        transaction.set_rollback(True)

    assert caching.current_content_version()[0] == inside - 1


def test_pages_are_served_from_the_copies_while_redis_is_down(client, redis):
    url = make_full_exercise().get_absolute_url()
    client.get(url)
    assert client.get(url)["X-Cache"] == "HIT"

    redis.stop()

    assert client.get(url)["X-Cache"] == "HIT"
    time.sleep(WINDOW)  # the version copy is stale: it is read from the database instead of Redis
    response = client.get(url)
    assert response.status_code == 200 and response["X-Cache"] == "HIT"


@override_settings(PAGE_CACHE_LOCAL_SECONDS=1, PAGE_CACHE_LOCAL_BYTES=1000)
def test_the_copies_keep_to_their_budget_least_recently_used_first():
    local_copies.clear()
    page = (200, [], b"x" * 200)
    for name in "abcde":
        local_copies.keep_page(name, page)
    local_copies.page("a")  # used again: kept
    local_copies.keep_page("f", page)
    local_copies.keep_page("huge", (200, [], b"x" * 600))  # over a quarter of the budget: never kept

    assert [name for name in "abcdef" if local_copies.page(name)] == ["a", "c", "d", "e", "f"]
    assert local_copies.page("huge") is None
    local_copies.clear()
