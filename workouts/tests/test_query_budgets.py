"""The workout page, the list and the builder stay within eight SQL queries, and the count does not grow
with the number of items, workouts or exercises (measured on few and on many rows)."""

import pytest
from django.core.cache import cache

from exercises.tests.factories import make_exercise
from pages.models import Kind as PageKind
from workouts.models import Kind, Workout

from .factories import make_page, make_workout

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 8


def queries_for(client, url, django_assert_max_num_queries):
    cache.clear()
    with django_assert_max_num_queries(QUERY_BUDGET) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def add_content(start, count, items_per_workout):
    for number in range(start, start + count):
        exercise = make_exercise(
            f"Exercise {number}", muscles=[f"Muscle {number % 7}"], equipment=[f"Kit {number % 3}"]
        )
        make_workout(
            f"Workout {number}",
            equipment=[f"Kit {number % 3}", "Mat"],
            focus=[f"Focus {number % 5}"],
            difficulty="beginner",
            translation_key=f"workout-{number}",
            items=[
                {"name": f"Item {i}", "exercise": exercise, "kind": list(Kind)[i % 3], "duration": 30, "reps": "10"}
                for i in range(items_per_workout)
            ],
        )
        make_workout(f"Entrenamiento {number}", language="es", translation_key=f"workout-{number}")


URLS = [
    "/workouts/workout-0/",
    "/workouts/",
    "/workouts/?focus=focus-1&equipment=mat&duration=0-10&difficulty=beginner&page=2",
    "/workouts/builder/",
    "/workouts/builder/?duration=45&difficulty=advanced&equipment=kit-1&focus=muscle-2",
]


@pytest.mark.parametrize("url", URLS)
def test_query_count_does_not_grow_with_content(client, url, django_assert_max_num_queries):
    make_page("Workouts", "workouts", kind=PageKind.SECTION)
    add_content(0, 3, items_per_workout=2)
    few = queries_for(client, url, django_assert_max_num_queries)

    add_content(100, 40, items_per_workout=3)
    make_workout("Workout 0", slug="workout-0-long")  # unrelated
    first = Workout.objects.get(slug="workout-0", language="en")
    for number in range(60):
        first.items.create(name=f"Extra {number}", kind=Kind.MAIN, duration=45, order=100 + number)
    many = queries_for(client, url, django_assert_max_num_queries)

    assert few == many
