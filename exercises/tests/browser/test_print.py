"""Printing in real Chromium (Playwright's page.pdf, i.e. the print stylesheet): an exercise prints its steps,
modifications and every FAQ answer although the answers are collapsed on screen, and no site navigation; a
workout prints its items the same way."""

import unicodedata
from io import BytesIO

import pytest
from pypdf import PdfReader

from exercises.models import Level
from workouts.models import Kind
from workouts.tests.factories import make_workout

from ..factories import make_exercise
from .fixtures import VIDEO_ID

pytestmark = pytest.mark.browser

NAVIGATION = ["Skip to content", "Search exercises", "RSS feed", "Related exercises", "Español"]


def printed_text(page, path):
    page.goto(path)
    pdf = page.pdf(format="A4", print_background=False)
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())  # NFKC: the PDF's "ﬁ" ligature back to "fi"


@pytest.fixture
def exercise(site):
    make_exercise(
        "Swan Dive",
        translation_key="swan",
        description="A back extension that rocks.",
        video_id=VIDEO_ID,
        steps=("Lie face down with hands under the shoulders.", "Lift the chest, then rock forward."),
        modifications=(("Baby swan", Level.EASIER, "Keep the forearms down."), ("Full rock", Level.HARDER, "")),
        faqs=(
            ("Does it hurt the back?", "Not when the abdominals stay lifted throughout."),
            ("How many?", "Three to five slow rocks are plenty."),
        ),
        muscles=("Back extensors",),
    )
    make_exercise("Cobra", muscles=("Back extensors",))  # a related exercise, shown on screen only
    make_exercise("Cisne", slug="cisne", language="es", translation_key="swan")


def test_a_printed_exercise_has_steps_modifications_and_every_faq_answer_but_no_navigation(exercise, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/exercises/swan-dive/")
    assert not page.get_by_text("Not when the abdominals stay lifted throughout.").is_visible()  # collapsed on screen

    text = printed_text(page, "/exercises/swan-dive/")

    for expected in [
        "Swan Dive",
        "Lie face down with hands under the shoulders.",
        "Baby swan",
        "Keep the forearms down.",
        "Does it hurt the back?",
        "Not when the abdominals stay lifted throughout.",
        "Three to five slow rocks are plenty.",
    ]:
        assert expected in text, expected
    for absent in [*NAVIGATION, "Cobra", "Play video", "Workouts"]:
        assert absent not in text, absent


def test_a_printed_workout_has_its_items_and_no_navigation(site, page):
    make_workout(
        "Back Care",
        description="Fifteen gentle minutes.",
        video_id=VIDEO_ID,
        items=[
            {"name": "Cat cow", "kind": Kind.WARM_UP, "duration": 60, "instructions": ["Round, then arch."]},
            {"name": "Swan prep", "duration": 120, "reps": "5 slow"},
        ],
    )
    text = printed_text(page, "/workouts/back-care/")
    for expected in ["Back Care", "Cat cow", "Round, then arch.", "Swan prep", "5 slow"]:
        assert expected in text, expected
    for absent in [*NAVIGATION, "Play video", "Difficulties"]:
        assert absent not in text, absent
