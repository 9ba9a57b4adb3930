"""The body map in real Chromium with JavaScript off: the right regions light up, and the map's links work."""

from io import BytesIO

import pytest
from PIL import Image

from exercises.bodymap import VIEW_BOX

from ..factories import make_exercise

pytestmark = pytest.mark.browser

MAIN, ALSO, IDLE = (194, 65, 12), (244, 166, 114), (223, 230, 227)  # --bm-p, --bm-s, --bm-idle in site.css


def close(pixel, color, tolerance=12):
    return all(abs(channel - wanted) <= tolerance for channel, wanted in zip(pixel, color, strict=True))


def pixels_of(locator, color):
    """How many pixels of an element's screenshot have (about) this colour."""
    image = Image.open(BytesIO(locator.screenshot())).convert("RGB")
    return sum(count for count, pixel in image.getcolors(maxcolors=image.width * image.height) if close(pixel, color))


# Points inside regions, in the figure's coordinates (exercises/bodymap.py; the back is drawn 100 to the right).
POINTS = {"glutes": (142.5, 90), "back-thighs": (142, 118), "lower-back": (150, 71), "chest": (44, 41), "abs": (50, 65)}


def colour_at(figure, region):
    """The colour the browser painted at a point inside `region` of a figure (an <svg> of VIEW_BOX)."""
    left, top, width, height = (float(n) for n in VIEW_BOX.split())
    x, y = POINTS[region]
    image = Image.open(BytesIO(figure.screenshot())).convert("RGB")
    return image.getpixel((round((x - left) / width * image.width), round((y - top) / height * image.height)))


def test_detail_page_lights_main_regions_strong_and_the_others_light(site, make_page):
    make_exercise("Bridge", muscles=["Gluteus Maximus", "Hamstrings", "Back Extensors"])
    page, recorder = make_page(java_script_enabled=False)
    page.goto("/exercises/bridge/")
    figure = page.get_by_role("img", name="Body map. Main muscles: Gluteus Maximus, Hamstrings. Also: Back Extensors.")
    assert close(colour_at(figure, "glutes"), MAIN)
    assert close(colour_at(figure, "back-thighs"), MAIN)
    assert close(colour_at(figure, "lower-back"), ALSO)
    assert close(colour_at(figure, "chest"), IDLE)
    assert close(colour_at(figure, "abs"), IDLE)
    assert not recorder.console_errors and not recorder.page_errors


def test_cards_light_their_own_regions_through_the_shared_symbols(site, make_page):
    make_exercise("Bridge", muscles=["Gluteus Maximus", "Hamstrings"])
    make_exercise("Stretch")
    page, _recorder = make_page(java_script_enabled=False, viewport={"width": 390, "height": 900})
    page.goto("/exercises/")
    bridge = page.locator("article", has_text="Bridge").locator("svg.body-map")
    stretch = page.locator("article", has_text="Stretch").locator("svg.body-map")
    assert bridge.get_attribute("class") == "body-map p-glutes s-back-thighs"
    assert pixels_of(bridge, MAIN) > 20 and pixels_of(bridge, ALSO) > 20
    assert pixels_of(stretch, MAIN) == 0 and pixels_of(stretch, ALSO) == 0
    assert pixels_of(stretch, IDLE) > 200  # the figure is drawn, only unlit


@pytest.mark.parametrize(
    "language, index, region_label, landing, card",
    [
        ("en", "/muscles/", "Glutes: Gluteus Maximus, 1 exercise", "/muscles/gluteus-maximus/", "Bridge"),
        ("es", "/es/muscles/", "Glúteos: Glúteo mayor, 1 ejercicio", "/es/muscles/gluteo-mayor/", "Puente"),
    ],
)
def test_muscle_map_regions_lead_to_their_muscle_page_without_javascript(
    site, make_page, language, index, region_label, landing, card
):
    make_exercise("Bridge", muscles=["Gluteus Maximus", "Hamstrings"])
    make_exercise("Puente", slug="puente", language="es", muscles=["Glúteo mayor"])
    page, recorder = make_page(java_script_enabled=False)
    page.goto(index)
    region = page.get_by_role("link", name=region_label)
    assert region.count() == 1  # the back view's copy is hidden from the accessibility tree
    shape = region.locator("path")  # the left and right glute: click inside the left one, not between them
    box = shape.bounding_box()
    shape.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.5})
    page.wait_for_url(f"**{landing}")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".card-title").all_inner_texts() == [card]
    assert not recorder.console_errors and not recorder.page_errors


def test_muscle_map_regions_are_reachable_by_keyboard(site, make_page):
    make_exercise("Bridge", muscles=["Gluteus Maximus", "Hamstrings"])
    page, _recorder = make_page(java_script_enabled=False)
    page.goto("/muscles/")
    labels = []
    for _ in range(40):  # through the header's links to the map's, and on until focus leaves the map
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#body-map') !== null"):
            labels.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
        elif labels:
            break
    assert labels == ["Glutes: Gluteus Maximus, 1 exercise", "Back of the thighs: Hamstrings, 1 exercise"]
