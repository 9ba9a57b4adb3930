"""The exercise list's filter panel in real Chromium: results first on a phone, the panel collapsed with its
count of active filters, applying collapses it and lands on the result count; a sidebar on wide screens."""

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def apply_hamstrings(page):
    page.locator("#filter-toggle").click()
    page.locator("#facet-muscle summary").click()
    page.get_by_label("Hamstrings").check()
    page.locator("#apply-filters").click()
    page.wait_for_url(lambda url: "muscle=hamstrings" in url)
    assert page.url.endswith("#result-count")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_phone_results_come_first_and_applying_collapses_the_panel(library, make_page, javascript):
    page, recorder = make_page(viewport=PHONE, java_script_enabled=javascript)
    page.goto("/exercises/")
    assert page.locator("#filter-panel").get_attribute("open") is None
    assert not page.locator("#filters").is_visible()
    first_card = page.locator("#results .card").first.bounding_box()
    assert first_card["y"] < PHONE["height"], "the first result starts on the first screen"

    apply_hamstrings(page)

    assert page.locator("#filter-panel").get_attribute("open") is None
    assert not page.locator("#filters").is_visible()
    assert " ".join(page.locator("#filter-toggle").inner_text().split()) == "Filters 1 active"
    assert page.locator("#results .card-title").all_inner_texts() == ["Prone Leg Lift"]
    assert page.locator("#results .card").first.bounding_box()["y"] < PHONE["height"]
    if javascript:
        assert page.evaluate("document.activeElement.id") == "result-count"
    assert recorder.console_errors == [] and recorder.page_errors == []


def test_on_a_phone_the_panel_shows_how_many_filters_are_active(library, make_page):
    page, _recorder = make_page(viewport=PHONE)
    page.goto("/exercises/?muscle=hamstrings&difficulty=beginner")
    assert page.locator("#filter-toggle .filter-count").inner_text() == "2 active"
    page.goto("/exercises/")
    assert page.locator("#filter-toggle .filter-count").count() == 0


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_wide_screen_the_filters_are_a_sidebar_beside_the_results(library, make_page, javascript):
    page, _recorder = make_page(viewport=DESKTOP, java_script_enabled=javascript)
    page.goto("/exercises/")
    assert page.locator("#filters").is_visible()
    assert not page.locator("#filter-toggle").is_visible()
    filters, results = page.locator("#filters").bounding_box(), page.locator("#results").bounding_box()
    assert filters["x"] + filters["width"] <= results["x"]
    assert abs(filters["y"] - results["y"]) < 50


def test_the_workout_list_has_the_same_panel(site, make_page):
    from workouts.tests.factories import make_workout

    make_workout("Back Care", difficulty="beginner", items=[{"name": "Cat cow", "duration": 60}])
    make_workout("Power Core", difficulty="advanced", items=[{"name": "Plank", "duration": 600}])
    page, _recorder = make_page(viewport=PHONE)
    page.goto("/workouts/")
    assert not page.locator("#filters").is_visible()
    assert page.locator("#results .card").first.bounding_box()["y"] < PHONE["height"]
    page.locator("#filter-toggle").click()
    page.locator("#facet-difficulty summary").click()
    page.get_by_label("Advanced").check()
    page.locator("#apply-filters").click()
    page.wait_for_url(lambda url: "difficulty=advanced" in url)
    assert not page.locator("#filters").is_visible()
    assert page.locator("#filter-toggle .filter-count").inner_text() == "1 active"
    assert page.locator("#results .card-title").all_inner_texts() == ["Power Core"]
    assert page.evaluate("document.activeElement.id") == "result-count"
