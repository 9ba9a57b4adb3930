"""The site `make bench` imports (bench/site_content.py) is valid and is the mix its table says it is."""

from io import StringIO

import pytest
from django.core.management import call_command

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
