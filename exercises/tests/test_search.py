import pytest
from django.db import connection

from exercises.models import Exercise
from exercises.search import matches, normalise, search, search_terms

from .factories import make_exercise

pytestmark = pytest.mark.django_db


def found(query, language="en"):
    queryset = Exercise.objects.published().in_language(language)
    return sorted(exercise.title for exercise in search(queryset, query, language))


def test_normalise_lowers_strips_accents_and_punctuation():
    assert normalise("Elevación de Pierna—Leg-Lift!") == "elevacion de pierna leg lift"


def test_search_terms_strip_simple_plurals():
    assert search_terms("Leg Lifts") == ["leg", "lift"]
    assert search_terms("elevaciones") == ["elevacion"]
    assert search_terms("press abs") == ["press", "abs"]


def test_matches_needs_every_term():
    assert matches("Prone leg-lifts", "leg lift")
    assert not matches("Prone leg-lifts", "leg curl")


@pytest.mark.parametrize("query", ["leg lift", "leg-lift", "leg lifts", "LEG LIFT", "Leg-Lifts"])
def test_leg_lift_spellings_find_the_same_exercises(query):
    make_exercise("Prone Leg Lift")
    make_exercise("Side leg-lift", slug="side-leg-lift")
    make_exercise("Plank")
    assert found(query) == ["Prone Leg Lift", "Side leg-lift"]


@pytest.mark.parametrize("query", ["elevación", "elevacion", "ELEVACIÓN", "elevaciones"])
def test_search_ignores_case_and_accents(query):
    make_exercise("Elevación de pierna", slug="elevacion", language="es")
    assert found(query, "es") == ["Elevación de pierna"]


@pytest.mark.parametrize(
    "fields, query",
    [
        ({"description": "Strengthens the posterior chain."}, "posterior chain"),
        ({"keywords": ["hip hinge"]}, "hip hinge"),
        ({"steps": ["Squeeze your shoulder blades."]}, "shoulder blades"),
        ({"muscles": ["Gluteus Medius"]}, "gluteus medius"),
        ({"equipment": ["Kettlebell"]}, "kettlebell"),
    ],
    ids=["description", "keywords", "steps", "muscles", "equipment"],
)
def test_search_looks_at_every_text_field(fields, query):
    make_exercise("Target", **fields)
    make_exercise("Other")
    assert found(query) == ["Target"]


def test_search_only_sees_the_queryset_it_is_given():
    make_exercise("Leg Lift")
    make_exercise("Leg Lift", slug="leg-lift-es", language="es")
    assert found("leg lift", "es") == ["Leg Lift"]
    assert found("leg lift", "en") == ["Leg Lift"]


def test_empty_or_punctuation_query_changes_nothing():
    make_exercise("Plank")
    assert found("  --  ") == ["Plank"]


def test_title_matches_rank_first():
    make_exercise("Plank", description="Not a bridge.")
    make_exercise("Bridge", slug="bridge-title")
    queryset = search(Exercise.objects.all(), "bridge", "en").order_by("-search_rank", "title")
    assert [exercise.title for exercise in queryset] == ["Bridge", "Plank"]


def test_sql_wildcards_in_a_query_are_plain_text():
    make_exercise("Plank")
    assert found("%") == ["Plank"]  # punctuation only: no filter, no error
    assert found("100%") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="typo tolerance needs PostgreSQL's pg_trgm")
def test_postgresql_search_tolerates_typos_and_stems_words():
    make_exercise("Hamstring Curl")
    make_exercise("Plank")
    assert found("hamstrng curl") == ["Hamstring Curl"]
    assert found("curling") == ["Hamstring Curl"]
