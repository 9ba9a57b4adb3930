"""Section feeds at Hugo's addresses: <section>/index.xml lists the section's children as RSS."""

import xml.etree.ElementTree as ET

import pytest

from exercises.tests.factories import make_exercise
from publishing.models import Status

from .factories import make_page, make_section, make_workout

pytestmark = pytest.mark.django_db


def rss_items(response):
    channel = ET.fromstring(response.content).find("channel")
    return channel, [
        (item.findtext("title"), item.findtext("link"), item.findtext("description"))
        for item in channel.findall("item")
    ]


def test_section_feed_is_rss_of_its_pages_exercises_and_workouts(client):
    make_section("learn", "Learn", description="Guides.")
    make_page("learn/breathing", "Breathing", description="In through the nose.")
    make_exercise("Hundred", section="learn", description="Pump the arms.")
    make_workout("Quick Flow", section="learn")
    make_page("learn/draft", "Draft", status=Status.DRAFT)

    response = client.get("/learn/index.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel, items = rss_items(response)
    assert channel.findtext("title") == "Learn"
    assert channel.findtext("link") == "http://testserver/learn/"
    assert sorted(items) == [
        ("Breathing", "http://testserver/learn/breathing/", "In through the nose."),
        ("Hundred", "http://testserver/exercises/hundred/", "Pump the arms."),
        ("Quick Flow", "http://testserver/workouts/quick-flow/", ""),
    ]


def test_spanish_and_shadowed_section_feeds(client):
    make_section("aprender", "Aprender", language="es")
    make_page("aprender/respirar", "Respirar", language="es")
    make_section("exercises/mat", "Mat", section="exercises")
    make_exercise("Hundred", section="exercises/mat")

    spanish = rss_items(client.get("/es/aprender/index.xml"))[1]
    assert spanish[0][:2] == ("Respirar", "http://testserver/es/aprender/respirar/")
    assert rss_items(client.get("/exercises/mat/index.xml"))[1][0][0] == "Hundred"


def test_feed_descriptions_are_plain_text(client):
    make_section("learn", "Learn")
    make_page("learn/tags", "Tags", description="<b>bold</b> & plain")

    response = client.get("/learn/index.xml")

    assert rss_items(response)[1][0][2] == "<b>bold</b> & plain"  # escaped in the XML, so text once parsed
    assert b"<b>bold</b>" not in response.content


def test_feed_of_a_missing_section_is_not_found_and_of_a_single_page_goes_to_the_page(client):
    make_page("about", "About")

    assert client.get("/nowhere/index.xml").status_code == 404
    assert client.get("/about/index.xml")["Location"] == "/about/"


def test_taxonomy_term_feed_redirects_to_the_term_page(client):
    make_exercise("Bridge", muscles=["Glutes"])

    response = client.get("/muscles/glutes/index.xml")

    assert response.status_code == 301
    assert response["Location"] == "/muscles/glutes/"
