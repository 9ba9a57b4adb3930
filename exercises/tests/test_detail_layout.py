"""The exercise page's hierarchy: title block with badges, quick info beside the content, intro before steps."""

import pytest

from .factories import make_exercise

pytestmark = pytest.mark.django_db


def test_body_introduction_comes_before_the_steps_and_its_sections_after(client):
    make_exercise(
        "Bridge",
        body="Lift the hips off the mat.\n\n## Benefits\n\nStrong glutes.",
        steps=["Lie on your back.", "Lift."],
        muscles=["Glutes"],
        equipment=["Mat"],
        duration=60,
    )
    html = client.get("/exercises/bridge/").content.decode()
    intro, steps, benefits = (html.index(text) for text in ("Lift the hips off", 'id="steps"', "Benefits"))
    assert intro < steps < benefits


def test_title_block_has_badges_and_quick_info_lists_the_facts(client):
    make_exercise("Bridge", muscles=["Glutes"], equipment=["Mat"], duration=60, difficulty="intermediate")
    html = client.get("/exercises/bridge/").content.decode()
    badges = html[html.index('class="badges"') : html.index("</ul>", html.index('class="badges"'))]
    assert "Intermediate" in badges and "1 min" in badges and "Mat" in badges
    quick = html[html.index('class="quick-info"') : html.index("</aside>", html.index('class="quick-info"'))]
    assert 'id="facts"' in quick and "Glutes" in quick and 'class="body-map' in quick
    assert html.index('class="quick-info"') < html.index('class="exercise-main"')


def test_modifications_are_cards_grouped_by_level(client):
    make_exercise(
        "Bridge",
        modifications=[("Smaller range", "easier", "Lift less."), ("One leg", "harder", "Lift one leg.")],
    )
    html = client.get("/exercises/bridge/").content.decode()
    easier, harder = html.index('id="easier"'), html.index('id="harder"')
    assert easier < html.index("Smaller range") < harder < html.index("One leg")
    assert html.count('class="mod-card"') == 2
