import gzip
import re
from datetime import timedelta

import brotli
import pytest
from django.utils import timezone

from exercises.models import Exercise, Status
from exercises.tests.factories import make_exercise
from publisher import site
from publisher.models import Dependency, PublishedPage

from .conftest import saved_files

pytestmark = pytest.mark.django_db


def test_full_publish_saves_every_public_page_with_compressed_copies(publish_root, library):
    site.publish_all()

    files = saved_files(publish_root)
    for name in (
        "index.html",
        "es/index.html",
        "exercises/index.html",
        "exercises/goblet-squat/index.html",
        "es/ejercicios/sentadilla/index.html",
        "muscles/hamstrings/index.html",
        "learn/index.html",
        "learn/breathing/index.html",
        "sitemap.xml",
        "robots.txt",
        "index.xml",
    ):
        assert name in files, name
    page = publish_root / "exercises/goblet-squat/index.html"
    assert gzip.decompress((publish_root / "exercises/goblet-squat/index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((publish_root / "exercises/goblet-squat/index.html.br").read_bytes()) == page.read_bytes()
    assert b"Goblet Squat" in page.read_bytes()


def test_saved_page_is_what_django_answers(publish_root, library, client):
    site.publish_all()

    for path in ("/exercises/goblet-squat/", "/", "/learn/"):
        answered = re.sub(rb' nonce="[^"]+"', b"", client.get(path).content)
        assert (publish_root / path.lstrip("/") / "index.html").read_bytes() == answered


def test_a_draft_never_reaches_the_publish_folder(publish_root, library, django_capture_on_commit_callbacks):
    site.publish_all()
    draft = Exercise.objects.get(slug="secret-draft")
    with django_capture_on_commit_callbacks(execute=True):
        draft.title = "Still Secret"
        draft.save()

    contents = b"".join(saved_files(publish_root).values())
    assert b"Secret Draft" not in contents and b"Still Secret" not in contents
    assert not (publish_root / "exercises/secret-draft").exists()


def test_title_edit_reaches_every_page_that_showed_it_and_no_other(
    publish_root, library, django_capture_on_commit_callbacks
):
    site.publish_all()
    before = saved_files(publish_root)
    showed = {name for name, body in before.items() if b"Goblet Squat" in body}

    with django_capture_on_commit_callbacks(execute=True):
        library.title = "Goblet Squat Deluxe"
        library.save()

    after = saved_files(publish_root)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == showed
    assert all(b"Goblet Squat Deluxe" in after[name] for name in showed)
    assert {"exercises/goblet-squat/index.html", "index.html", "exercises/glute-bridge/index.html"} <= showed
    assert all(b"Goblet Squat Deluxe" not in after[name] for name in after.keys() - showed)


def test_an_edit_rerenders_only_the_pages_that_depend_on_it(publish_root, library, django_capture_on_commit_callbacks):
    site.publish_all()
    key = f"exercises.exercise:{library.pk}"
    dependent = set(Dependency.objects.filter(key=key).values_list("page__path", flat=True))
    every = set(PublishedPage.objects.values_list("path", flat=True))

    report = site.publish([key])

    assert sum(report.counts().values()) == len(dependent) < len(every)
    assert "/es/" not in dependent  # the Spanish home lists Spanish exercises only


def test_publishing_an_exercise_saves_its_page_and_lists_it(publish_root, library, django_capture_on_commit_callbacks):
    site.publish_all()
    with django_capture_on_commit_callbacks(execute=True):
        make_exercise("Side Plank", muscles=("Obliques",))

    files = saved_files(publish_root)
    assert b"Side Plank" in files["exercises/side-plank/index.html"]
    assert b"Side Plank" in files["exercises/index.html"]
    assert "muscles/obliques/index.html" in files
    assert b"/exercises/side-plank/" in files["sitemap.xml"]


def test_unpublishing_removes_the_page_and_its_mentions(publish_root, library, django_capture_on_commit_callbacks):
    site.publish_all()
    with django_capture_on_commit_callbacks(execute=True):
        library.status = Status.DRAFT
        library.save()

    files = saved_files(publish_root)
    assert "exercises/goblet-squat/index.html" not in files
    assert not (publish_root / "exercises/goblet-squat/index.html.gz").exists()
    assert all(b"Goblet Squat" not in body for body in files.values())
    # Its Spanish version no longer offers the English one.
    assert b"/exercises/goblet-squat/" not in files["es/ejercicios/sentadilla/index.html"]


def test_deleting_removes_the_page(publish_root, library, django_capture_on_commit_callbacks):
    site.publish_all()
    with django_capture_on_commit_callbacks(execute=True):
        Exercise.objects.get(slug="push-up").delete()

    files = saved_files(publish_root)
    assert "exercises/push-up/index.html" not in files
    assert all(b"Push Up" not in body for body in files.values())


def test_retagging_moves_the_exercise_between_landing_pages(publish_root, library, django_capture_on_commit_callbacks):
    site.publish_all()
    push_up = Exercise.objects.get(slug="push-up")
    with django_capture_on_commit_callbacks(execute=True):
        push_up.muscles.set(["Hamstrings"])

    files = saved_files(publish_root)
    assert b"Push Up" in files["muscles/hamstrings/index.html"]
    assert "muscles/chest/index.html" not in files  # no public exercise works the chest any more
    # Exercises sharing the new tag may now list it as related.
    assert files["exercises/goblet-squat/index.html"] == _fresh(publish_root, "/exercises/goblet-squat/")


def test_unchanged_page_keeps_its_file_and_time(publish_root, library):
    site.publish_all()
    page = publish_root / "exercises/goblet-squat/index.html"
    modified = page.stat().st_mtime

    report = site.publish_all()

    assert page.stat().st_mtime == modified
    assert report.counts().get("written", 0) == 0


def test_scheduled_exercise_is_published_when_due(publish_root, library, django_capture_on_commit_callbacks):
    from publisher import jobs

    site.publish_all()
    jobs.publish_due()  # the check starts from now
    with django_capture_on_commit_callbacks(execute=True):
        make_exercise("Future Lunge", publish_at=timezone.now() + timedelta(seconds=1))
    assert "exercises/future-lunge/index.html" not in saved_files(publish_root)

    import time

    time.sleep(1.1)
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs.publish_due() == 1

    files = saved_files(publish_root)
    assert b"Future Lunge" in files["exercises/future-lunge/index.html"]
    assert b"Future Lunge" in files["exercises/index.html"]


def _fresh(root, path):
    from publisher import rendering

    return rendering.render(path).body
