import time
from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Version

from exercises.caching import bump_content_version, normalised_query, page_key
from exercises.models import Exercise, Step

from .factories import make_editor, make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db


def test_second_anonymous_request_is_served_from_cache(client):
    exercise = make_full_exercise()
    first = client.get(exercise.get_absolute_url())
    second = client.get(exercise.get_absolute_url())
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_public_pages_send_validators_and_cdn_friendly_cache_control(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=60, must-revalidate"


def test_public_pages_set_no_cookies_and_do_not_vary_on_cookie(client):
    exercise = make_full_exercise()
    for url in ("/", exercise.get_absolute_url()):
        response = client.get(url)
        assert not response.cookies, url
        assert "Cookie" not in response.get("Vary", ""), url


def test_matching_etag_gets_304(client):
    etag = client.get("/")["ETag"]
    response = client.get("/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["ETag"] == etag
    assert not response.content


def test_if_modified_since_gets_304_until_content_changes(client):
    exercise = make_full_exercise()
    last_modified = client.get("/")["Last-Modified"]
    assert client.get("/", headers={"if-modified-since": last_modified}).status_code == 304
    Exercise.objects.filter(pk=exercise.pk).update(title="x")  # no signal: an update() is not a content change
    bump_content_version()
    response = client.get("/", headers={"if-none-match": '"stale"'})
    assert response.status_code == 200


def test_old_etag_after_an_edit_gets_the_new_page(client):
    exercise = make_full_exercise()
    etag = client.get(exercise.get_absolute_url())["ETag"]
    exercise.title = "Renamed Leg Lift"
    exercise.save()
    response = client.get(exercise.get_absolute_url(), headers={"if-none-match": etag})
    assert response.status_code == 200
    assert "Renamed Leg Lift" in response.content.decode()


def test_editing_a_step_is_visible_on_the_next_request(client):
    exercise = make_full_exercise()
    client.get(exercise.get_absolute_url())
    step = exercise.steps.first()
    step.text = "A freshly edited step."
    step.save()
    assert "A freshly edited step." in client.get(exercise.get_absolute_url()).content.decode()


def test_changing_tags_is_visible_on_the_next_request(client):
    exercise = make_full_exercise()
    client.get(exercise.get_absolute_url())
    exercise.muscles.add("Transverse Abdominis")
    assert "Transverse Abdominis" in client.get(exercise.get_absolute_url()).content.decode()


def test_admin_save_is_visible_to_visitors_on_the_next_request(client):
    from django.test import Client

    from .test_admin import change_url, edit_form

    exercise = make_full_exercise()
    visitor = Client()
    assert visitor.get(exercise.get_absolute_url())["X-Cache"] == "MISS"
    client.force_login(make_editor())
    data = edit_form(client, change_url(exercise))
    data["title"] = "Edited In The Admin"
    assert client.post(change_url(exercise), data).status_code == 302
    response = visitor.get(exercise.get_absolute_url())
    assert "Edited In The Admin" in response.content.decode()


def test_revert_is_visible_on_the_next_request(client):
    import reversion

    exercise = make_full_exercise()
    with reversion.create_revision():
        exercise.save()
    exercise.title = "Temporary Title"
    with reversion.create_revision():
        exercise.save()
    assert "Temporary Title" in client.get(exercise.get_absolute_url()).content.decode()
    Version.objects.get_for_object(exercise).order_by("pk").first().revision.revert(delete=True)
    assert "Temporary Title" not in client.get(exercise.get_absolute_url()).content.decode()


def test_deleting_an_exercise_removes_it_on_the_next_request(client):
    exercise = make_full_exercise()
    url = exercise.get_absolute_url()
    assert client.get(url).status_code == 200
    exercise.delete()
    assert client.get(url).status_code == 404


def test_scheduled_exercise_appears_when_due_without_any_save(client):
    make_exercise("Scheduled Lift", publish_at=timezone.now() + timedelta(seconds=1))
    assert "Scheduled Lift" not in client.get("/").content.decode()
    # Time passes for real: the version's copy in Redis (when configured) holds the same due time.
    time.sleep(1.1)
    assert "Scheduled Lift" in client.get("/").content.decode()


def test_saving_a_scheduled_exercise_records_when_it_goes_public():
    from exercises.models import ContentVersion

    when = timezone.now() + timedelta(days=2)
    make_exercise("Later", publish_at=when)
    assert ContentVersion.objects.get(pk=1).next_change_at == when


def test_logged_in_staff_always_get_fresh_private_pages(client):
    exercise = make_full_exercise()
    client.get(exercise.get_absolute_url())  # anonymous: cached
    Step.objects.filter(exercise=exercise).update(text="Changed without a signal.")
    client.force_login(make_editor())
    response = client.get(exercise.get_absolute_url())
    assert "Changed without a signal." in response.content.decode()
    assert "X-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"


def test_query_string_is_normalised_for_the_cache_key():
    assert normalised_query("sort=title&muscle=glutes&utm_source=x&muscle=abs") == (
        "muscle=abs&muscle=glutes&sort=title"
    )
    assert page_key("/exercises/", "muscle=glutes&fbclid=1") == page_key("/exercises/", "muscle=glutes")
    assert page_key("/exercises/", "muscle=glutes") != page_key("/es/ejercicios/", "muscle=glutes")
    # No query string takes a shortcut; it must land on the same key as parameters that all clean away.
    assert (
        page_key("/exercises/", "")
        == page_key("/exercises/", "utm_source=x&page=1&muscle=")
        != page_key("/exercises/", "page=2")
    )


def test_admin_pages_are_never_cached(client):
    client.force_login(make_editor())
    client.get("/admin/")
    client.logout()
    response = client.get("/admin/")
    assert "X-Cache" not in response


def test_due_publication_while_the_database_is_busy_serves_a_fresh_uncached_page(client, monkeypatch):
    from django.db import OperationalError

    from exercises import caching
    from exercises.models import ContentVersion

    make_exercise("Visible")
    ContentVersion.objects.filter(pk=1).update(next_change_at=timezone.now() - timedelta(seconds=1))

    def busy():
        raise OperationalError("database is locked")

    monkeypatch.setattr(caching, "bump_content_version", busy)
    response = client.get("/")
    assert response.status_code == 200
    assert "Visible" in response.content.decode()
    assert "X-Cache" not in response
