"""With Redis (REDIS_URL), the content version lives in Redis too: a cached page costs no database query,
and an edit still shows at the next request on every server. Runs its own redis-server on a free port."""

import shutil

import pytest
from django.core.cache import caches
from django.test import override_settings

from config.servers import RedisServer
from exercises.caching import VERSION_KEY, current_content_version

from .factories import make_full_exercise

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed"),
]


@pytest.fixture
def shared_cache(tmp_path):
    with RedisServer(tmp_path / "redis.log") as redis:
        cache = {"BACKEND": "exercises.resilient_cache.ResilientRedisCache", "LOCATION": redis.url}
        with override_settings(REDIS_URL=redis.url, CACHES={"default": cache}):
            yield caches["default"]


def test_a_cached_page_is_served_without_a_database_query(
    client, shared_cache, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # made by an earlier, committed request
        url = make_full_exercise().get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"

    with django_assert_num_queries(0):
        response = client.get(url)

    assert response["X-Cache"] == "HIT"


def test_an_edit_replaces_the_shared_version_when_it_commits(client, shared_cache, django_capture_on_commit_callbacks):
    exercise = make_full_exercise()
    client.get(exercise.get_absolute_url())
    before = current_content_version()[0]

    with django_capture_on_commit_callbacks(execute=True):
        exercise.title = "Prone Leg Lift, Edited"
        exercise.save()

    assert shared_cache.get(VERSION_KEY)["version"] > before
    response = client.get(exercise.get_absolute_url())
    assert response["X-Cache"] == "MISS"
    assert "Prone Leg Lift, Edited" in response.content.decode()


def test_a_reader_cannot_put_back_an_older_version(shared_cache, django_capture_on_commit_callbacks):
    old = current_content_version()[0]
    stale_read = shared_cache.get(VERSION_KEY)
    with django_capture_on_commit_callbacks(execute=True):
        make_full_exercise()

    shared_cache.add(VERSION_KEY, stale_read)  # what a reader that read the database before the commit does

    assert current_content_version()[0] > old
