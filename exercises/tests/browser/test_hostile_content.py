"""Hostile content renders inert in real Chromium: no dialog, no script from content runs, no script-URL survives.

The pages are loaded with the Content Security Policy bypassed, so these tests check escaping and
sanitising on their own: CSP is a second line of defence, not the reason a payload stays inert. With
CSP on, the same pages must not even trip it.
"""

import pytest

from exercises.models import Difficulty, Equipment, Level, Muscle

from ..factories import make_exercise
from .fixtures import VIDEO_ID

pytestmark = pytest.mark.browser

# Each payload, if it ran, would both open a dialog and set window.__xss.
SCRIPT = "<script>window.__xss=1;alert(1)</script>"
CLOSE_SCRIPT = "</script><script>window.__xss=2;alert(2)</script>"
IMG = '<img src=x onerror="window.__xss=3;alert(3)">'
JS_LINK = "javascript:window.__xss=4;alert(4)"
SVG = '<svg onload="window.__xss=5;alert(5)">'
ATTRIBUTE_BREAKOUT = "\"'><img src=x onerror=window.__xss=6;alert(6)>"
ALL = " ".join([SCRIPT, CLOSE_SCRIPT, IMG, f'<a href="{JS_LINK}">link</a>', SVG, ATTRIBUTE_BREAKOUT])

HOSTILE_BODY = f"""## Benefits {SCRIPT}

{SCRIPT}

{IMG} {SVG}

[click me]({JS_LINK}) [data link](data:text/html,{SCRIPT}) <a href="{JS_LINK}">raw link</a>

<iframe src="{JS_LINK}"></iframe> <object data="{JS_LINK}"></object>

<p onclick="window.__xss=7">paragraph with a handler</p> <details open ontoggle="window.__xss=8;alert(8)">x</details>

```
{CLOSE_SCRIPT}
```
"""
HOSTILE_MUSCLE = f"<b>Glutes</b>{IMG}"
HOSTILE_EQUIPMENT = f"Mat{SVG}"

INSPECT_DOM = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.trim().toLowerCase();
      if (attr.name.startsWith('on')) bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
      if (['href', 'src', 'action', 'data', 'formaction', 'xlink:href'].includes(attr.name)
          && (value.startsWith('javascript:') || value.startsWith('data:text') || value.startsWith('vbscript:')))
        bad.push(`${el.tagName} ${attr.name}=${attr.value}`);
    }
    // The site's own SVG: the body map's figures and symbols, never inside rendered content.
    const ours = el.closest('#video') || (el.matches('svg.body-map, svg.body-symbols') && !el.closest('.body'));
    if (['IFRAME', 'OBJECT', 'EMBED', 'SVG'].includes(el.tagName.toUpperCase()) && !ours)
      bad.push(`<${el.tagName.toLowerCase()}> element`);
  }
  for (const script of document.scripts) {
    if (script.type === 'application/ld+json') continue;
    if (!script.src || new URL(script.src).origin !== location.origin)
      bad.push(`script: ${script.outerHTML.slice(0, 120)}`);
  }
  return bad;
}"""

PARSE_JSON_LD = """() => [...document.querySelectorAll('script[type="application/ld+json"]')]
  .map(script => JSON.parse(script.textContent))"""


@pytest.fixture
def hostile(site):
    """An exercise with a payload in every text field a visitor sees, and tags whose names are HTML."""
    exercise = make_exercise(
        f"Hostile {CLOSE_SCRIPT} {ATTRIBUTE_BREAKOUT}",
        slug="hostile",
        description=ALL,
        body=HOSTILE_BODY,
        author=f"Mallory {SCRIPT} {IMG}",
        keywords=[SCRIPT, SVG],
        steps=(SCRIPT, CLOSE_SCRIPT, IMG, SVG, JS_LINK, ATTRIBUTE_BREAKOUT),
        modifications=((SCRIPT, Level.EASIER, IMG), (SVG, Level.HARDER, ATTRIBUTE_BREAKOUT)),
        faqs=((f"Why {SCRIPT}?", ALL), (CLOSE_SCRIPT, f"<a href='{JS_LINK}'>answer</a>")),
        muscles=(HOSTILE_MUSCLE,),
        equipment=(HOSTILE_EQUIPMENT,),
        difficulty=Difficulty.ADVANCED,
        video_id=VIDEO_ID,
        duration=90,
    )
    make_exercise("Plain Neighbour", muscles=(HOSTILE_MUSCLE,), description="Shares the hostile muscle tag.")
    return exercise


def hostile_pages(exercise):
    muscle = Muscle.objects.get(name=HOSTILE_MUSCLE)
    equipment = Equipment.objects.get(name=HOSTILE_EQUIPMENT)
    return [
        exercise.get_absolute_url(),
        "/",
        "/exercises/",
        f"/exercises/?q={CLOSE_SCRIPT}&muscle={muscle.slug}",
        muscle.get_absolute_url(),
        "/muscles/",
        equipment.get_absolute_url(),
        "/equipment/",
        "/difficulties/advanced/",
        f"/{CLOSE_SCRIPT}/",
    ]


def assert_inert(page, recorder, url):
    recorder.console_errors.clear()
    response = page.goto(url)
    assert response.status in (200, 404), url
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__xss") is None, url
    assert page.evaluate(INSPECT_DOM) == [], url
    for data in page.evaluate(PARSE_JSON_LD):
        assert isinstance(data, dict), url
    assert recorder.dialogs == [], url
    assert recorder.page_errors == [], url
    # A 404 page logs its own status; anything else in the console is a failure.
    expected = ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    assert recorder.console_errors == (expected if response.status == 404 else []), url


@pytest.mark.parametrize("bypass_csp", [True, False], ids=["csp-bypassed", "csp-on"])
def test_hostile_content_runs_no_script_on_any_page(hostile, make_page, bypass_csp):
    # With CSP on, a payload that reached the page would show up as a "Refused to execute" console error.
    page, recorder = make_page(bypass_csp=bypass_csp)
    for url in hostile_pages(hostile):
        assert_inert(page, recorder, url)


def test_hostile_title_is_shown_as_text(hostile, make_page):
    page, recorder = make_page(bypass_csp=True)
    page.goto(hostile.get_absolute_url())

    assert page.locator("h1").inner_text() == hostile.title
    assert page.locator("#steps li").all_inner_texts()[:2] == [SCRIPT, CLOSE_SCRIPT]
    how_to = page.evaluate(PARSE_JSON_LD)[0]
    assert how_to["name"] == hostile.title
    assert page.title().startswith(hostile.title)


def test_hostile_title_reaches_the_video_player_as_text(hostile, make_page):
    page, recorder = make_page(bypass_csp=True)
    page.goto(hostile.get_absolute_url())

    page.locator("#video-play").click()

    assert page.locator("#video iframe").get_attribute("title") == hostile.title
    assert page.evaluate("() => window.__xss") is None
    assert recorder.dialogs == []


def test_harness_notices_a_payload_that_runs(make_page):
    # Guards the tests above: the same checks must see a payload that does get through.
    page, recorder = make_page(bypass_csp=True)
    page.set_content(f"<!doctype html><title>t</title><p>{SVG}</p><a href='{JS_LINK}'>x</a>")

    assert page.evaluate("() => window.__xss") == 5
    assert recorder.dialogs == ["alert: 5"]
    assert len(page.evaluate(INSPECT_DOM)) == 3
