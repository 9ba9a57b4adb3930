"""The sites `make bench` and `make audit` import (bench/site_content.py, bench/audit_library.py) are valid and
are the mix their descriptions say they are."""

from io import StringIO

import pytest
from django.core.management import call_command

from bench.audit_library import write_library
from bench.site_content import ITEMS_PER_WORKOUT, generate_site
from exercises.models import Exercise
from pages.models import Page
from workouts.models import Workout, WorkoutItem

pytestmark = pytest.mark.django_db


def test_the_benchmark_site_imports_whole_with_every_workout_item_linked(tmp_path):
    files = generate_site(tmp_path, 300)
    out = StringIO()
    call_command("import_content", str(tmp_path), stdout=out)
    assert f"Imported {files} files" in out.getvalue()
    assert files == 300
    assert Exercise.objects.count() == 180
    assert Workout.objects.count() == 50
    assert Exercise.objects.count() + Workout.objects.count() + Page.objects.count() == files
    assert WorkoutItem.objects.count() == 50 * ITEMS_PER_WORKOUT
    assert not WorkoutItem.objects.filter(exercise__isnull=True).exists()
    from_data = Workout.objects.get(language="es", slug="entrenamiento-1")
    assert from_data.data_file == "workouts.json"
    assert from_data.items.first().name == "Exercise 7 (es)"
    assert Page.objects.filter(language="en", path="learn/fundamentals", kind="section").exists()


def test_a_site_with_a_thousand_workouts_imports(tmp_path):
    """SQLite refused the exercise lookup once it had one condition per workout (expression tree > 1000)."""
    folder = tmp_path / "content" / "workouts"
    folder.mkdir(parents=True)
    for n in range(1000):
        (folder / f"w-{n}.md").write_text(f"---\ntitle: W {n}\nitems: [{{name: Roll Up {n}}}]\n---\n")
    out = StringIO()
    call_command("import_content", str(tmp_path), stdout=out)
    assert "Workouts: 1000 created" in out.getvalue()
    assert WorkoutItem.objects.count() == 1000


def test_the_audit_library_adds_bilingual_pairs_tagged_from_the_vocabulary_to_the_fixtures(tmp_path):
    generated = write_library(tmp_path / "content", 40)
    out = StringIO()
    # --strict-tags refuses any muscle or equipment name the vocabulary does not know.
    call_command("import_content", str(tmp_path / "content"), "--strict-tags", stdout=out)
    assert generated == 40
    assert Exercise.objects.filter(language="en", slug__startswith="exercise-").count() == 20
    assert Exercise.objects.filter(language="es", slug__startswith="ejercicio-").count() == 20
    assert Exercise.objects.exclude(slug__startswith="exercise-").exclude(slug__startswith="ejercicio-").exists()
    assert Workout.objects.filter(language="es").exists()
    english, spanish = Exercise.objects.get(slug="exercise-5"), Exercise.objects.get(slug="ejercicio-5")
    assert english.translation_key == spanish.translation_key
    concepts = {muscle.concept_id for muscle in english.muscles.all()}
    assert len(concepts) == 3
    assert concepts == {muscle.concept_id for muscle in spanish.muscles.all()}
    equipment = [{term.concept_id for term in version.equipment.all()} for version in (english, spanish)]
    assert equipment[0] == equipment[1]
    assert english.video_id == spanish.video_id != ""
    assert Exercise.objects.filter(slug__startswith="exercise-").exclude(video_id="").count() == 4
    assert (english.steps.count(), english.modifications.count(), english.faqs.count()) == (5, 3, 3)
