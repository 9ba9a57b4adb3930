import re
from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone
from django.utils.text import slugify

from exercises import filters
from exercises.models import Exercise, Status

from .factories import make_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    make_exercise("Bridge", muscles=["Glutes", "Hamstrings"], equipment=["Mat"], difficulty="beginner", duration=60)
    make_exercise("Squat", muscles=["Glutes", "Quadriceps"], difficulty="intermediate", duration=120)
    make_exercise(
        "Band Walk", muscles=["Glutes"], equipment=["Resistance Band"], difficulty="intermediate", duration=300
    )
    make_exercise("Nordic Curl", muscles=["Hamstrings"], equipment=["Bench"], difficulty="advanced", duration=600)
    make_exercise("Lunge", muscles=["Quadriceps"], difficulty="beginner")
    make_exercise("Puente", slug="puente", language="es", muscles=["Glutes"], difficulty="beginner")


def run(query):
    return filters.results(Exercise.objects.published().in_language("en"), QueryDict(query), "en")


def titles(results):
    return sorted(exercise.title for exercise in results.exercises)


def counts(results, facet_name):
    facet = next(facet for facet in results.facets if facet.name == facet_name)
    return {option.value: option.count for option in facet.options}


def test_no_filter_lists_every_public_exercise_in_the_language(library):
    results = run("")
    assert results.total == 5
    assert titles(results) == ["Band Walk", "Bridge", "Lunge", "Nordic Curl", "Squat"]


def test_muscle_facet_counts_every_muscle(library):
    assert counts(run(""), "muscle") == {"glutes": 3, "hamstrings": 2, "quadriceps": 2}


def test_several_values_in_one_facet_mean_any_of_them(library):
    assert titles(run("muscle=hamstrings&muscle=quadriceps")) == ["Bridge", "Lunge", "Nordic Curl", "Squat"]


def test_different_facets_combine_with_and(library):
    assert titles(run("muscle=glutes&difficulty=intermediate")) == ["Band Walk", "Squat"]


def test_facet_counts_apply_the_other_facets_but_not_their_own(library):
    results = run("muscle=glutes&difficulty=intermediate")
    assert counts(results, "muscle") == {"glutes": 2, "quadriceps": 1}
    assert counts(results, "difficulty") == {"beginner": 1, "intermediate": 2, "advanced": 0}
    assert counts(results, "equipment") == {"none": 1, "resistance-band": 1}


def test_equipment_none_means_no_equipment_needed(library):
    assert titles(run("equipment=none")) == ["Lunge", "Squat"]


def test_equipment_none_combines_with_an_equipment_as_either(library):
    assert titles(run("equipment=none&equipment=mat")) == ["Bridge", "Lunge", "Squat"]


def test_equipment_facet_counts_no_equipment(library):
    assert counts(run(""), "equipment") == {"none": 2, "resistance-band": 1, "bench": 1, "mat": 1}


def test_max_duration_keeps_exercises_up_to_that_many_seconds(library):
    assert titles(run("max_duration=120")) == ["Bridge", "Squat"]


def test_duration_counts_are_cumulative(library):
    assert counts(run(""), "max_duration") == {"60": 1, "120": 2, "300": 3, "600": 4}


def test_difficulty_facet(library):
    assert titles(run("difficulty=beginner&difficulty=advanced")) == ["Bridge", "Lunge", "Nordic Curl"]


def test_all_facets_and_search_together(library):
    results = run(
        "muscle=glutes&muscle=hamstrings&equipment=mat&equipment=bench&difficulty=beginner&max_duration=60&q=bridge"
    )
    assert titles(results) == ["Bridge"]
    assert results.total == 1


def test_sort_by_title_and_duration(library):
    assert [e.title for e in run("sort=title").exercises][:2] == ["Band Walk", "Bridge"]
    assert [e.title for e in run("sort=duration").exercises] == ["Bridge", "Squat", "Band Walk", "Nordic Curl", "Lunge"]


def test_newest_first_by_default(library):
    assert run("").exercises[0].title == "Lunge"


def test_unknown_tag_slugs_are_ignored(library):
    results = run("muscle=unicorn&muscle=glutes")
    assert results.selection.muscles == ("glutes",)
    assert results.total == 3


def test_malformed_values_are_dropped():
    selection = filters.parse(QueryDict("difficulty=expert&max_duration=-5&page=x&sort=random&muscle=a/b&muscle=a%20b"))
    assert selection == filters.Selection()


def test_chips_carry_names_and_the_query_that_removes_them(library):
    results = run("muscle=glutes&difficulty=beginner&q=br")
    chips = {chip.label: chip.remove_url for chip in results.chips}
    assert chips["Glutes"] == "?q=br&difficulty=beginner"
    assert chips["Beginner"] == "?q=br&muscle=glutes"
    assert chips["“br”"] == "?muscle=glutes&difficulty=beginner"


def test_chip_of_a_tag_with_no_results_still_shows_its_name(library):
    results = run("muscle=quadriceps&equipment=resistance-band")
    assert {chip.label for chip in results.chips} == {"Quadriceps", "Resistance Band"}


def test_page_links_keep_the_filters():
    results = filters.Results(filters.Selection(muscles=("glutes",), page=5), [], [], 120, 5, 10)
    assert results.pages[0] == (1, "?muscle=glutes")
    assert None in results.pages
    assert results.next_url == "?muscle=glutes&page=6"


def test_facet_counts_take_a_fixed_number_of_queries(library, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        run("muscle=glutes&equipment=mat&equipment=none&difficulty=beginner&max_duration=600&q=bridge")


def without_nonce(html):
    """The page without its per-response CSP nonces."""
    return re.sub(rb' nonce="[^"]*"', b"", html)


HIDDEN_TAGS = {
    "draft": ("Codename Zygomatic", {"status": Status.DRAFT}),
    "scheduled": ("Codename Trapezius", {"publish_at": timezone.now() + timedelta(days=1)}),
    "other language": ("Codename Soleus", {"language": "es"}),
}


@pytest.mark.parametrize("facet, field", [("muscle", "muscles"), ("equipment", "equipment")])
@pytest.mark.parametrize("hidden_by", HIDDEN_TAGS)
def test_tag_no_visible_exercise_uses_is_treated_as_unknown_on_the_list_page(client, facet, field, hidden_by):
    name, fields = HIDDEN_TAGS[hidden_by]
    make_exercise("Bridge", muscles=["Glutes"], equipment=["Mat"])
    make_exercise("Hidden", slug="hidden", **{field: [name]}, **fields)
    page = client.get(f"/exercises/?{facet}={slugify(name)}")
    assert page.status_code == 200
    assert name not in page.content.decode()
    unknown = client.get(f"/exercises/?{facet}=no-such-tag")
    assert without_nonce(page.content) == without_nonce(unknown.content)


@pytest.mark.parametrize("path, field", [("/muscles/", "muscles"), ("/equipment/", "equipment")])
def test_landing_page_of_a_tag_only_drafts_use_is_404_without_its_name(client, path, field):
    make_exercise("Hidden", slug="hidden", status=Status.DRAFT, **{field: ["Codename Zygomatic"]})
    response = client.get(f"{path}codename-zygomatic/")
    assert response.status_code == 404
    assert "Codename Zygomatic" not in response.content.decode()
