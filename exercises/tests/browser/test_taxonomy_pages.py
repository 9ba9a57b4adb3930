"""Muscle pages in real Chromium: one concept, a page per language, linked both ways."""

import pytest

from ..factories import make_exercise

pytestmark = pytest.mark.browser


def test_muscle_page_links_to_its_spanish_page_and_back(site, make_page):
    make_exercise("Bridge", muscles=["Glutes"])
    make_exercise("Puente", slug="puente", language="es", muscles=["glúteos"])
    page, recorder = make_page(java_script_enabled=False)
    page.goto("/exercises/bridge/")
    page.get_by_role("link", name="Glutes").click()
    page.wait_for_url("**/muscles/glutes/")
    page.locator("#language-switcher a[hreflang=es]").click()
    page.wait_for_url("**/es/muscles/gluteos/")
    assert "Glúteos" in page.locator("h1").inner_text()
    assert page.locator(".card-title").all_inner_texts() == ["Puente"]
    page.locator("#language-switcher a[hreflang=en]").click()
    page.wait_for_url("**/muscles/glutes/")
    assert page.locator(".card-title").all_inner_texts() == ["Bridge"]
    assert not recorder.console_errors and not recorder.page_errors


def test_an_old_spelling_of_a_muscle_page_lands_on_the_concept_page(site, page):
    make_exercise("Squat", muscles=["Quadriceps"])
    page.goto("/muscles/quads/")
    assert page.url.endswith("/muscles/quadriceps/")
    assert page.locator(".card-title").all_inner_texts() == ["Squat"]


def test_language_switch_on_a_filtered_list_keeps_the_filters(site, make_page):
    make_exercise("Bridge", muscles=["Glutes"], equipment=["Mat"])
    make_exercise("Puente", slug="puente", language="es", muscles=["glúteos"], equipment=["esterilla"])
    make_exercise("Sentadilla", slug="sentadilla", language="es", muscles=["cuádriceps"])
    page, _recorder = make_page(java_script_enabled=False)
    page.goto("/exercises/?muscle=glutes")
    page.locator("#language-switcher a[hreflang=es]").click()
    page.wait_for_url("**/es/ejercicios/?muscle=gluteos")
    assert page.locator("#results .card-title").all_inner_texts() == ["Puente"]
    assert "Glúteos" in page.locator("#active-filters").inner_text()
