"""axe-core finds no violations on the home, list, detail, landing, muscle map and 404 pages, in both languages."""

import pytest

from .fixtures import format_violations, run_axe

pytestmark = pytest.mark.browser

PAGES = {
    "en": {
        "home": "/",
        "list": "/exercises/",
        "filtered list": "/exercises/?muscle=hamstrings&difficulty=beginner",
        "detail": "/exercises/prone-leg-lift/",
        "landing": "/muscles/hamstrings/",
        "muscle map": "/muscles/",
        "404": "/no-such-page/",
    },
    "es": {
        "home": "/es/",
        "list": "/es/ejercicios/",
        "filtered list": "/es/ejercicios/?muscle=glúteos&difficulty=beginner",
        "detail": "/es/ejercicios/elevacion-de-pierna-boca-abajo/",
        "landing": "/es/muscles/glúteos/",
        "muscle map": "/es/muscles/",
        "404": "/es/no-existe/",
    },
}


@pytest.mark.parametrize("language, name", [(language, name) for language, pages in PAGES.items() for name in pages])
def test_page_has_no_axe_violations(library, make_page, axe_script, language, name):
    # The axe script is injected inline, which the site's CSP (rightly) forbids.
    page, _recorder = make_page(bypass_csp=True)
    response = page.goto(PAGES[language][name])
    assert response.status == (404 if name == "404" else 200)
    assert page.locator("html").get_attribute("lang") == language

    # Contrast is only checked for real if the site's stylesheet applied.
    assert page.evaluate("[...document.styleSheets].some(sheet => sheet.href && sheet.cssRules.length > 20)")

    violations = run_axe(page, axe_script)

    assert not violations, f"axe on {PAGES[language][name]}:\n{format_violations(violations)}"


def test_axe_harness_reports_a_missing_alt_text(make_page, axe_script):
    # Guards the test above: an axe that silently did not run would also report nothing.
    page, _recorder = make_page(bypass_csp=True)
    page.set_content('<!doctype html><html lang="en"><title>t</title><main><img src="data:,"></main></html>')

    violations = run_axe(page, axe_script)

    assert "image-alt" in {violation["id"] for violation in violations}
    assert "image-alt" in format_violations(violations)
