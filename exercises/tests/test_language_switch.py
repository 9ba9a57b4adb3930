"""The language switch leads to the same page in the other language, or to the nearest one it has."""

import re

import pytest

from .factories import make_exercise

pytestmark = pytest.mark.django_db


def switch_target(client, path, language="es"):
    html = client.get(path).content.decode()
    nav = re.search(r'<nav class="languages".*?</nav>', html, re.S).group(0)
    return re.search(rf'href="([^"]*)"[^>]*hreflang="{language}"|hreflang="{language}"[^>]*href="([^"]*)"', nav)


def target(client, path, language="es"):
    found = switch_target(client, path, language)
    return (found.group(1) or found.group(2)).replace("&amp;", "&")


@pytest.fixture
def bilingual():
    make_exercise("Bridge", muscles=["Glutes", "Hamstrings"], equipment=["Mat"], translation_key="bridge")
    make_exercise(
        "Puente", slug="puente", language="es", muscles=["glúteos"], equipment=["mat"], translation_key="bridge"
    )
    make_exercise("Wall Sit", muscles=["Quadriceps"])


def test_filtered_list_switches_to_the_same_filters_in_the_other_language(client, bilingual):
    path = "/exercises/?muscle=glutes&muscle=hamstrings&equipment=mat&difficulty=beginner&q=bridge&sort=title"
    assert target(client, path) == "/es/ejercicios/?muscle=gluteos&equipment=esterilla&difficulty=beginner&sort=title"
    back = "/es/ejercicios/?muscle=gluteos&equipment=esterilla"
    assert target(client, back, "en") == "/exercises/?muscle=glutes&equipment=mat"


def test_unfiltered_list_switches_to_the_other_list(client, bilingual):
    assert target(client, "/exercises/") == "/es/ejercicios/"


def test_muscle_page_switches_to_the_concept_page_or_the_muscle_index(client, bilingual):
    assert target(client, "/muscles/glutes/") == "/es/muscles/gluteos/"
    assert target(client, "/muscles/quadriceps/") == "/es/muscles/"  # no Spanish exercise works them


def test_detail_without_translation_switches_to_the_other_exercise_list(client, bilingual):
    assert target(client, "/exercises/bridge/") == "/es/ejercicios/puente/"
    assert target(client, "/exercises/wall-sit/") == "/es/ejercicios/"
