"""Pages in a real browser: a section lists its children and pages through them without JavaScript, and
axe-core finds no violations on a single page, an article and a section page in both languages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exercises.tests.browser.fixtures import format_violations, run_axe
from exercises.tests.factories import make_exercise

from ..factories import make_page as create_page
from ..factories import make_section, make_workout

pytestmark = pytest.mark.browser


@pytest.fixture
def pages_site(site):
    make_section("learn", "Learn", description="Guides to the basics.", translation_key="learn", body="Read *these*.")
    make_section("aprender", "Aprender", language="es", description="Guías básicas.", translation_key="learn")
    for number in range(10):
        create_page(f"learn/guide-{number}", f"Guide {number}", description="A short guide.", weight=number)
    make_exercise("Hundred", section="learn", description="Pump the arms.", weight=20)
    make_workout("Quick Flow", section="learn", description="Ten minutes.", weight=21)
    make_section("learn/fundamentals", "Fundamentals", weight=22)
    create_page(
        "learn/roll-up",
        "Roll Up",
        body="## Why\n\nIt builds **control**.\n\n- Slowly\n- Evenly",
        author="Ana",
        date=timezone.now() - timedelta(days=2),
        weight=30,
        translation_key="roll-up",
    )
    create_page(
        "aprender/enrollarse",
        "Enrollarse",
        language="es",
        body="## Por qué\n\nDa **control**.",
        author="Ana",
        translation_key="roll-up",
    )
    create_page("about", "About", body="A small studio.", translation_key="about")
    create_page("acerca-de", "Acerca de", language="es", body="Un pequeño estudio.", translation_key="about")
    return site


def test_section_lists_children_and_pages_through_them_without_javascript(pages_site, make_page):
    browser_page, recorder = make_page(java_script_enabled=False)

    browser_page.goto("/learn/")
    assert browser_page.locator("#children .card").count() == 12
    browser_page.locator('#pagination a[rel="next"]').click()

    assert browser_page.url.endswith("/learn/?page=2")
    titles = browser_page.locator("#children .card-title").all_inner_texts()
    assert titles == ["Fundamentals", "Roll Up"]
    assert browser_page.locator('#pagination a[aria-current="page"]').inner_text().endswith("2")
    assert not recorder.page_errors


PAGES = {
    "en": {"single page": "/about/", "article": "/learn/roll-up/", "section": "/learn/"},
    "es": {"single page": "/es/acerca-de/", "article": "/es/aprender/enrollarse/", "section": "/es/aprender/"},
}


@pytest.mark.parametrize("language, name", [(language, name) for language, pages in PAGES.items() for name in pages])
def test_pages_have_no_axe_violations(pages_site, make_page, axe_script, language, name):
    browser_page, _recorder = make_page(bypass_csp=True)  # axe is injected inline
    response = browser_page.goto(PAGES[language][name])
    assert response.status == 200
    assert browser_page.locator("html").get_attribute("lang") == language
    assert browser_page.evaluate("[...document.styleSheets].some(s => s.href && s.cssRules.length > 20)")

    violations = run_axe(browser_page, axe_script)

    assert not violations, f"axe on {PAGES[language][name]}:\n{format_violations(violations)}"
