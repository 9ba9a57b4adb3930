"""The workout pages in real Chromium: the video facade, the builder with and without JavaScript, axe."""

from urllib.parse import parse_qs, urlsplit

import pytest

from exercises.tests.browser.fixtures import format_violations, run_axe

from .conftest import VIDEO_ID

pytestmark = pytest.mark.browser


def test_workout_page_shows_items_and_plays_the_video(workouts, make_page):
    page, recorder = make_page()
    page.goto("/workouts/hip-opener/")

    assert page.locator("h1").inner_text() == "Hip Opener"
    assert page.locator(".workout-item .item-name").all_inner_texts() == ["March", "Prone Leg Lift", "Child's pose"]
    assert page.locator("iframe").count() == 0
    with page.expect_request(lambda request: urlsplit(request.url).hostname == "www.youtube-nocookie.com"):
        page.locator("#video-play").click()
    assert (
        page.locator("#video iframe")
        .get_attribute("src")
        .startswith(f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}")
    )
    assert not recorder.page_errors and not recorder.console_errors


@pytest.mark.parametrize("javascript", [False, True], ids=["javascript off", "javascript on"])
def test_builder_form_shows_a_routine(workouts, make_page, javascript):
    page, _recorder = make_page(java_script_enabled=javascript)
    page.goto("/workouts/builder/")

    page.get_by_label("Time").select_option("15")
    page.get_by_label("Level").select_option("intermediate")
    page.locator("#build").click()

    page.wait_for_url("**/workouts/builder/?*")
    assert parse_qs(urlsplit(page.url).query)["duration"] == ["15"]
    assert page.locator("#routine-heading").inner_text() == "Your workout: 15 min"
    assert page.locator(".workout-item").count() >= 3
    assert page.get_by_label("Time").input_value() == "15"


PAGES = {
    "en": ["/workouts/hip-opener/", "/workouts/", "/workouts/?focus=hips", "/workouts/builder/?duration=10"],
    "es": [
        "/es/entrenamientos/apertura-de-cadera/",
        "/es/entrenamientos/",
        "/es/entrenamientos/generador/",
    ],
}


@pytest.mark.parametrize("language, path", [(language, path) for language, paths in PAGES.items() for path in paths])
def test_workout_pages_have_no_axe_violations(workouts, make_page, axe_script, language, path):
    page, _recorder = make_page(bypass_csp=True)  # axe is injected inline
    response = page.goto(path)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == language
    assert page.evaluate("[...document.styleSheets].some(sheet => sheet.href && sheet.cssRules.length > 20)")

    violations = run_axe(page, axe_script)

    assert not violations, f"axe on {path}:\n{format_violations(violations)}"
