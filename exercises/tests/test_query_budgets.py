"""Each public page type renders with at most eight SQL queries, and the same number for a tiny library
as for a large one with many steps, modifications, FAQs and tags per exercise.

test_views.py checks the budget across many URLs; these tests add the "does not grow" half: the count is
measured twice, on few and on many rows, and must be equal. Every request is a page-cache miss (the
content changes between measurements, and the cache starts empty), so the views really run.
"""

import pytest

from exercises import local_copies
from exercises.models import Exercise, Level

from .factories import make_exercise

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 8
MUSCLES = [f"Muscle {n}" for n in range(40)]
EQUIPMENT = [f"Equipment {n}" for n in range(15)]


def add_exercises(count, *, start=0, steps=1, modifications=1, faqs=1, muscles=1, equipment=1):
    """`count` bilingual pairs of published exercises, each with the given number of child rows and tags."""
    for number in range(start, start + count):
        for language, prefix in (("en", "exercise"), ("es", "ejercicio")):
            make_exercise(
                f"{prefix.title()} {number}",
                slug=f"{prefix}-{number}",
                language=language,
                translation_key=f"exercise-{number}",
                description="A short description.",
                body="## Benefits\n\nStronger.\n\n## Common Mistakes to Avoid\n\nRushing.",
                difficulty=("beginner", "intermediate", "advanced")[number % 3],
                duration=30 * (1 + number % 12),
                video_id="dQw4w9WgXcQ" if number % 2 else "",
                keywords=["leg lift", "glutes", "mat", "core"],
                steps=[f"Step {i} of exercise {number}." for i in range(steps)],
                modifications=[
                    (f"Variation {i}", (Level.EASIER, Level.HARDER)[i % 2], "Do it differently.")
                    for i in range(modifications)
                ],
                faqs=[(f"Question {i}?", "An answer.") for i in range(faqs)],
                muscles=[MUSCLES[(number + i) % len(MUSCLES)] for i in range(muscles)],
                equipment=[EQUIPMENT[(number + i) % len(EQUIPMENT)] for i in range(equipment)],
            )


def grow_library():
    """Many more exercises, and the first one gets many more steps, modifications, FAQs and tags."""
    add_exercises(30, start=100, steps=8, modifications=4, faqs=4, muscles=5, equipment=2)
    first = Exercise.objects.get(language="en", slug="exercise-0")
    make_exercise(
        "Crowded",
        slug="crowded",
        steps=[f"Step {i}" for i in range(25)],
        modifications=[(f"Variation {i}", Level.EASIER, "") for i in range(12)],
        faqs=[(f"Question {i}?", "Answer.") for i in range(12)],
        muscles=MUSCLES[:12],
        equipment=EQUIPMENT[:6],
    )
    for step in range(25):
        first.steps.create(text=f"Extra step {step}", order=100 + step)
        first.faqs.create(question=f"Extra question {step}?", answer="Yes.", order=100 + step)
        first.modifications.create(name=f"Extra {step}", level=Level.HARDER, order=100 + step)
    first.muscles.add(*MUSCLES[10:20])
    first.equipment.add(*EQUIPMENT[5:10])


def queries_for(client, url, django_assert_max_num_queries):
    local_copies.clear_all()
    with django_assert_max_num_queries(QUERY_BUDGET) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    assert response["X-Cache"] == "MISS", url
    return len(captured)


PAGES = [
    "/",
    "/es/",
    "/exercises/",
    "/exercises/?page=2",
    "/exercises/?muscle=muscle-1&equipment=equipment-1",
    "/exercises/?muscle=muscle-1&muscle=muscle-2&equipment=equipment-1&equipment=none&difficulty=beginner"
    "&max_duration=300&sort=title",
    "/exercises/?q=exercise&muscle=muscle-1&difficulty=intermediate",
    "/exercises/exercise-0/",
    "/es/ejercicios/ejercicio-0/",
    "/muscles/muscle-1/",
    "/equipment/equipment-1/",
    "/difficulties/beginner/",
    "/muscles/",
    "/equipment/",
    "/difficulties/",
]


def test_no_page_needs_more_queries_for_a_larger_library(client, django_assert_max_num_queries):
    # Enough for every URL above to list at least one exercise, and for a second list page (a page
    # number beyond the last redirects instead of rendering).
    add_exercises(13, muscles=2, equipment=2)
    few = {url: queries_for(client, url, django_assert_max_num_queries) for url in PAGES}
    grow_library()
    many = {url: queries_for(client, url, django_assert_max_num_queries) for url in PAGES}
    grown = {url: (few[url], many[url]) for url in PAGES if many[url] != few[url]}
    assert not grown, f"queries (3 pairs, 34 pairs): {grown}"


def test_detail_with_many_children_and_tags_needs_no_more_queries_than_a_bare_one(
    client, django_assert_max_num_queries
):
    add_exercises(3)
    make_exercise("Bare", slug="bare", muscles=["Muscle 1"])
    grow_library()
    bare = queries_for(client, "/exercises/bare/", django_assert_max_num_queries)
    crowded = queries_for(client, "/exercises/crowded/", django_assert_max_num_queries)
    assert crowded == bare


def test_search_needs_the_same_queries_for_5_and_50_exercises(client, django_assert_max_num_queries):
    url = "/exercises/?q=leg+lift&muscle=muscle-1"
    add_exercises(5, muscles=2, equipment=2)
    few = queries_for(client, url, django_assert_max_num_queries)
    add_exercises(45, start=5, steps=4, muscles=2, equipment=2)
    assert queries_for(client, url, django_assert_max_num_queries) == few
