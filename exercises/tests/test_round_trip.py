"""Faithful round trips: what a file does not say stays unsaid, and export → import keeps every redirect."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from exercises.models import Exercise, OldURL, Status
from pages.tests.factories import make_page, make_section

from .content_files import export_folder, import_folder, write
from .factories import make_exercise

pytestmark = pytest.mark.django_db


def undated_file(title="Roll Up", extra=""):
    return f"---\ntitle: {title}\n{extra}---\nRoll.\n"


# A missing date stays missing


def test_a_file_without_date_gets_none_and_shows_no_publication_date(tmp_path, client):
    write(tmp_path, "exercises/roll-up.md", undated_file())
    import_folder(tmp_path)

    exercise = Exercise.objects.get()
    html = client.get(exercise.get_absolute_url()).content.decode()

    assert exercise.date is None
    assert "Published" not in html
    assert '"datePublished"' not in html and '"dateModified"' not in html


def test_the_sitemap_gives_an_undated_exercise_no_lastmod(tmp_path, client):
    write(tmp_path, "exercises/roll-up.md", undated_file())
    write(tmp_path, "exercises/teaser.md", undated_file("Teaser", "lastmod: 2024-05-01\n"))
    import_folder(tmp_path)

    root = ET.fromstring(client.get("/sitemap.xml").content)
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    lastmods = {
        url.findtext(f"{namespace}loc").rsplit("/", 2)[1]: url.findtext(f"{namespace}lastmod")
        for url in root.iter(f"{namespace}url")
    }

    assert lastmods["roll-up"] is None
    assert lastmods["teaser"].startswith("2024-05-01")


def test_reimporting_a_file_without_date_keeps_it_missing(tmp_path):
    write(tmp_path, "exercises/roll-up.md", undated_file())
    import_folder(tmp_path)
    write(tmp_path, "exercises/roll-up.md", undated_file(extra="description: Changed.\n"))

    import_folder(tmp_path)

    assert Exercise.objects.get().date is None


def test_export_of_an_undated_exercise_writes_no_date_and_imports_back_undated(tmp_path):
    write(tmp_path / "in", "exercises/roll-up.md", undated_file())
    import_folder(tmp_path / "in")

    export_folder(tmp_path / "out")
    text = (tmp_path / "out/exercises/roll-up.md").read_text()
    Exercise.objects.all().delete()
    import_folder(tmp_path / "out")

    assert "date:" not in text.lower()
    assert Exercise.objects.get().date is None


def test_export_of_an_undated_scheduled_exercise_keeps_its_publish_date(tmp_path):
    later = timezone.now().replace(microsecond=0) + timedelta(days=3)
    exercise = make_exercise("Roll Up", publish_at=later)
    Exercise.objects.filter(pk=exercise.pk).update(date=None)

    export_folder(tmp_path)

    text = (tmp_path / "exercises/roll-up.md").read_text()
    assert "publishDate:" in text
    assert "\ndate:" not in text


def test_an_editor_publishing_gives_the_first_publication_date():
    created = make_exercise("Created Published")
    draft = make_exercise("Draft", status=Status.DRAFT)
    draft = Exercise.objects.get(pk=draft.pk)
    draft.status = Status.PUBLISHED
    draft.save()

    assert created.date == created.publish_at
    assert Exercise.objects.get(pk=draft.pk).date == draft.publish_at


def test_editing_an_undated_published_exercise_invents_no_date():
    exercise = make_exercise("Roll Up")
    Exercise.objects.filter(pk=exercise.pk).update(date=None)
    exercise = Exercise.objects.get(pk=exercise.pk)
    exercise.description = "Edited."
    exercise.save()

    assert Exercise.objects.get(pk=exercise.pk).date is None


def undated_and_dated():
    now = timezone.now()
    for title in ("Zebra Undated", "Alpha Undated"):
        exercise = make_exercise(title, publish_at=now - timedelta(minutes=1))
        Exercise.objects.filter(pk=exercise.pk).update(date=None)
    make_exercise("Old Dated", publish_at=now - timedelta(days=30))
    make_exercise("New Dated", publish_at=now - timedelta(days=2))


def test_newest_lists_dated_exercises_first_then_undated_by_title(client):
    undated_and_dated()

    listed = [exercise.title for exercise in client.get("/exercises/").context["results"].exercises]
    home = [exercise.title for exercise in client.get("/").context["newest"]]

    expected = ["New Dated", "Old Dated", "Alpha Undated", "Zebra Undated"]
    assert listed == expected
    assert home == expected


def test_feed_items_without_date_have_no_pubdate(client):
    undated_and_dated()

    channel = ET.fromstring(client.get("/index.xml").content).find("channel")
    items = {item.findtext("title"): item.findtext("pubDate") for item in channel.iter("item")}

    assert list(items) == ["New Dated", "Old Dated", "Alpha Undated", "Zebra Undated"]
    assert items["New Dated"] and items["Old Dated"]
    assert items["Alpha Undated"] is None and items["Zebra Undated"] is None


def test_section_lists_put_undated_exercises_after_dated_children(client):
    make_section("learn", "Learn")
    undated = make_exercise("Undated", section="learn")
    Exercise.objects.filter(pk=undated.pk).update(date=None, publish_at=timezone.now() - timedelta(seconds=5))
    make_page("learn/older", "Older Page", publish_at=timezone.now() - timedelta(days=9))

    children = [child.title for child in client.get("/learn/").context["children"]]
    feed = ET.fromstring(client.get("/learn/index.xml").content).find("channel")

    assert children == ["Older Page", "Undated"]
    assert [item.findtext("pubDate") is None for item in feed.iter("item")] == [False, True]


# Old URLs survive export → import


def test_export_then_import_into_an_empty_database_keeps_every_old_url(tmp_path, client):
    write(tmp_path / "in", "pilates/roll-up.md", undated_file(extra="aliases: [/old/roll-up/]\n"))
    import_folder(tmp_path / "in")
    exercise = Exercise.objects.get()
    OldURL.objects.create(path="/recorded/by-hand/", exercise=exercise)
    before = set(OldURL.objects.values_list("path", flat=True))

    export_folder(tmp_path / "out")
    Exercise.objects.all().delete()
    import_folder(tmp_path / "out")

    assert set(OldURL.objects.values_list("path", flat=True)) == before
    for path in before:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (301, "/exercises/roll-up/")


# Minimal files


MINIMAL = """---
title: Side Kick
---
## Starting Position

Lie on your side, head on your arm.

## Execution

1. Kick the top leg forward.
2. Sweep it back.

## Modifications

- **Easier:** Keep the bottom knee bent on the floor for a more stable base.
- **Harder:** Lift the top arm, keeping the body still.

## Benefits

Stronger hips.
"""


def in_page_order(html, *texts):
    """True when the texts appear in this order in the page's article (the head's JSON-LD repeats the steps)."""
    article = html[html.index("<article") :]
    positions = [article.index(text) for text in texts]
    return positions == sorted(positions)


def test_a_minimal_file_shows_its_starting_position_before_the_steps_and_named_modifications(tmp_path, client):
    write(tmp_path, "exercises/side-kick.md", MINIMAL)
    import_folder(tmp_path)
    exercise = Exercise.objects.get()

    html = client.get(exercise.get_absolute_url()).content.decode()

    assert list(exercise.modifications.values_list("name", "description")) == [
        ("Easier", "Keep the bottom knee bent on the floor for a more stable base."),
        ("Lift the top arm", "Lift the top arm, keeping the body still."),
    ]
    assert in_page_order(html, "Lie on your side", "Kick the top leg", "Stronger hips")
    assert "&lt;!--" not in html


def test_a_minimal_file_exports_and_imports_back_to_the_same_order(tmp_path, client):
    write(tmp_path / "in", "exercises/side-kick.md", MINIMAL)
    import_folder(tmp_path / "in")
    export_folder(tmp_path / "out")
    Exercise.objects.all().delete()

    import_folder(tmp_path / "out")
    html = client.get("/exercises/side-kick/").content.decode()

    assert in_page_order(html, "Lie on your side", "Kick the top leg", "Stronger hips")


# Duplicate translation keys


def test_two_spanish_files_with_one_key_give_one_spanish_version_and_one_exercise_of_its_own(tmp_path, client):
    write(tmp_path, "exercises/roll-up.md", undated_file(extra="translationKey: roll-up\n"))
    write(tmp_path, "es/ejercicios/enrollar.md", undated_file("Enrollar", "translationKey: roll-up\n"))
    write(tmp_path, "es/ejercicios/otro-enrollar.md", undated_file("Otro", "translationKey: roll-up\n"))

    output = import_folder(tmp_path)
    html = client.get("/exercises/roll-up/").content.decode()

    assert "otro-enrollar.md: translationKey: “roll-up” (es) is also used by" in output
    assert Exercise.objects.get(slug="enrollar").translation_key == "roll-up"
    assert Exercise.objects.get(slug="otro-enrollar").translation_key == "roll-up-otro-enrollar"
    # Once each: the head's alternate link, the language switcher, "Also available in".
    assert html.count('hreflang="es"') == 3
    assert "/es/ejercicios/enrollar/" in html and "otro-enrollar" not in html


def test_a_detail_page_lists_each_language_once_even_when_rows_share_a_key(client):
    english = make_exercise("Roll Up", translation_key="roll-up")
    make_exercise("Enrollar", slug="enrollar", language="es", translation_key="roll-up")
    make_exercise("Enrollar B", slug="enrollar-b", language="es", translation_key="roll-up")

    html = client.get(english.get_absolute_url()).content.decode()

    assert html.count('hreflang="es"') == 3
    assert "/es/ejercicios/enrollar/" in html and "/es/ejercicios/enrollar-b/" not in html
