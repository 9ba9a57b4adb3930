"""The workout page and the workout list: content, visibility, language versions, facets, chips, pages."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from exercises.tests.factories import make_exercise
from pages.models import Kind as PageKind
from publishing.models import Status
from workouts.models import Kind

from .factories import make_page, make_workout

pytestmark = pytest.mark.django_db


def items_of(body):
    return re.findall(r'<li class="workout-item">\s*<p class="item-head"><span class="item-name">(.*?)</span>', body)


@pytest.fixture
def hip_opener():
    lift = make_exercise("Prone Leg Lift", description="Lift one leg.")
    draft = make_exercise("Secret Lift", status=Status.PUBLISHED, publish_at=timezone.now() + timedelta(days=3))
    workout = make_workout(
        "Hip Opener",
        description="Ten minutes for the hips.",
        body="Breathe **slowly**.",
        difficulty="beginner",
        equipment=["Mat", "Chair"],
        focus=["hips", "morning"],
        video_id="dQw4w9WgXcQ",
        related_videos=["https://youtu.be/abcdefghijk", "not a video"],
        translation_key="hip-opener",
        items=[
            {"name": "Cat cow", "kind": Kind.COOL_DOWN, "duration": 60, "instructions": ["Round, then arch."]},
            {"name": "March", "kind": Kind.WARM_UP, "duration": 45},
            {"name": "Prone Leg Lift", "exercise": lift, "duration": 90, "reps": "10 each side"},
            {"name": "Secret Lift", "exercise": draft, "reps": "8"},
            {"name": "Squat", "duration": 480},
        ],
    )
    make_workout("Apertura de cadera", slug="apertura-de-cadera", language="es", translation_key="hip-opener")
    return workout


def test_workout_page_shows_facts_items_by_part_and_body(client, hip_opener):
    response = client.get("/workouts/hip-opener/")

    body = response.content.decode()
    assert response.status_code == 200
    assert '<h1 id="page-title">Hip Opener</h1>' in body
    assert "<dt>Total time</dt><dd>11 min 15 s</dd>" in body
    assert "Mat, Chair" in body and "hips, morning" in body
    assert "<strong>slowly</strong>" in body
    # One numbered sequence, warm-up first, cool-down last.
    assert items_of(body)[0] == "March"
    assert items_of(body)[-1] == "Cat cow"
    assert re.findall(r'<h2 id="part-\d">(.*?)</h2>', body) == ["Warm-up", "Main", "Cool-down"]
    assert '<ol class="workout-items" start="2">' in body and '<ol class="workout-items" start="5">' in body
    assert "45 s" in body and "1 min 30 s · 10 each side" in body and "Round, then arch." in body


def test_items_link_only_public_exercises(client, hip_opener):
    body = client.get("/workouts/hip-opener/").content.decode()

    assert '<a href="/exercises/prone-leg-lift/">Prone Leg Lift</a>' in body
    assert "/exercises/secret-lift/" not in body
    assert '<span class="item-name">Secret Lift</span>' in body


def test_workout_page_has_video_facade_related_videos_and_breadcrumbs(client, hip_opener):
    body = client.get("/workouts/hip-opener/").content.decode()

    assert 'data-video-id="dQw4w9WgXcQ"' in body and "js/video.js" in body
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk"' in body
    assert "not a video" not in body
    crumbs = re.search(r'<nav class="wrap breadcrumbs".*?</nav>', body, re.S).group()
    assert re.findall(r">([^<>]+)</a>", crumbs) == ["Home", "Workouts", "Hip Opener"]
    data = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body)]
    breadcrumb = next(d for d in data if d["@type"] == "BreadcrumbList")
    assert [e["name"] for e in breadcrumb["itemListElement"]] == ["Home", "Workouts", "Hip Opener"]


def test_workout_page_describes_its_video_as_a_video_object_lasting_the_workout(client, hip_opener):
    body = client.get("/workouts/hip-opener/").content.decode()
    data = [json.loads(m) for m in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', body)]
    video = next(d for d in data if d["@type"] == "VideoObject")
    assert video["@context"] == "https://schema.org"
    assert video["name"] == "Hip Opener" and video["description"] == "Ten minutes for the hips."
    assert video["thumbnailUrl"] == "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"
    assert video["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
    assert video["duration"] == "PT11M15S"  # the items' times added up
    assert video["uploadDate"].startswith("20")


def test_workout_page_links_its_spanish_version(client, hip_opener):
    body = client.get("/workouts/hip-opener/").content.decode()

    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/entrenamientos/apertura-de-cadera/">' in body
    assert 'href="/es/entrenamientos/apertura-de-cadera/" hreflang="es" lang="es"' in body


def test_spanish_workout_page_uses_spanish_labels(client, hip_opener):
    make_workout(
        "Rutina",
        language="es",
        items=[
            {"name": "Marcha", "kind": Kind.WARM_UP, "duration": 60},
            {"name": "Estiramiento", "kind": Kind.COOL_DOWN},
        ],
    )

    body = client.get("/es/entrenamientos/rutina/").content.decode()

    assert re.findall(r'<h2 id="part-\d">(.*?)</h2>', body) == ["Calentamiento", "Vuelta a la calma"]
    assert "Tiempo total" in body and "Entrenamientos" in body


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT},
        {"publish_at": timezone.now() + timedelta(days=2)},
        {"language": "es"},
    ],
    ids=["draft", "scheduled", "other language"],
)
def test_hidden_workouts_are_not_found(client, fields):
    make_workout("Hidden", **fields)

    assert client.get("/workouts/hidden/").status_code == 404


def test_builder_address_is_not_taken_for_a_workout_slug(client):
    make_workout("Builder")

    response = client.get("/workouts/builder/")

    assert response.status_code == 200
    assert 'id="builder-form"' in response.content.decode()


# The list


@pytest.fixture
def catalogue():
    make_workout(
        "Quick Core", difficulty="beginner", equipment=["Mat"], focus=["core"], items=[{"name": "a", "duration": 300}]
    )
    make_workout(
        "Band Legs",
        difficulty="intermediate",
        equipment=["Resistance Band", "Mat"],
        focus=["legs"],
        items=[{"name": "a", "duration": 900}],
    )
    make_workout(
        "Long Flow",
        difficulty="beginner",
        equipment=[],
        focus=["core", "mobility"],
        items=[{"name": "a", "duration": 2400}],
    )
    make_workout("Borrador", status=Status.DRAFT, equipment=["Mat"])
    make_workout("Rutina", language="es", focus=["core"])


def titles(response):
    return re.findall(r'class="card-title"><a href="[^"]+">(.*?)</a>', response.content.decode())


def option_count(response, facet, value):
    match = re.search(
        rf'id="{facet}-{value}"[^>]*><label for="{facet}-{value}">[^<]*<span class="count">\((\d+)\)</span>',
        response.content.decode(),
    )
    return int(match.group(1)) if match else None


def test_list_shows_public_workouts_of_the_language(client, catalogue):
    response = client.get("/workouts/")

    assert response.status_code == 200
    assert sorted(titles(response)) == ["Band Legs", "Long Flow", "Quick Core"]
    assert "3 workouts" in response.content.decode()


def test_list_counts_each_facet_value(client, catalogue):
    response = client.get("/workouts/")

    assert option_count(response, "duration", "0-10") == 1
    assert option_count(response, "duration", "10-20") == 1
    assert option_count(response, "duration", "30-") == 1
    assert option_count(response, "duration", "20-30") is None  # empty buckets are not offered
    assert option_count(response, "difficulty", "beginner") == 2
    assert option_count(response, "equipment", "mat") == 2
    assert option_count(response, "equipment", "resistance-band") == 1
    assert option_count(response, "focus", "core") == 2


def test_list_filters_by_json_list_facets_and_counts_other_facets_within_the_selection(client, catalogue):
    response = client.get("/workouts/?focus=core&equipment=mat")

    assert titles(response) == ["Quick Core"]
    assert option_count(response, "difficulty", "beginner") == 1
    assert option_count(response, "equipment", "mat") == 1  # a facet's own counts ignore its own selection


def test_list_filters_by_duration_bucket_and_difficulty(client, catalogue):
    assert titles(client.get("/workouts/?duration=30-")) == ["Long Flow"]
    assert sorted(titles(client.get("/workouts/?duration=0-10&duration=10-20"))) == ["Band Legs", "Quick Core"]
    assert titles(client.get("/workouts/?difficulty=intermediate")) == ["Band Legs"]


def test_list_chips_remove_one_filter(client, catalogue):
    body = client.get("/workouts/?focus=core&difficulty=beginner").content.decode()

    assert '<a class="chip" href="/workouts/?difficulty=beginner&amp;focus=core">' not in body
    assert '<a class="chip" href="/workouts/?focus=core">' in body  # removes Beginner
    assert '<a class="chip" href="/workouts/?difficulty=beginner">' in body  # removes core


def test_list_ignores_unknown_facet_values(client, catalogue):
    response = client.get("/workouts/?focus=nothing&equipment=<b>&difficulty=expert&duration=99&page=x")

    assert response.status_code == 200
    assert len(titles(response)) == 3
    assert 'class="chip"' not in response.content.decode()


def test_list_paginates(client):
    for number in range(14):
        make_workout(f"Workout {number:02}", weight=number)

    first = client.get("/workouts/")
    second = client.get("/workouts/?page=2")
    beyond = client.get("/workouts/?page=99")

    assert titles(first) == [f"Workout {n:02}" for n in range(12)]
    assert titles(second) == ["Workout 12", "Workout 13"]
    assert titles(beyond) == titles(second)
    assert 'rel="next" href="/workouts/?page=2"' in first.content.decode()


def test_list_shows_the_section_intro_page(client, catalogue):
    make_page("Our workouts", "workouts", kind=PageKind.SECTION, description="Short routines.", body="Pick **one**.")
    make_page("Entrenamientos", "entrenamientos", language="es", kind=PageKind.SECTION, status=Status.DRAFT)

    english = client.get("/workouts/").content.decode()
    spanish = client.get("/es/entrenamientos/").content.decode()

    assert '<h1 id="page-title">Our workouts</h1>' in english
    assert "Short routines." in english and "<strong>one</strong>" in english
    assert '<h1 id="page-title">Entrenamientos</h1>' in spanish  # the default heading: the draft intro is hidden


def test_filtered_list_is_served_from_the_cache_under_its_own_key(client, catalogue):
    client.get("/workouts/")

    filtered = client.get("/workouts/?focus=legs")

    assert filtered["X-Cache"] == "MISS"
    assert titles(filtered) == ["Band Legs"]
