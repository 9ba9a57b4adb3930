"""Forgiving search on the exercise list: typos suggest a title, the exact title ranks first, and a search in
the wrong language points to the language that has results."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from exercises import local_copies
from exercises.models import Exercise
from exercises.suggestions import alternatives, correct

from .factories import make_exercise

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    now = timezone.now()
    # "Plank" is the oldest: a newest-first tie-break would put it last.
    make_exercise("Plank", publish_at=now - timedelta(days=30), muscles=["Core"])
    for days, title in enumerate(["Ring Plank", "Side Plank", "Plank Jacks", "Forearm Plank to Push-up"], start=1):
        make_exercise(title, publish_at=now - timedelta(days=days))
    make_exercise("The Hundred", equipment=["Mat"])
    for slug, title in (("plancha", "Plancha"), ("plancha-lateral", "Plancha lateral"), ("cien", "El cien")):
        make_exercise(title, slug=slug, language="es", keywords=["abdominales"])


def titles(html):
    return re.findall(r'<h3 class="card-title"><a href="[^"]*">([^<]*)</a>', html)


def test_a_typo_suggests_the_title(client, library):
    html = client.get("/exercises/", {"q": "plnak"}).content.decode()
    assert "0 exercises" in html
    assert re.search(r'Did you mean <a href="/exercises/\?q=Plank">Plank</a>\?', html)


def test_a_typo_in_a_word_of_a_title_finds_or_suggests_the_word(client, library):
    html = client.get("/exercises/", {"q": "hundered"}).content.decode()
    if connection.vendor == "postgresql":  # its trigram index finds close words itself
        assert titles(html) == ["The Hundred"]
    else:
        assert re.search(r'Did you mean <a href="/exercises/\?q=hundred">hundred</a>\?', html)
        assert titles(client.get("/exercises/", {"q": "hundred"}).content.decode()) == ["The Hundred"]


def test_following_the_suggestion_finds_the_exercise(client, library):
    assert "Plank" in titles(client.get("/exercises/", {"q": "Plank"}).content.decode())


def test_the_exact_title_ranks_first_then_titles_starting_with_it(client, library):
    found = titles(client.get("/exercises/", {"q": "plank"}).content.decode())
    assert found[0] == "Plank"
    assert found[1] == "Plank Jacks"
    assert set(found[2:]) == {"Ring Plank", "Side Plank", "Forearm Plank to Push-up"}


def test_a_spanish_query_on_the_english_list_links_to_the_spanish_results(client, library):
    html = client.get("/exercises/", {"q": "abdominales"}).content.decode()
    assert "0 exercises" in html
    link = re.search(
        r'<p class="other-language" id="other-language-es"><a href="([^"]*)" hreflang="es">([^<]*)</a>', html
    )
    assert link.groups() == ("/es/ejercicios/?q=abdominales", "3 results in Español")
    spanish = client.get(link.group(1)).content.decode()
    assert set(titles(spanish)) == {"Plancha", "Plancha lateral", "El cien"}


def test_a_search_with_results_offers_no_suggestion_or_other_language(client, library):
    html = client.get("/exercises/", {"q": "plank"}).content.decode()
    assert "Did you mean" not in html and "other-language" not in html


def test_nonsense_gets_no_suggestion(client, library):
    html = client.get("/exercises/", {"q": "xyzzyqq"}).content.decode()
    assert "Did you mean" not in html and "other-language" not in html


def test_known_words_and_short_words_are_not_corrected():
    assert correct("plank", {"plank": "Plank"}, {"plank"}) == ""
    assert correct("pl", {"plank": "Plank"}, {"plank"}) == ""


def test_a_tag_name_is_a_suggestion_too(library):
    assert alternatives(Exercise.objects.published(), "coer", "en").suggestion == "core"


def test_a_search_without_results_stays_within_the_query_budget(client, library, django_assert_max_num_queries):
    local_copies.clear_all()
    with django_assert_max_num_queries(8):
        response = client.get(
            "/exercises/", {"q": "plnak", "muscle": "core", "equipment": "mat", "difficulty": "beginner"}
        )
    assert "Did you mean" in response.content.decode()


def test_the_spanish_list_offers_the_english_results_in_spanish(client, library):
    html = client.get("/es/ejercicios/", {"q": "jacks"}).content.decode()
    assert '<a href="/exercises/?q=jacks" hreflang="en">1 resultado en English</a>' in html


def test_the_spanish_list_finds_or_suggests_in_spanish(client, library):
    html = client.get("/es/ejercicios/", {"q": "planhca"}).content.decode()
    if connection.vendor == "postgresql":  # its trigram index finds close words itself
        assert "Plancha" in titles(html)
    else:
        assert re.search(r'¿Quisiste decir <a href="/es/ejercicios/\?q=Plancha">Plancha</a>\?', html)
