"""The public site in real Chromium: filtering without JavaScript, cards, the video facade, language switching."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .fixtures import VIDEO_ID

pytestmark = pytest.mark.browser


def test_list_filters_with_javascript_off(library, make_page):
    page, _recorder = make_page(java_script_enabled=False)
    page.goto("/exercises/")
    assert page.locator("#results .card").count() == 3

    page.locator("#facet-muscle summary").click()
    page.get_by_label("Hamstrings").check()
    page.locator("#apply-filters").click()

    page.wait_for_url("**/exercises/?*")
    assert parse_qs(urlsplit(page.url).query)["muscle"] == ["hamstrings"]
    titles = page.locator("#results .card-title").all_inner_texts()
    assert titles == ["Prone Leg Lift"]
    chip = page.locator("#active-filters a.chip")
    assert chip.count() == 1
    assert "Hamstrings" in chip.inner_text()
    assert page.get_by_label("Hamstrings").is_checked()


def test_removing_a_chip_shows_all_results_again_with_javascript_off(library, make_page):
    page, _recorder = make_page(java_script_enabled=False)
    page.goto("/exercises/?muscle=hamstrings")
    page.locator("#active-filters a.chip").click()
    page.wait_for_url(lambda url: "muscle=" not in url)
    assert page.locator("#results .card").count() == 3


def test_card_opens_its_exercise(library, page):
    page.goto("/exercises/")
    page.locator(".card-title a", has_text="Wall Sit").click()
    page.wait_for_url("**/exercises/wall-sit/")
    assert page.locator("h1").inner_text() == "Wall Sit"
    assert page.locator("#steps li").all_inner_texts() == ["Lean on a wall.", "Slide down."]


def test_video_facade_loads_nothing_from_youtube_before_play(library, make_page, site):
    page, recorder = make_page()
    page.goto("/exercises/prone-leg-lift/")
    page.wait_for_load_state("networkidle")
    assert recorder.hosts() <= {urlsplit(site).hostname, "i.ytimg.com"}
    assert page.locator("iframe").count() == 0

    with page.expect_request(lambda request: urlsplit(request.url).hostname == "www.youtube-nocookie.com") as player:
        page.locator("#video-play").click()

    assert urlsplit(player.value.url).path == f"/embed/{VIDEO_ID}"
    frame = page.locator("#video iframe")
    assert frame.get_attribute("src").startswith(f"https://www.youtube-nocookie.com/embed/{VIDEO_ID}?")
    assert frame.get_attribute("title") == "Prone Leg Lift"
    assert recorder.console_errors == []
    assert recorder.page_errors == []


def test_video_play_control_is_a_link_to_the_video_with_javascript_off(library, make_page):
    page, recorder = make_page(java_script_enabled=False)
    page.goto("/exercises/prone-leg-lift/")
    play = page.locator("#video-play")
    assert play.evaluate("element => element.tagName") == "A"
    assert play.get_attribute("href") == f"https://www.youtube.com/watch?v={VIDEO_ID}"
    assert "Play video" in play.inner_text()
    assert not any("youtube" in url for url in recorder.requests)


def test_language_switcher_leads_from_english_detail_to_spanish_version(library, page):
    page.goto("/exercises/prone-leg-lift/")
    page.locator("#language-switcher a[hreflang=es]").click()
    page.wait_for_url("**/es/ejercicios/elevacion-de-pierna-boca-abajo/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("h1").inner_text() == "Elevación de pierna boca abajo"

    page.locator("#language-switcher a[hreflang=en]").click()
    page.wait_for_url("**/exercises/prone-leg-lift/")
    assert page.locator("html").get_attribute("lang") == "en"


def test_spanish_list_uses_translated_path_and_labels(library, page):
    page.goto("/es/")
    page.locator("#main-nav a", has_text="Ejercicios").click()
    page.wait_for_url("**/es/ejercicios/")
    assert page.locator("#results .card-title").all_inner_texts() == ["Elevación de pierna boca abajo"]
