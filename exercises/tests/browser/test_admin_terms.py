"""The exercise form's muscle field in real Chromium: typing finds existing muscles; picking one saves it."""

import pytest

from exercises.models import Exercise

from ..factories import make_editor, make_exercise

pytestmark = pytest.mark.browser


def log_in(page):
    make_editor(username="ana", password="correct horse battery")
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("ana")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def test_autocomplete_picks_an_existing_muscle_by_another_spelling(site, page):
    make_exercise("Squat", muscles=["Quadriceps"])
    exercise = make_exercise("Wall Sit", status="draft")
    log_in(page)
    page.goto(f"/admin/exercises/exercise/{exercise.pk}/change/")
    page.locator(".field-muscles .select2-selection").click()
    page.locator(".field-muscles .select2-search__field").fill("quads")
    page.locator(".select2-results__option", has_text="Quadriceps").click()
    page.locator("input[name=_save]").first.click()
    page.wait_for_url("**/admin/exercises/exercise/")
    exercise = Exercise.objects.get(pk=exercise.pk)
    assert list(exercise.muscles.values_list("name", flat=True)) == ["Quadriceps"]
