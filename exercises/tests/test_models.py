from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from exercises.models import Exercise, Muscle, Status

from .factories import make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled():
    public = make_exercise("Public")
    make_exercise("Draft", status=Status.DRAFT)
    make_exercise("Scheduled", publish_at=timezone.now() + timedelta(hours=1))
    assert list(Exercise.objects.published()) == [public]


def test_slug_is_unique_per_language_only():
    make_exercise("Leg Lift", slug="leg-lift", language="en")
    make_exercise("Leg Lift", slug="leg-lift", language="es")
    with pytest.raises(IntegrityError):
        make_exercise("Another", slug="leg-lift", language="en")


def test_unicode_slug_stays_readable():
    exercise = make_exercise("Tirón de cuello", slug="tirón-de-cuello", language="es")
    exercise.full_clean()
    assert unquote(exercise.get_absolute_url()) == "/es/ejercicios/tirón-de-cuello/"


def test_body_is_rendered_and_sanitised_on_save():
    exercise = make_exercise(
        body="## Tips\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    assert "<h2>Tips</h2>" in exercise.body_html
    assert "<script" not in exercise.body_html
    assert "javascript:" not in exercise.body_html
    assert "onerror" not in exercise.body_html


def test_translation_key_defaults_to_slug():
    assert make_exercise("Plank Leg Lift").translation_key == "plank-leg-lift"


def test_first_published_date_is_set_when_published():
    exercise = make_exercise("Dated")
    assert exercise.date == exercise.publish_at


def test_tags_are_matched_by_slug():
    first = make_exercise("One", muscles=["Hip Flexors"])
    second = make_exercise("Two", muscles=["hip flexors"])
    third = make_exercise("Three", muscles=["hip-flexors", "Hip Flexors"])
    assert Muscle.objects.count() == 1
    assert {first.muscles.get().pk, second.muscles.get().pk, third.muscles.get().pk} == {Muscle.objects.get().pk}
    assert Muscle.objects.get().name == "Hip Flexors"


def test_muscles_and_equipment_are_separate_tag_sets():
    exercise = make_full_exercise()
    assert sorted(exercise.muscles.names()) == ["Gluteus Maximus", "Hamstrings"]
    assert list(exercise.equipment.names()) == ["Mat"]


def test_image_requires_alt_text():
    exercise = make_exercise(image="exercises/x.jpg")
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert "image_alt" in error.value.message_dict


def test_keywords_must_be_list_of_strings():
    exercise = make_exercise(keywords={"a": 1})
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert "keywords" in error.value.message_dict


def test_language_must_be_enabled():
    exercise = make_exercise(language="fr")
    with pytest.raises(ValidationError) as error:
        exercise.full_clean()
    assert "language" in error.value.message_dict


def test_children_keep_their_order():
    exercise = make_full_exercise()
    assert [step.text for step in exercise.steps.all()] == ["Lie face down.", "Lift one leg.", "Lower it slowly."]
    assert [m.level for m in exercise.modifications.all()] == ["easier", "harder"]


def test_translations_share_the_key():
    english = make_exercise("Leg Lift", slug="leg-lift", translation_key="leg-lift")
    spanish = make_exercise(
        "Elevación de pierna", slug="elevación-de-pierna", language="es", translation_key="leg-lift"
    )
    make_exercise("Other", slug="other")
    assert list(english.translations()) == [spanish]
