"""The workout builder: the same choices give the same routine, in exactly the chosen time, within the
chosen equipment and level; staff can save it as a draft workout, visitors cannot."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from exercises.models import Difficulty
from exercises.tests.factories import make_exercise
from publishing.models import Status
from workouts import builder
from workouts.models import Kind, Workout

pytestmark = pytest.mark.django_db

ITEM = re.compile(
    r'<li class="workout-item">\s*<p class="item-head"><span class="item-name"><a href="([^"]+)">([^<]+)</a></span>'
    r' <span class="item-dose">([^<]+)</span>'
)


@pytest.fixture
def library():
    make_exercise("March", difficulty=Difficulty.BEGINNER, duration=60, muscles=("Hips",))
    make_exercise("Cat Cow", difficulty=Difficulty.BEGINNER, muscles=("Back",), equipment=("Mat",))
    make_exercise("Bridge", difficulty=Difficulty.BEGINNER, duration=45, muscles=("Glutes",), equipment=("Mat",))
    make_exercise("Squat", difficulty=Difficulty.INTERMEDIATE, duration=90, muscles=("Quadriceps", "Glutes"))
    make_exercise("Band Walk", difficulty=Difficulty.INTERMEDIATE, muscles=("Glutes",), equipment=("Resistance Band",))
    make_exercise("Pistol Squat", difficulty=Difficulty.ADVANCED, muscles=("Quadriceps",))
    make_exercise("Hanging Raise", difficulty=Difficulty.ADVANCED, muscles=("Abs",), equipment=("Pull-Up Bar",))
    make_exercise("Borrador", status=Status.DRAFT)
    make_exercise("Puente", slug="puente", language="es", muscles=("Glúteos",))


def routine(client, query):
    response = client.get("/workouts/builder/" + query)
    assert response.status_code == 200
    return ITEM.findall(response.content.decode())


def seconds(dose):
    minutes = re.search(r"(\d+) min", dose)
    rest = re.search(r"(\d+) s\b", dose)
    return (int(minutes.group(1)) * 60 if minutes else 0) + (int(rest.group(1)) if rest else 0)


def test_same_choices_give_the_same_routine(client, library):
    query = "?duration=30&equipment=any&difficulty=advanced&focus=glutes"

    first = routine(client, query)
    second = routine(Client(), query)

    assert first and first == second


@pytest.mark.parametrize("minutes", builder.MINUTES)
def test_routine_lasts_exactly_the_chosen_minutes(client, library, minutes):
    items = routine(client, f"?duration={minutes}&difficulty=advanced")

    assert sum(seconds(dose) for _url, _name, dose in items) == minutes * 60


def test_parts_take_about_a_sixth_two_thirds_and_a_sixth_of_the_time(library):
    for minutes in builder.MINUTES:
        parts = builder.part_seconds(minutes * 60)
        assert 0.15 <= parts[Kind.WARM_UP] / (minutes * 60) <= 0.2
        assert 0.65 <= parts[Kind.MAIN] / (minutes * 60) <= 0.7
        assert 0.14 <= parts[Kind.COOL_DOWN] / (minutes * 60) <= 0.17


def test_level_and_equipment_are_respected(client, library):
    beginner = {name for _url, name, _dose in routine(client, "?duration=20&difficulty=beginner&equipment=none")}
    mat = {name for _url, name, _dose in routine(client, "?duration=20&difficulty=intermediate&equipment=mat")}

    assert beginner == {"March"}
    assert mat == {"March", "Cat Cow", "Bridge", "Squat"}  # no band, no bar, nothing advanced


def test_focus_muscle_leads_the_main_part(client, library):
    body = client.get("/workouts/builder/?duration=10&difficulty=intermediate&focus=quadriceps").content.decode()
    main = body[body.index('id="part-2"') : body.index('id="part-3"')]

    assert ITEM.findall(main)[0][1] == "Squat"


def test_items_link_to_their_exercises_in_the_language(client, library):
    items = routine(client, "?duration=10&difficulty=beginner&equipment=none")
    spanish = client.get("/es/entrenamientos/generador/").content.decode()

    assert items[0][:2] == ("/exercises/march/", "March")
    assert ITEM.findall(spanish)[0][:2] == ("/es/ejercicios/puente/", "Puente")
    assert "Calentamiento" in spanish and "Vuelta a la calma" in spanish


def test_invalid_choices_fall_back_to_defaults(client, library):
    response = client.get("/workouts/builder/?duration=-3&equipment=<x>&difficulty=expert&focus=%00")

    body = response.content.decode()
    assert response.status_code == 200
    assert '<option value="20" selected>' in body
    assert '<option value="beginner" selected>' in body
    assert sum(seconds(dose) for _u, _n, dose in ITEM.findall(body)) == 20 * 60


def test_no_fitting_exercise_gives_a_helpful_message(client):
    make_exercise("Hanging Raise", difficulty=Difficulty.ADVANCED, equipment=("Pull-Up Bar",))

    body = client.get("/workouts/builder/?equipment=none").content.decode()

    assert "No workout for these choices" in body
    assert "Try “Any equipment” or a higher level." in body


def test_anonymous_builder_is_public_without_a_save_button(client, library):
    plain = [client.get("/workouts/builder/")["X-Cache"] for _ in range(2)]
    first = client.get("/workouts/builder/?duration=15")
    second = client.get("/workouts/builder/?duration=15")

    # Shareable by CDNs; a routine for chosen parameters is not stored in the page cache (any value
    # would be one more entry), the form without parameters is.
    assert plain == ["MISS", "HIT"]
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "MISS")
    assert first["Cache-Control"].startswith("public")
    assert "Cookie" not in first.get("Vary", "")
    assert "Save as draft workout" not in first.content.decode()
    assert not first.cookies


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user("coach", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_workout"))
    client.force_login(user)
    return client


def test_staff_see_a_save_button_and_the_page_is_not_cached(staff_client, library):
    response = staff_client.get("/workouts/builder/?duration=15")

    assert "Save as draft workout" in response.content.decode()
    assert "X-Cache" not in response
    assert "private" in response["Cache-Control"]


def test_staff_save_creates_a_draft_with_the_items(staff_client, library):
    shown = routine(staff_client, "?duration=15&difficulty=intermediate&equipment=mat&focus=glutes")

    response = staff_client.post(
        "/workouts/builder/", {"duration": "15", "difficulty": "intermediate", "equipment": "mat", "focus": "glutes"}
    )

    workout = Workout.objects.get()
    assert workout.status == Status.DRAFT and workout.language == "en"
    assert workout.total_seconds == 900 and workout.difficulty == "intermediate"
    assert workout.equipment == ["Mat"] and workout.focus == ["Glutes"]
    items = list(workout.items.order_by("order"))
    assert [(item.name, item.duration) for item in items] == [(name, seconds(dose)) for _u, name, dose in shown]
    assert all(item.exercise and item.exercise.title == item.name for item in items)
    assert response.status_code == 302
    assert response["Location"] in {f"/admin/workouts/workout/{workout.pk}/change/", "/admin/"}


def test_staff_save_in_spanish_creates_a_spanish_draft(staff_client, library):
    staff_client.post("/es/entrenamientos/generador/", {"duration": "10"})

    workout = Workout.objects.get()
    assert workout.language == "es"
    assert [item.name for item in workout.items.all()] == ["Puente"] * workout.items.count()


def test_anonymous_post_is_refused(client, library):
    response = client.post("/workouts/builder/", {"duration": "15"})

    assert response.status_code == 403
    assert not Workout.objects.exists()


def test_staff_without_the_permission_cannot_save(client, library):
    client.force_login(User.objects.create_user("viewer", password="pw", is_staff=True))

    response = client.post("/workouts/builder/", {"duration": "15"})

    assert response.status_code == 403
    assert not Workout.objects.exists()


def test_save_needs_a_csrf_token(library):
    user = User.objects.create_user("coach", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="add_workout"))
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post("/workouts/builder/", {"duration": "15"})

    assert response.status_code == 403
    assert not Workout.objects.exists()


def test_builder_response_uses_the_pages_title_and_intro(rf, library):
    from django.utils import translation

    from workouts.views import builder_response

    from .factories import make_page

    page = make_page(
        "Workout Generator", "tools/generator", layout="workout-builder", description="Old tool.", body="*Hi*"
    )
    request = rf.get("/tools/generator/?duration=10")
    request.COOKIES = {}

    with translation.override("en"):
        body = builder_response(request, page).content.decode()

    assert '<h1 id="page-title">Workout Generator</h1>' in body
    assert "Old tool." in body and "<em>Hi</em>" in body
    assert 'action="/tools/generator/"' in body
    assert sum(seconds(dose) for _u, _n, dose in ITEM.findall(body)) == 600


def test_an_exercise_is_described_only_where_it_first_appears(client):
    make_exercise("Bridge", description="Lift the hips.")

    body = client.get("/workouts/builder/?duration=20").content.decode()

    assert len(ITEM.findall(body)) > 3
    assert body.count("Lift the hips.") == 1
