"""Browser fixtures: the exercise app's (chromium, live server, offline routes, axe), plus a few workouts."""

import pytest

from exercises.models import Difficulty
from exercises.tests.browser.fixtures import VIDEO_ID
from exercises.tests.factories import make_exercise
from workouts.models import Kind

from ..factories import make_workout


@pytest.fixture
def workouts(library):
    """An English workout with a video and its Spanish version, plus exercises for the builder."""
    lift, elevacion = library
    make_exercise("March", duration=60, muscles=("Hips",))
    english = make_workout(
        "Hip Opener",
        description="Ten minutes for the hips.",
        body="Move **slowly** and breathe.",
        difficulty=Difficulty.BEGINNER,
        equipment=["Mat"],
        focus=["hips", "morning"],
        video_id=VIDEO_ID,
        related_videos=["abcdefghijk"],
        translation_key="hip-opener",
        items=[
            {"name": "March", "kind": Kind.WARM_UP, "duration": 60, "instructions": ["Lift the knees."]},
            {"name": "Prone Leg Lift", "exercise": lift, "duration": 90, "reps": "10 each side"},
            {"name": "Child's pose", "kind": Kind.COOL_DOWN, "duration": 45},
        ],
    )
    spanish = make_workout(
        "Apertura de cadera",
        slug="apertura-de-cadera",
        language="es",
        description="Diez minutos para las caderas.",
        difficulty=Difficulty.BEGINNER,
        equipment=["Esterilla"],
        focus=["caderas"],
        video_id=VIDEO_ID,
        translation_key="hip-opener",
        items=[
            {"name": "Marcha", "kind": Kind.WARM_UP, "duration": 60},
            {"name": "Elevación de pierna", "exercise": elevacion, "duration": 90, "reps": "10 por lado"},
            {"name": "Postura del niño", "kind": Kind.COOL_DOWN, "duration": 45},
        ],
    )
    return english, spanish
