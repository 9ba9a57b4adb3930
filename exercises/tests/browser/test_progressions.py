"""The progression ladder in real Chromium: from an exercise to its harder version and back."""

import pytest

from exercises.models import Level, Modification
from exercises.tests.factories import make_exercise

from .fixtures import format_violations, run_axe

pytestmark = pytest.mark.browser


@pytest.fixture
def ladder(site):
    prep = make_exercise("Roll Up Prep", slug="roll-up-prep", steps=("Roll halfway.",))
    full = make_exercise("Roll Up", slug="roll-up", difficulty="intermediate", steps=("Roll all the way.",))
    Modification.objects.create(exercise=full, name="Roll Up Prep", level=Level.EASIER, links_to=prep)
    return prep, full


def test_the_ladder_leads_to_the_harder_version_and_back(ladder, page):
    page.goto("/exercises/roll-up-prep/")
    assert page.locator("#ladder [aria-current=page]").inner_text() == "Roll Up Prep"

    page.locator("#ladder .ladder-harder a").click()
    page.wait_for_url("**/exercises/roll-up/")
    assert page.locator("h1").inner_text() == "Roll Up"
    assert page.locator("#ladder [aria-current=page]").inner_text() == "Roll Up"

    page.locator("#ladder .ladder-easier a").click()
    page.wait_for_url("**/exercises/roll-up-prep/")
    assert page.locator("h1").inner_text() == "Roll Up Prep"


def test_a_linked_modification_name_opens_its_exercise(ladder, page):
    page.goto("/exercises/roll-up/")
    page.locator("#easier + .mod-cards a", has_text="Roll Up Prep").click()
    page.wait_for_url("**/exercises/roll-up-prep/")
    assert page.locator("#steps li").all_inner_texts() == ["Roll halfway."]


def test_a_page_with_a_ladder_has_no_axe_violations(ladder, make_page, axe_script):
    page, _recorder = make_page(bypass_csp=True)  # the axe script is injected inline
    page.goto("/exercises/roll-up/")

    violations = run_axe(page, axe_script)

    assert not violations, format_violations(violations)
