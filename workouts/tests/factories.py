"""Small factory functions for workout tests: build exactly the rows a test needs."""

from datetime import timedelta

from django.utils import timezone

from pages.models import Page
from publishing.models import Status
from workouts.models import Kind, Workout, WorkoutItem


def make_workout(title="Morning Mobility", *, items=(), **fields):
    """A workout, published and public now unless fields say otherwise.

    `items`: dicts of WorkoutItem fields; `kind` defaults to main and `order` to the position.
    """
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    fields.setdefault("language", "en")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    workout = Workout.objects.create(title=title, **fields)
    WorkoutItem.objects.bulk_create(
        WorkoutItem(workout=workout, order=number, **{"kind": Kind.MAIN, **item})
        for number, item in enumerate(items, start=1)
    )
    workout.refresh_total()
    return workout


def make_page(title, path, **fields):
    fields.setdefault("language", "en")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    return Page.objects.create(title=title, path=path, **fields)
