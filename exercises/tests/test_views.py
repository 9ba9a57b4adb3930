from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import Client
from django.utils import timezone, translation

from exercises import detail, views
from exercises.models import Exercise, OldURL, Status

from .factories import make_exercise, make_full_exercise

pytestmark = pytest.mark.django_db


def make_library(count, language="en", start=0, **fields):
    """`count` full exercises with distinct slugs (steps, modifications, FAQs, two muscles, one equipment)."""
    return [
        make_full_exercise(
            f"Exercise {language} {number}", slug=f"exercise-{language}-{number}", language=language, **fields
        )
        for number in range(start, start + count)
    ]


def test_home_shows_newest_exercises_and_ways_in_with_counts(client):
    make_full_exercise()
    make_exercise("Plank", muscles=["Core"], difficulty="advanced")
    html = client.get("/").content.decode()
    assert 'href="/exercises/prone-leg-lift/"' in html
    assert 'href="/difficulties/advanced/">Advanced <span class="count">(1)</span>' in html
    assert 'href="/muscles/core/">Core <span class="count">(1)</span>' in html
    assert 'href="/equipment/mat/">Mat <span class="count">(1)</span>' in html


def test_spanish_home_is_translated_and_lists_only_spanish_exercises(client):
    make_exercise("Prone Leg Lift")
    make_exercise("Elevación de pierna", slug="elevación-de-pierna", language="es")
    html = client.get("/es/").content.decode()
    assert '<html lang="es">' in html
    assert "Biblioteca de ejercicios" in html
    assert "Elevación de pierna" in html
    assert "Prone Leg Lift" not in html


def test_list_paginates_twelve_per_page(client):
    for number in range(14):
        make_exercise(f"Lift {number}", slug=f"lift-{number}")
    first = client.get("/exercises/")
    second = client.get("/exercises/?page=2")
    assert len(first.context["results"].exercises) == 12
    assert len(second.context["results"].exercises) == 2
    assert 'rel="next" href="/exercises/?page=2"' in first.content.decode()
    assert 'rel="prev" href="/exercises/"' in second.content.decode()


def test_list_page_beyond_the_last_redirects_to_the_last_page(client):
    make_exercise("Only")
    response = client.get("/exercises/?page=99")
    assert response.status_code == 302
    assert response["Location"] == "/exercises/"


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-3",
        "max_duration=ten",
        "difficulty=impossible",
        "sort=random",
        "muscle=%00",
        "muscle=no-such-muscle",
        "equipment=../../etc",
        "q=" + "x" * 5000,
        "utm_source=newsletter",
        "q=%25%5F%5C",
        "page=99999999999999999999",
    ],
)
def test_list_ignores_malformed_parameters(client, query):
    make_exercise("Plank")
    response = client.get(f"/exercises/?{query}", follow=True)  # a malformed page number redirects
    assert response.status_code == 200


def test_list_empty_state_offers_to_remove_filters(client):
    make_exercise("Plank", difficulty="beginner")
    html = client.get("/exercises/?difficulty=advanced").content.decode()
    assert 'id="empty-state"' in html
    assert "Remove filter: Advanced" in html
    assert "0 exercises" in html


def test_list_chips_remove_one_filter_each(client):
    make_exercise("Plank", muscles=["Core"], equipment=["Mat"])
    html = client.get("/exercises/?muscle=core&equipment=mat").content.decode()
    assert 'class="chip" href="/exercises/?equipment=mat"' in html
    assert 'class="chip" href="/exercises/?muscle=core"' in html


def test_list_form_works_without_javascript_as_a_get_form(client):
    html = client.get("/exercises/").content.decode()
    assert '<form class="filters" method="get" action="/exercises/#result-count"' in html
    assert '<label for="q">' in html and 'id="q" name="q"' in html


def test_detail_shows_every_part(client):
    make_full_exercise(video_id="dQw4w9WgXcQ", author="Ana", duration=90)
    html = client.get("/exercises/prone-leg-lift/").content.decode()
    for part in [
        '<h1 id="page-title">Prone Leg Lift</h1>',
        "Lift one straight leg while lying face down.",
        'href="/difficulties/beginner/">Beginner</a>',
        "1 min 30 s",
        'href="/equipment/mat/">Mat</a>',
        'href="/muscles/hamstrings/">Hamstrings</a>',
        '<li id="step-1">Lie face down.</li>',
        '<h3 id="easier"><span class="badge badge-easier">Easier</span></h3>',
        '<h3 id="harder"><span class="badge badge-harder">Harder</span></h3>',
        "<summary>How many?</summary>",
        "<h2>Benefits</h2>",
        "By Ana",
        'aria-label="Breadcrumb"',
    ]:
        assert part in html


def test_detail_video_is_a_plain_link_until_javascript_swaps_it(client):
    make_exercise(video_id="dQw4w9WgXcQ")
    html = client.get("/exercises/prone-leg-lift/").content.decode()
    assert 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in html
    assert 'src="https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"' in html
    assert "<iframe" not in html
    assert '<script src="/static/js/video.js" defer></script>' in html


def test_detail_without_video_loads_no_script(client):
    make_exercise()
    assert "<script src" not in client.get("/exercises/prone-leg-lift/").content.decode()


def test_related_exercises_rank_shared_muscles_before_equipment(client):
    make_exercise("Main", muscles=["Glutes", "Hamstrings"], equipment=["Mat"])
    make_exercise("Two muscles", muscles=["Glutes", "Hamstrings"])
    make_exercise("One muscle and mat", muscles=["Glutes"], equipment=["Mat"])
    make_exercise("One muscle", muscles=["Hamstrings"])
    make_exercise("Only mat", equipment=["Mat"])
    make_exercise("Unrelated", muscles=["Biceps"])
    make_exercise("Another mat", equipment=["Mat"])
    related = client.get("/exercises/main/").context["related"]
    assert [exercise.title for exercise in related] == [
        "Two muscles",
        "One muscle and mat",
        "One muscle",
        "Another mat",
    ]


def test_related_exercises_stay_in_the_same_language(client):
    make_exercise("Main", muscles=["Glutes"])
    make_exercise("Glúteo", slug="gluteo", language="es", muscles=["Glutes"])
    assert client.get("/exercises/main/").context["related"] == []


def test_detail_links_to_the_other_language_version(client):
    make_exercise("Leg Lift", slug="leg-lift")
    make_exercise("Elevación de pierna", slug="elevación-de-pierna", language="es", translation_key="leg-lift")
    html = client.get("/exercises/leg-lift/").content.decode()
    assert f'href="/es/ejercicios/{quote("elevación-de-pierna")}/" hreflang="es"' in html


def test_unpublished_translation_is_not_linked(client):
    make_exercise("Leg Lift", slug="leg-lift")
    make_exercise("Elevación", slug="elevacion", language="es", translation_key="leg-lift", status=Status.DRAFT)
    assert "/es/ejercicios/elevacion/" not in client.get("/exercises/leg-lift/").content.decode()


def test_unicode_slug_detail_page_answers(client):
    make_exercise("Tirón de cuello", slug="tirón-de-cuello", language="es")
    assert client.get("/es/ejercicios/tirón-de-cuello/").status_code == 200
    assert client.get(f"/es/ejercicios/{quote('tirón-de-cuello')}/").status_code == 200


def test_exercise_is_only_at_its_own_language_address(client):
    make_exercise("Tirón", slug="tiron", language="es")
    assert client.get("/exercises/tiron/").status_code == 404
    assert client.get("/es/exercises/tiron/").status_code == 404


@pytest.mark.parametrize(
    "fields",
    [{"status": Status.DRAFT}, {"publish_at": timezone.now() + timedelta(days=1)}],
    ids=["draft", "scheduled"],
)
def test_drafts_and_scheduled_exercises_are_invisible(client, fields):
    make_exercise("Secret", muscles=["Hidden Muscle"], equipment=["Hidden Thing"], **fields)
    assert client.get("/exercises/secret/").status_code == 404
    assert "Secret" not in client.get("/").content.decode()
    assert "Secret" not in client.get("/exercises/").content.decode()
    assert "Secret" not in client.get("/exercises/?q=secret").content.decode()
    assert client.get("/muscles/hidden-muscle/").status_code == 404
    assert client.get("/equipment/hidden-thing/").status_code == 404
    assert client.get("/difficulties/beginner/").status_code == 404
    assert "Secret" not in client.get("/index.xml").content.decode()
    assert "secret" not in client.get("/sitemap.xml").content.decode()


def test_detail_context_renders_a_draft_for_the_admin_preview(rf):
    draft = make_full_exercise(status=Status.DRAFT)
    request = rf.get("/admin/preview/")
    context = detail.detail_context(request, draft)
    assert context["exercise"] == draft
    assert [step.text for step in context["steps"]][0] == "Lie face down."


def test_muscle_landing_lists_its_exercises_with_title_and_description(client):
    make_exercise("Bridge", muscles=["Gluteus Maximus"])
    make_exercise("Curl", muscles=["Biceps"])
    response = client.get("/muscles/gluteus-maximus/")
    html = response.content.decode()
    assert '<h1 id="page-title">Exercises for the Gluteus Maximus</h1>' in html
    assert "Bridge" in html and "Curl" not in html
    assert 'href="/exercises/?muscle=gluteus-maximus"' in html


def test_equipment_landing_lists_its_exercises(client):
    make_exercise("Band Pull", equipment=["Resistance Band"])
    html = client.get("/equipment/resistance-band/").content.decode()
    assert "Exercises with Resistance Band" in html and "Band Pull" in html


def test_difficulty_landing_lists_its_exercises_in_spanish(client):
    make_exercise("Pino", slug="pino", language="es", difficulty="advanced")
    html = client.get("/es/difficulties/advanced/").content.decode()
    assert "Ejercicios de nivel Avanzado" in html and "Pino" in html


def test_unknown_difficulty_is_404(client):
    assert client.get("/difficulties/expert/").status_code == 404


def test_landing_is_404_in_a_language_without_exercises_for_the_tag(client):
    make_exercise("Bridge", muscles=["Glutes"])
    assert client.get("/muscles/glutes/").status_code == 200
    assert client.get("/es/muscles/glutes/").status_code == 404
    assert client.get("/muscles/no-such-muscle/").status_code == 404


def test_tag_indexes_list_tags_with_counts(client):
    make_exercise("Bridge", muscles=["Glutes"], equipment=["Mat"])
    make_exercise("Squat", slug="squat", muscles=["Glutes"])
    assert 'href="/muscles/glutes/">Glutes <span class="count">(2)</span>' in client.get("/muscles/").content.decode()
    assert 'href="/equipment/mat/">Mat <span class="count">(1)</span>' in client.get("/equipment/").content.decode()
    difficulties = client.get("/difficulties/").content.decode()
    assert 'href="/difficulties/beginner/">Beginner <span class="count">(2)</span>' in difficulties


def test_old_url_redirects_permanently_to_the_exercise(client):
    exercise = make_exercise("The Hundred", slug="the-hundred")
    OldURL.objects.create(path="/pilates/the-hundred/", exercise=exercise)
    response = client.get("/pilates/the-hundred/")
    assert response.status_code == 301
    assert response["Location"] == "/exercises/the-hundred/"
    assert client.get("/pilates/the-hundred").status_code == 301


def test_old_url_inside_the_exercise_path_redirects(client):
    exercise = make_exercise("Nuevo", slug="nuevo", language="es")
    OldURL.objects.create(path="/es/ejercicios/viejo/", exercise=exercise)
    response = client.get("/es/ejercicios/viejo/")
    assert response.status_code == 301
    assert response["Location"] == "/es/ejercicios/nuevo/"


def test_old_url_of_a_draft_is_404(client):
    exercise = make_exercise("Hidden", status=Status.DRAFT)
    OldURL.objects.create(path="/old/hidden/", exercise=exercise)
    assert client.get("/old/hidden/").status_code == 404


def test_unknown_address_gets_the_designed_404_page(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert '<main id="main"' in response.content.decode()


def test_spanish_404_page_is_in_spanish(client):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    assert "Página no encontrada" in response.content.decode()


def test_server_error_page_is_designed_and_needs_no_database(rf, django_assert_num_queries):
    with django_assert_num_queries(0), translation.override("en"):
        response = views.server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_public_pages_set_no_cookies(client):
    make_full_exercise()
    for url in ["/", "/exercises/?q=leg", "/exercises/prone-leg-lift/", "/muscles/hamstrings/"]:
        assert not client.get(url).cookies, url


def test_public_pages_refuse_post(client):
    assert client.post("/exercises/").status_code == 405


def test_exercises_can_be_saved_after_views_import():
    # The list view's search registers an SQLite function; saving must still work afterwards.
    Client().get("/exercises/?q=lift")
    assert make_exercise("Later").pk
    assert Exercise.objects.count() == 1


QUERY_BUDGET = 8


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/exercises/",
        "/exercises/?muscle=gluteus-maximus&equipment=mat&difficulty=beginner&max_duration=600&q=exercise&page=2",
        "/exercises/?equipment=none&sort=duration",
        "/exercises/exercise-en-3/",
        "/muscles/",
        "/muscles/hamstrings/?page=2",
        "/equipment/",
        "/equipment/mat/",
        "/difficulties/",
        "/difficulties/beginner/",
        "/es/ejercicios/exercise-es-1/",
        "/sitemap.xml",
        "/index.xml",
        "/es/ejercicios/index.xml",
        "/no/such/page/",
    ],
)
def test_pages_stay_within_the_query_budget_whatever_the_data_size(client, django_assert_max_num_queries, url):
    make_library(3)
    make_library(2, language="es")
    # 302: a page number beyond the last redirects, after the same queries as the page itself.
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert client.get(url).status_code in (200, 302, 404)
    make_library(30, start=10, duration=60)  # more rows must not mean more queries
    Exercise.objects.filter(language="en").update(video_id="dQw4w9WgXcQ")
    with django_assert_max_num_queries(QUERY_BUDGET):
        assert client.get(url).status_code in (200, 302, 404)


def test_detail_page_stays_within_its_byte_budget(client):
    exercise = make_full_exercise(video_id="dQw4w9WgXcQ", author="Ana", duration=90)
    make_library(4)
    exercise.body = "\n\n".join(["## Section\n\n" + "A paragraph of sensible length. " * 12] * 6)
    exercise.save()
    assert len(client.get("/exercises/prone-leg-lift/").content) <= 40 * 1024
