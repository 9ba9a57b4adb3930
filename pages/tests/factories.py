"""Small factory functions for page tests: published and public now unless fields say otherwise."""

from datetime import timedelta

from django.utils import timezone

from pages.models import Kind, Page
from publishing.models import Status
from workouts.models import Workout


def _public(fields):
    fields.setdefault("language", "en")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    return fields


def make_page(path, title=None, **fields):
    fields.setdefault("section", path.rpartition("/")[0])
    title = title or path.rpartition("/")[2].replace("-", " ").title() or "Home"
    return Page.objects.create(path=path, title=title, **_public(fields))


def make_section(path, title=None, **fields):
    return make_page(path, title, kind=Kind.SECTION, **fields)


def make_workout(title, **fields):
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    return Workout.objects.create(title=title, **_public(fields))
