"""What a section page lists: its pages, sub-sections, exercises and workouts, as one paginated list.

The three tables are read as one UNION, ordered in the database, so a page of children costs two
queries (count and rows) whatever the section holds.
"""

import math
import re
from dataclasses import dataclass

from django.db.models import CharField, F, Value
from django.urls import reverse

from exercises.filters import Results, Selection
from exercises.models import Exercise
from publisher import dependencies
from publishing.models import Status
from workouts.models import Workout

from .models import Kind, Page

CARD_MODELS = {"exercise": Exercise, "workout": Workout}

PAGE_SIZE = 12
FEED_SIZE = 20
COLUMNS = ("card_kind", "title", "description", "key", "weight", "date", "id")
# By first publication; an exercise whose file gave no date follows the dated ones (its import time is no date).
NEWEST_FIRST = (F("date").desc(nulls_last=True), F("title").asc(), "-card_kind", "-id")
ORDER = ("weight", *NEWEST_FIRST)
# Hugo serves a list's later pages at <list>/page/<n>/, so no folder of content lives there.
HUGO_PAGINATION = re.compile(r"(^|/)page/\d+$")


@dataclass(frozen=True)
class Child:
    """One entry of a section's list, whatever its type."""

    kind: str  # "page", "section", "exercise" or "workout"
    title: str
    description: str
    key: str  # the page's path, or the exercise's or workout's slug
    weight: int
    date: object  # None for an exercise whose file gave no date
    id: int

    def __post_init__(self):
        # Read as plain values, not rows: record what the section shows for the publisher.
        dependencies.record_row(CARD_MODELS.get(self.kind, Page), self.id)

    @property
    def url(self):
        """The address in the active language (the section's own)."""
        if self.kind == "exercise":
            return reverse("exercises:detail", kwargs={"slug": self.key})
        if self.kind == "workout":
            return reverse("workouts:detail", kwargs={"slug": self.key})
        return reverse("pages:page", kwargs={"path": self.key})


def _rows(queryset, kind, key):
    kind_value = Value(kind, output_field=CharField()) if kind else F("kind")
    return queryset.order_by().annotate(card_kind=kind_value, key=F(key)).values_list(*COLUMNS)


def children_query(section: Page):
    """The published children of `section` in its language, as one UNION of (COLUMNS) rows."""
    pages = _rows(Page.objects.children_of(section), None, "path")
    exercises = _rows(
        Exercise.objects.published().in_language(section.language).filter(section=section.path), "exercise", "slug"
    )
    workouts = _rows(
        Workout.objects.published().in_language(section.language).filter(section=section.path), "workout", "slug"
    )
    return pages.union(exercises, workouts, all=True)


def implicit_section(language, path) -> Page | None:
    """Hugo lists a folder that has no _index.md anyway: an unsaved stand-in section page, titled after the
    folder, when the folder has public children (one query)."""
    if not path or HUGO_PAGINATION.search(path):
        return None
    name = path.rpartition("/")[2]
    section = Page(
        language=language,
        path=path,
        section=path.rpartition("/")[0],
        kind=Kind.SECTION,
        title=name.replace("-", " ").capitalize(),
        status=Status.PUBLISHED,
    )
    return section if children_query(section)[:1] else None


def newest_children(section: Page, count=FEED_SIZE) -> list[Child]:
    return [Child(*row) for row in children_query(section).order_by(*NEWEST_FIRST)[:count]]


def page_of_children(section: Page, params, page_size=PAGE_SIZE) -> Results:
    """One page (?page=N, clamped) of the section's children, in Hugo's order: weight, then newest."""
    selection = Selection(page=_page_number(params.get("page")))
    total = children_query(section).count()
    num_pages = max(1, math.ceil(total / page_size))
    page = min(selection.page, num_pages)
    start = (page - 1) * page_size
    children = [Child(*row) for row in children_query(section).order_by(*ORDER)[start : start + page_size]]
    return Results(Selection(page=page), [], [], total, page, num_pages, children)


def _page_number(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1
    return number if 0 < number < 10**6 else 1
