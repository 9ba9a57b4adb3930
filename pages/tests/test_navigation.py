"""The header menu and footer come from the top-level pages of the current language."""

import re

import pytest

from publishing.models import Status

from .factories import make_page, make_section

pytestmark = pytest.mark.django_db


def menu(html):
    nav = re.search(r'<nav class="wrap main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav)


def footer(html):
    found = re.search(r'<footer class="site-footer".*?</footer>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', found)


def test_menu_lists_top_level_sections_by_weight_then_our_own_lists_without_duplicates(client):
    make_section("learn", "Learn", weight=2)
    make_section("studio", "Studio", weight=1)
    make_section("exercises", "Exercise Library", weight=3)
    make_section("learn/fundamentals", "Fundamentals")  # not top level
    make_section("hidden", "Hidden", status=Status.DRAFT)

    links = menu(client.get("/muscles/").content.decode())

    assert links == [
        ("/studio/", "Studio"),
        ("/learn/", "Learn"),
        ("/exercises/", "Exercise Library"),
        ("/workouts/", "Workouts"),
        ("/muscles/", "Muscles"),
        ("/equipment/", "Equipment"),
        ("/difficulties/", "Difficulties"),
    ]


def test_menu_is_in_the_current_language(client):
    make_section("learn", "Learn")
    make_section("aprender", "Aprender", language="es")

    links = menu(client.get("/es/muscles/").content.decode())

    assert links[0] == ("/es/aprender/", "Aprender")
    assert ("/es/ejercicios/", "Ejercicios") in links
    assert ("/learn/", "Learn") not in links


def test_footer_links_top_level_single_pages_and_the_feed(client):
    make_page("about", "About Us")
    make_page("privacy", "Privacy")
    make_page("learn/guide", "Guide")
    make_page("draft", "Draft", status=Status.DRAFT)

    links = footer(client.get("/").content.decode())

    assert links == [("/about/", "About Us"), ("/privacy/", "Privacy"), ("/index.xml", "RSS feed")]


def test_current_section_is_marked_in_the_menu(client):
    make_section("learn", "Learn")

    html = client.get("/learn/").content.decode()

    assert '<a href="/learn/" aria-current="page">Learn</a>' in html


def test_spanish_pages_are_labelled_in_spanish(client):
    make_section("aprender", "Aprender", language="es")
    make_page("aprender/respirar", "Respirar", language="es")
    make_page("privacidad", "Privacidad", language="es")

    html = client.get("/es/aprender/").content.decode()

    assert "Entrenamientos" in [title for _url, title in menu(html)]
    assert '<p class="card-kind">Artículo</p>' in html
    assert '<nav aria-label="Sitio" class="footer-nav">' in html


def test_menu_marks_the_section_of_the_current_page(client):
    make_section("learn", "Learn")
    make_page("learn/guide", "Guide")

    html = client.get("/learn/guide/").content.decode()

    assert '<a href="/learn/" aria-current="true">Learn</a>' in html
