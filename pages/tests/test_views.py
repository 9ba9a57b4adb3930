"""Pages and section pages at their old addresses, including those another app's pattern shadows."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exercises.tests.factories import make_editor, make_exercise
from publishing.models import Status
from workouts import views as workout_views

from .factories import make_page, make_section, make_workout

pytestmark = pytest.mark.django_db


def json_ld(response, type_name):
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', response.content.decode(), re.S)
    return next((data for data in map(json.loads, blocks) if data.get("@type") == type_name), None)


def learn_tree():
    make_section("learn", "Learn", translation_key="learn")
    make_section("learn/fundamentals", "Fundamentals")
    return make_page(
        "learn/fundamentals/roll-up",
        "Roll Up",
        body="Curl **slowly**.",
        author="Ana",
        date=timezone.now() - timedelta(days=3),
        image_path="/images/roll-up.jpg",
        image_alt="A woman rolling up on a mat",
        translation_key="roll-up",
    )


def test_published_page_renders_its_article(client):
    learn_tree()

    response = client.get("/learn/fundamentals/roll-up/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="page-title">Roll Up</h1>' in html
    assert "Curl <strong>slowly</strong>." in html
    assert "By Ana" in html
    assert '<img src="/images/roll-up.jpg" alt="A woman rolling up on a mat"' in html


def test_page_shows_breadcrumbs_from_the_tree_and_breadcrumb_json_ld(client):
    learn_tree()

    response = client.get("/learn/fundamentals/roll-up/")

    assert [name for name, _path in response.context["crumbs"]] == ["Home", "Learn", "Fundamentals", "Roll Up"]
    items = json_ld(response, "BreadcrumbList")["itemListElement"]
    assert items[2]["item"] == "http://testserver/learn/fundamentals/"


def test_dated_page_has_article_json_ld_and_a_section_or_top_level_page_has_none(client):
    learn_tree()
    make_page("about", "About")

    article = json_ld(client.get("/learn/fundamentals/roll-up/"), "Article")

    assert article["headline"] == "Roll Up"
    assert article["author"] == {"@type": "Person", "name": "Ana"}
    assert article["image"] == "http://testserver/images/roll-up.jpg"
    assert json_ld(client.get("/learn/"), "Article") is None
    about = client.get("/about/")
    assert json_ld(about, "Article") is None
    assert "Published" not in about.content.decode()  # its date is the import's, not the author's


def test_language_versions_are_linked_with_hreflang_and_the_switcher(client):
    learn_tree()
    make_section("aprender", "Aprender", language="es", translation_key="learn")

    response = client.get("/es/aprender/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<link rel="alternate" hreflang="en" href="http://testserver/learn/">' in html
    assert '<a href="/learn/" hreflang="en" lang="en">English</a>' in html
    assert '<html lang="es">' in html


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT},
        {"publish_at": timezone.now() + timedelta(days=1)},
        {"language": "es"},
    ],
    ids=["draft", "scheduled", "other-language"],
)
def test_hidden_pages_are_not_found(client, fields):
    make_page("secret", "Secret", **fields)

    response = client.get("/secret/")

    assert response.status_code == 404
    assert "Secret" not in response.content.decode()


def test_section_lists_pages_subsections_exercises_and_workouts(client):
    section = make_section("exercises/mat", "Mat", section="exercises")
    make_page("exercises/mat/breathing", "Breathing Basics", description="How to breathe.")
    make_section("exercises/mat/advanced", "Advanced Mat")
    make_exercise("The Hundred", section="exercises/mat", description="Pump the arms.")
    make_workout("Mat Flow", section="exercises/mat")
    make_exercise("Elsewhere", section="exercises/ball")
    make_page("exercises/mat/draft", "Draft Page", status=Status.DRAFT)

    response = client.get(section.get_absolute_url())

    titles = [child.title for child in response.context["children"]]
    assert sorted(titles) == ["Advanced Mat", "Breathing Basics", "Mat Flow", "The Hundred"]
    html = response.content.decode()
    assert '<a href="/exercises/the-hundred/">The Hundred</a>' in html
    assert '<a href="/workouts/mat-flow/">Mat Flow</a>' in html
    assert '<a href="/exercises/mat/advanced/">Advanced Mat</a>' in html
    assert "Pump the arms." in html


def test_section_children_sort_by_weight_then_newest(client):
    make_section("learn", "Learn")
    now = timezone.now()
    make_page("learn/old", "Old", publish_at=now - timedelta(days=9))
    make_page("learn/new", "New", publish_at=now - timedelta(days=1))
    make_exercise("Pinned", section="learn", weight=-1)

    response = client.get("/learn/")

    assert [child.title for child in response.context["children"]] == ["Pinned", "New", "Old"]


def test_section_is_paginated_with_the_page_parameter(client):
    make_section("learn", "Learn")
    for number in range(14):
        make_page(f"learn/guide-{number}", f"Guide {number}", weight=number)

    first = client.get("/learn/")
    second = client.get("/learn/?page=2")

    assert len(first.context["children"]) == 12
    assert [child.title for child in second.context["children"]] == ["Guide 12", "Guide 13"]
    assert 'href="/learn/?page=2"' in first.content.decode()
    assert second.context["meta"].canonical == "http://testserver/learn/?page=2"
    assert client.get("/learn/?page=99").context["results"].page == 2


def test_section_shadowed_by_the_exercise_pattern_is_served_with_200(client):
    make_section("exercises/mat", "Mat Exercises", section="exercises")

    response = client.get("/exercises/mat/")

    assert response.status_code == 200
    assert '<h1 id="page-title">Mat Exercises</h1>' in response.content.decode()


def test_shadowed_section_answers_head_requests(client):
    make_section("exercises/mat", "Mat Exercises", section="exercises")

    assert client.head("/exercises/mat/").status_code == 200


def test_shadowed_spanish_section_uses_the_language_prefix(client):
    make_section("ejercicios/esterilla", "Esterilla", language="es", section="ejercicios")

    response = client.get("/es/ejercicios/esterilla/")

    assert response.status_code == 200
    assert '<html lang="es">' in response.content.decode()
    assert client.get("/ejercicios/esterilla/").status_code == 404


def test_hugo_pagination_urls_redirect_to_the_page_parameter(client):
    make_section("learn", "Learn")
    make_section("exercises/mat", "Mat", section="exercises")

    assert client.get("/learn/page/3/")["Location"] == "/learn/?page=3"
    assert client.get("/learn/page/1/")["Location"] == "/learn/"
    assert client.get("/exercises/mat/page/2/")["Location"] == "/exercises/mat/?page=2"
    assert client.get("/exercises/page/2/")["Location"] == "/exercises/?page=2"
    assert client.get("/learn/page/2/").status_code == 301


def test_hugo_pagination_of_a_missing_list_is_not_found(client):
    assert client.get("/nothing/page/2/").status_code == 404
    assert client.get("/exercises/no-such/page/2/").status_code == 404


def test_exercise_list_shows_its_section_introduction_on_the_first_unfiltered_page(client):
    make_section("exercises", "Exercises", description="Every leg lift we teach.", body="Start *here*.")
    make_section("ejercicios", "Ejercicios", language="es", description="Todas las elevaciones.")

    html = client.get("/exercises/").content.decode()
    assert "Every leg lift we teach." in html
    assert "Start <em>here</em>." in html
    assert "Todas las elevaciones." in client.get("/es/ejercicios/").content.decode()
    assert "Every leg lift we teach." not in client.get("/exercises/?difficulty=beginner").content.decode()


@pytest.mark.skipif(
    not hasattr(workout_views, "builder_response"), reason="workouts.views.builder_response is not on this branch yet"
)
def test_workout_builder_layout_is_rendered_by_the_workout_builder(client):
    make_page("generator", "Build a workout", layout="generator")

    response = client.get("/generator/")

    assert response.status_code == 200
    assert "pages/page.html" not in {template.name for template in response.templates}


@pytest.mark.skipif(hasattr(workout_views, "builder_response"), reason="the workout builder renders these pages")
def test_workout_builder_layout_falls_back_to_the_article_until_the_builder_exists(client):
    make_page("generator", "Build a workout", layout="generator", body="Pick your exercises.")

    response = client.get("/generator/")

    assert response.status_code == 200
    assert "Pick your exercises." in response.content.decode()


def test_admin_preview_of_a_spanish_draft_is_marked_and_kept_out_of_search(client):
    make_section("aprender", "Aprender", language="es")
    draft = make_page("aprender/borrador", "Borrador", language="es", status=Status.DRAFT)
    client.force_login(make_editor())

    response = client.get(reverse("admin:pages_page_preview", args=[draft.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Vista previa: los visitantes aún no pueden ver esta página." in html
    assert '<meta name="robots" content="noindex, follow">' in html
    assert '<a href="/es/aprender/">Aprender</a>' in html  # breadcrumbs in the draft's language


def test_folder_without_an_index_page_is_listed_like_hugo_does(client):
    make_page("videos/intro", "Intro Video")
    make_page("profesores/ana", "Ana López", language="es")

    response = client.get("/videos/")

    assert response.status_code == 200
    assert '<h1 id="page-title">Videos</h1>' in response.content.decode()
    assert [child.title for child in response.context["children"]] == ["Intro Video"]
    assert client.get("/es/profesores/").status_code == 200
    assert client.get("/es/profesores/index.xml").status_code == 200
    assert client.get("/empty-folder/").status_code == 404
