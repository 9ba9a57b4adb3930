"""Changes wait in a pending set that the running publish job reads between pages: the page an editor has just
changed jumps ahead of the lists still due for an earlier change, and later jobs find nothing left to do."""

import shutil

import pytest
from django.test import override_settings
from redis import Redis

from config.servers import RedisServer
from exercises.models import Exercise
from exercises.tests.external import missing
from publisher import dependencies, jobs, rendering, site

from .conftest import saved_files

pytestmark = pytest.mark.django_db


@pytest.fixture
def rendered(monkeypatch):
    """The addresses rendered, in order (the real renderer does the work)."""
    paths = []
    real_render = rendering.render

    def render(path, query=""):
        paths.append(path)
        return real_render(path, query)

    monkeypatch.setattr(rendering, "render", render)
    return paths


def test_a_change_made_during_a_publish_jumps_ahead_of_the_pages_still_due(publish_root, library, rendered):
    site.publish_all()
    bridge = Exercise.objects.get(title="Glute Bridge")
    rendered.clear()
    later = []

    def more():
        # The editor saves a second exercise once the home page of the first change has been rendered.
        if "/" in rendered and not later:
            Exercise.objects.filter(pk=bridge.pk).update(title="Glute Bridge March")
            later.append(dependencies.row_key(Exercise, bridge.pk))
            return later
        return []

    site.publish([dependencies.row_key(Exercise, library.pk)], more=more)

    home_rendered = rendered.index("/")
    assert rendered[home_rendered + 1] == bridge.get_absolute_url()  # next, before the rest of the first change
    assert rendered.count("/") == 2  # the home shows both: rendered again after the second change
    files = saved_files(publish_root)
    assert b"Glute Bridge March" in files["index.html"]
    assert b"Glute Bridge March" in files["exercises/glute-bridge/index.html"]


def test_keys_noted_while_a_job_ran_are_taken_by_it_and_the_next_job_has_nothing_left(publish_root, library):
    jobs.enqueue([dependencies.row_key(Exercise, library.pk)])  # tests publish at once, in this thread
    assert jobs.take_pending() == []
    assert jobs.publish_changes() == {}


@pytest.fixture
def queue_redis(tmp_path, settings):
    if not shutil.which("redis-server"):
        missing("redis-server is not installed")
    with RedisServer(tmp_path / "redis.log") as server:
        with override_settings(REDIS_URL=server.url, PUBLISH_WITH_QUEUE=True):
            yield Redis.from_url(server.url)


def test_with_the_queue_keys_wait_in_redis_until_the_worker_takes_them(publish_root, library, queue_redis):
    site.publish_all()
    Exercise.objects.filter(pk=library.pk).update(title="Goblet Squat Deluxe")
    key = dependencies.row_key(Exercise, library.pk)

    jobs.enqueue([key])
    jobs.enqueue([key])  # a second save before the worker starts: one more job, no more work

    assert queue_redis.smembers(jobs.PENDING_KEY) == {key.encode()}
    assert jobs.queue().count == 2
    counts = jobs.publish_changes()  # what the worker runs for the first job
    assert counts and b"Goblet Squat Deluxe" in saved_files(publish_root)["exercises/goblet-squat/index.html"]
    assert queue_redis.exists(jobs.PENDING_KEY) == 0
    assert jobs.publish_changes() == {}  # the second job


def test_with_redis_away_between_pages_the_job_finishes_and_the_keys_wait(publish_root, library, queue_redis):
    site.publish_all()
    queue_redis.sadd(jobs.PENDING_KEY, dependencies.row_key(Exercise, library.pk))
    taken = jobs.take_pending()
    later = dependencies.row_key(Exercise, Exercise.objects.get(title="Glute Bridge").pk)
    queue_redis.sadd(jobs.PENDING_KEY, later)

    def redis_away():
        with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):  # nothing listens there
            return jobs._taken_between_pages()

    report = site.publish(taken, more=redis_away)
    assert report.counts() and not report.outcomes["failed"]
    assert queue_redis.smembers(jobs.PENDING_KEY) == {later.encode()}  # left for the next job
