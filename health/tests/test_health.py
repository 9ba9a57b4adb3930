"""content_health on a generated site whose defects are known, one of each kind (and some healthy rows)."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from exercises.models import Exercise
from exercises.tests.factories import make_editor, make_exercise

pytestmark = pytest.mark.django_db

LONG_DESCRIPTION = "A clear description of the exercise, long enough for a search result and a card."
LONG_BODY = "## Benefits\n\n" + "Works the whole back of the body and teaches control of the pelvis. " * 4

EXPECTED = {
    "shared_video": 3,
    "missing_image": 1,
    "untranslated_en": 0,
    "untranslated_es": 1,
    "out_of_date": 1,
    "duplicate_key": 2,
    "thin": 1,
    "no_muscles": 1,
    "no_equipment": 1,
    "broken_links": 1,
    "linkable_modifications": 1,
    "muscle_near_duplicates": 2,
    "muscle_used_once": 2,
    "equipment_near_duplicates": 0,
    "equipment_used_once": 0,
}
TERM_CHECKS = {"muscle_near_duplicates": "muscle", "muscle_used_once": "muscle"}


def healthy(title, language, key, number, **fields):
    fields = {
        "slug": f"{title.lower().replace(' ', '-')}",
        "language": language,
        "translation_key": key,
        "description": LONG_DESCRIPTION,
        "body": LONG_BODY,
        "video_id": f"video{number:06d}",
        "steps": ("Lie down.", "Lift."),
        "modifications": (("Smaller range", "easier", "Lift less."),),
        "faqs": (("How many?", "Ten."),),
        "muscles": ("Gluteus Maximus",),
        "equipment": ("Mat",),
        **fields,
    }
    return make_exercise(title, **fields)


def build_site_with_known_defects():
    for n in range(1, 5):
        healthy(f"Ex {n}", "en", f"k{n}", n)
        healthy(f"Ej {n}", "es", f"k{n}", 10 + n)
    Exercise.objects.filter(language="es", translation_key__in=["k1", "k2", "k3"]).update(video_id="AAAAAAAAAAA")
    Exercise.objects.filter(slug="ex-1").update(image_path="/images/missing.jpg")
    healthy("Lonely", "en", "lonely", 30, equipment=())
    ej4 = Exercise.objects.get(slug="ej-4")
    ej4.source_language, ej4.source_version = "en", 1
    ej4.save()
    Exercise.objects.filter(slug="ex-4").update(content_version=2)
    healthy("Ej dup", "es", "k2", 31)
    Exercise.objects.get(slug="ex-3").faqs.all().delete()
    Exercise.objects.get(slug="ej-1").muscles.clear()
    ex2 = Exercise.objects.get(slug="ex-2")
    ex2.body = LONG_BODY + "\n\n[Fine](/exercises/ex-1/) and [gone](/exercises/nowhere/)."
    ex2.save()
    Exercise.objects.get(slug="ex-1").modifications.create(name="ex 2", level="harder", order=2)
    # A misspelling the vocabulary does not know becomes a term beside the right one: both used once.
    Exercise.objects.get(slug="ex-2").muscles.add("Hamstrings")
    Exercise.objects.get(slug="ex-3").muscles.add("Hamstirngs")


def test_content_health_reports_exactly_the_known_defects():
    build_site_with_known_defects()
    out = StringIO()
    call_command("content_health", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == EXPECTED


def test_content_health_text_output_and_failing_exit_for_ci():
    build_site_with_known_defects()
    out = StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("content_health", "--fail", stdout=out)
    assert exit_info.value.code == 1
    assert "Translation out of date" in out.getvalue()


def test_a_healthy_site_reports_zero_everywhere():
    healthy("Ex 1", "en", "k1", 1)
    healthy("Ej 1", "es", "k1", 2)
    healthy("Ex 2", "en", "k2", 3)
    healthy("Ej 2", "es", "k2", 4)
    out = StringIO()
    call_command("content_health", "--format", "json", "--fail", stdout=out)
    assert set(json.loads(out.getvalue()).values()) == {0}


def test_each_dashboard_count_links_to_the_changelist_filtered_to_those_exercises(client):
    build_site_with_known_defects()
    client.force_login(make_editor())
    index = client.get(reverse("admin:index")).text
    assert "Content health" in index and "<svg" in index
    changelist = reverse("admin:exercises_exercise_changelist")
    for key, count in EXPECTED.items():
        if key.startswith(("muscle_", "equipment_")):
            continue
        assert f'href="{changelist}?health={key}"' in index
        page = client.get(changelist, {"health": key}).text
        assert re.search(rf"\b{count} exercises?\b", page), key


def test_muscle_counts_link_to_the_muscle_list_where_they_can_be_merged(client):
    build_site_with_known_defects()
    client.force_login(make_editor())
    index = client.get(reverse("admin:index")).text
    changelist = reverse("admin:exercises_muscle_changelist")
    for key in TERM_CHECKS:
        assert f'href="{changelist}?health={key}"' in index
        page = client.get(changelist, {"health": key}).text
        assert "Hamstirngs" in page and "Hamstrings" in page and "Gluteus Maximus" not in page
        assert 'value="merge_selected"' in page
