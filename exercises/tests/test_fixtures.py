"""The starter library in fixtures/: it imports cleanly, completely and idempotently."""

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from exercises.models import Exercise, Level

pytestmark = pytest.mark.django_db

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
FAMILY = {
    "prone-leg-lift",
    "supine-leg-lift",
    "alternating-leg-lift",
    "side-lying-leg-lift",
    "reverse-leg-lift",
    "plank-leg-lift",
    "hanging-leg-raise",
    "standing-back-leg-raise",
    "bent-knee-leg-lift",
}
SECTIONS = {
    "en": ["## Benefits", "## Common Mistakes to Avoid", "## Tips for Success", "## Safety"],
    "es": ["## Beneficios", "## Errores comunes", "## Consejos", "## Seguridad"],
}


def load():
    out = StringIO()
    call_command("import_content", "--only-new", str(FIXTURES), stdout=out)
    return out.getvalue()


def test_fixtures_import_the_whole_leg_lift_family_in_english_and_spanish():
    assert "Exercises: 18 created" in load()
    for language in ("en", "es"):
        keys = set(Exercise.objects.filter(language=language).values_list("translation_key", flat=True))
        assert keys == FAMILY


def test_fixtures_reimport_changes_nothing():
    load()
    assert "Exercises: 0 created, 0 updated, 18 unchanged" in load()


def test_every_fixture_is_complete():
    load()
    for exercise in Exercise.objects.prefetch_related("steps", "modifications", "faqs"):
        levels = {m.level for m in exercise.modifications.all()}
        assert exercise.steps.count() >= 4, exercise
        assert levels == {Level.EASIER, Level.HARDER}, exercise
        assert exercise.faqs.count() >= 2, exercise
        assert exercise.muscles.count() and exercise.equipment.count(), exercise
        assert exercise.duration and exercise.keywords and exercise.description, exercise
        assert exercise.is_public, exercise
        for heading in SECTIONS[exercise.language]:
            assert heading in exercise.body, (exercise, heading)


def test_spanish_fixtures_use_spanish_slugs_and_link_to_english():
    load()
    spanish = Exercise.objects.get(language="es", translation_key="prone-leg-lift")
    assert spanish.slug == "elevación-de-pierna-prona"
    assert [t.slug for t in spanish.translations()] == ["prone-leg-lift"]


def test_fixtures_state_the_key_facts():
    load()
    prone = Exercise.objects.get(language="en", slug="prone-leg-lift")
    text = " ".join([prone.body, *prone.faqs.values_list("answer", flat=True)])
    for fact in (
        "gluteus maximus",
        "hamstrings",
        "erector spinae",
        "transverse abdominis",
        "multifidus",
        "arching the lower back",
        "ankle weights",
        "resistance band",
        "10–15 repetitions per leg",
        "non-consecutive days",
        "disc problem",
        "pregnant or postpartum",
    ):
        assert fact in text.lower(), fact
    assert "gluteus-medius" in Exercise.objects.get(language="en", slug="side-lying-leg-lift").muscles.slugs()
    assert "pull-up-bar" in Exercise.objects.get(language="en", slug="hanging-leg-raise").equipment.slugs()
    assert "pressed to the floor" in Exercise.objects.get(language="en", slug="supine-leg-lift").description
    assert Exercise.objects.get(language="en", slug="reverse-leg-lift").difficulty == "advanced"


def test_fixtures_hold_workouts_articles_and_legal_pages_in_both_languages():
    from pages.models import Page
    from workouts.models import Workout

    load()
    for language in ("en", "es"):
        workouts = Workout.objects.published().filter(language=language)
        assert workouts.count() >= 3
        for workout in workouts:
            linked = [item for item in workout.items.all() if item.exercise_id]
            assert linked and all(item.exercise.language == language for item in linked), workout
            assert workout.total_seconds == workout.duration, workout
        pages = Page.objects.published().filter(language=language)
        assert pages.filter(kind="page", section__in=["learn", "aprender"]).count() >= 3
        assert set(pages.values_list("translation_key", flat=True)) >= {"about", "privacy"}
    assert not Exercise.objects.filter(section__in=["learn", "aprender", "workouts", "entrenamientos", ""]).exists()


def test_loading_the_fixtures_again_keeps_an_editors_changes():
    from pages.models import Page

    load()
    Exercise.objects.filter(slug="prone-leg-lift", language="en").update(title="Edited by an editor")
    Page.objects.filter(path="about", language="en").update(title="Our studio")
    load()
    assert Exercise.objects.get(slug="prone-leg-lift", language="en").title == "Edited by an editor"
    assert Page.objects.get(path="about", language="en").title == "Our studio"
