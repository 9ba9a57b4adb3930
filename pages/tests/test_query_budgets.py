"""Pages, section pages and section feeds stay within eight queries, as many for a crowded section as for
a bare one (every request a page-cache miss, so the views really run)."""

import pytest
from django.core.cache import cache

from exercises.tests.factories import make_exercise

from .factories import make_page, make_section, make_workout

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 8
URLS = [
    "/learn/",
    "/learn/?page=2",
    "/learn/guide-0/",
    "/learn/index.xml",
    "/exercises/mat/",
    "/exercises/mat/?page=2",
    "/exercises/mat/index.xml",
    "/es/aprender/",
    "/exercises/",
    "/folder/",
    "/folder/index.xml",
]


def fill(count, start=0):
    """`count` children of every type in each section, and top-level pages for the menu and footer."""
    for number in range(start, start + count):
        make_page(f"learn/guide-{number}", f"Guide {number}", translation_key=f"guide-{number}")
        make_page(f"aprender/guia-{number}", f"Guía {number}", language="es", translation_key=f"guide-{number}")
        make_section(f"learn/topic-{number}", f"Topic {number}")
        make_exercise(f"Exercise {number}", section="learn")
        make_exercise(f"Mat {number}", section="exercises/mat")
        make_workout(f"Workout {number}", section="learn")
        make_workout(f"Mat Flow {number}", section="exercises/mat")
        make_page(f"page-{number}", f"Page {number}")
        make_page(f"folder/note-{number}", f"Note {number}")  # a folder without _index.md
        make_section(f"top-{number}", f"Top {number}")


def queries_for(client, url, django_assert_max_num_queries):
    cache.clear()
    with django_assert_max_num_queries(QUERY_BUDGET) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_pages_need_no_more_queries_for_crowded_sections(client, django_assert_max_num_queries):
    make_section("learn", "Learn", translation_key="learn")
    make_section("aprender", "Aprender", language="es", translation_key="learn")
    make_section("exercises", "Exercises")
    make_section("exercises/mat", "Mat", section="exercises")
    fill(4)
    few = {url: queries_for(client, url, django_assert_max_num_queries) for url in URLS}
    fill(40, start=100)
    many = {url: queries_for(client, url, django_assert_max_num_queries) for url in URLS}
    assert few == many


@pytest.mark.parametrize("url", ["/exercises/no-such/", "/no/such/page/", "/learn/no-such/page/2/", "/es/nada/"])
def test_not_found_addresses_stay_within_the_budget(client, django_assert_max_num_queries, url):
    make_section("learn", "Learn")
    fill(3)
    cache.clear()
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert client.get(url).status_code == 404
