"""Query string → facet counts, chips and one page of workouts for the workout list.

Equipment and focus are JSON lists, which SQLite cannot search inside, and a site has a few hundred
workouts at most: so one query reads every public workout's facet values, Python filters and counts,
and a second query reads the page's rows by id. Facets follow exercises/filters.py: values of one facet
are alternatives, facets combine with AND, a count says what ticking that value would give, and
unknown values are dropped, never an error.
"""

import math
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exercises.filters import MAX_VALUES_PER_FACET, PAGE_SIZE, Chip, Facet, Option, Results, _positive_int
from exercises.models import Difficulty

from .models import Workout

# (value, label, lowest seconds exclusive, highest seconds inclusive); None is open-ended.
DURATION_BUCKETS = (
    ("0-10", _("Up to 10 min"), None, 600),
    ("10-20", _("10–20 min"), 600, 1200),
    ("20-30", _("20–30 min"), 1200, 1800),
    ("30-", _("Over 30 min"), 1800, None),
)
BUCKET_VALUES = [value for value, *_rest in DURATION_BUCKETS]
FACET_NAMES = ("duration", "difficulty", "equipment", "focus")


def tag_value(name: str) -> str:
    """The URL form of an equipment or focus name: ‘Pull-Up Bar’ → ‘pull-up-bar’."""
    return slugify(str(name), allow_unicode=True)


def bucket_of(seconds: int) -> str:
    for value, _label, low, high in DURATION_BUCKETS:
        if (low is None or seconds > low) and (high is None or seconds <= high):
            return value
    return BUCKET_VALUES[-1]


@dataclass(frozen=True)
class Selection:
    """What the visitor asked for, cleaned: the values picked in each facet, and the page."""

    duration: tuple[str, ...] = ()
    difficulty: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()
    page: int = 1

    @property
    def is_filtered(self):
        return any(getattr(self, name) for name in FACET_NAMES)

    def query_string(self, **changes) -> str:
        selection = replace(self, **changes)
        pairs = [(name, value) for name in FACET_NAMES for value in getattr(selection, name)]
        if selection.page > 1:
            pairs.append(("page", selection.page))
        return "?" + urlencode(pairs) if pairs else ""


def _values(params, name, valid):
    values = (str(value).strip().lower() for value in params.getlist(name))
    return tuple(dict.fromkeys(value for value in values if valid(value)))[:MAX_VALUES_PER_FACET]


@dataclass(frozen=True)
class Row:
    """One public workout's facet values."""

    pk: int
    duration: str
    difficulty: str
    equipment: frozenset
    focus: frozenset

    def matches(self, selection: Selection, without: str = "") -> bool:
        for name in FACET_NAMES:
            wanted = getattr(selection, name)
            if name == without or not wanted:
                continue
            have = getattr(self, name)
            if not (have & set(wanted) if isinstance(have, frozenset) else have in wanted):
                return False
        return True


def read_rows(queryset):
    """The facet values of every workout in `queryset`, in list order, and {(facet, value): label} (one query)."""
    rows, labels = [], {}
    for pk, total, difficulty, equipment, focus in queryset.values_list(
        "pk", "total_seconds", "difficulty", "equipment", "focus"
    ):
        tags = {}
        for facet, names in (("equipment", equipment), ("focus", focus)):
            names = [name for name in (names if isinstance(names, list) else []) if isinstance(name, str)]
            tags[facet] = frozenset(filter(None, map(tag_value, names)))
            for name in names:
                labels.setdefault((facet, tag_value(name)), name.strip())
        rows.append(Row(pk, bucket_of(total or 0), difficulty, tags["equipment"], tags["focus"]))
    return rows, labels


def parse(params, labels) -> Selection:
    """Clean a QueryDict into a Selection; values no public workout has are dropped."""
    return Selection(
        duration=_values(params, "duration", BUCKET_VALUES.__contains__),
        difficulty=_values(params, "difficulty", Difficulty.values.__contains__),
        equipment=_values(params, "equipment", lambda value: ("equipment", value) in labels),
        focus=_values(params, "focus", lambda value: ("focus", value) in labels),
        page=_positive_int(params.get("page")) or 1,
    )


def _options(name, rows, selection, labels):
    counts = {}
    for row in rows:
        if row.matches(selection, without=name):
            values = getattr(row, name)
            for value in values if isinstance(values, frozenset) else (values,):
                counts[value] = counts.get(value, 0) + 1
    picked = getattr(selection, name)
    if name == "duration":
        choices = [(value, str(label)) for value, label, *_rest in DURATION_BUCKETS]
    elif name == "difficulty":
        choices = [(value, str(label)) for value, label in Difficulty.choices]
    else:
        choices = sorted(
            ((value, label) for (facet, value), label in labels.items() if facet == name),
            key=lambda choice: choice[1].casefold(),
        )
    return [
        Option(value, label, counts.get(value, 0), value in picked)
        for value, label in choices
        if counts.get(value) or value in picked
    ]


LEGENDS = {
    "duration": _("Duration"),
    "difficulty": _("Difficulty"),
    "equipment": _("Equipment"),
    "focus": _("Focus"),
}


class WorkoutResults(Results):
    @property
    def workouts(self):
        return self.exercises

    @property
    def summary(self):
        return ngettext("%(count)s workout", "%(count)s workouts", self.total) % {"count": self.total}


def chips(selection: Selection, facets):
    labels = {(facet.name, option.value): option.label for facet in facets for option in facet.options}
    result = []
    for name in FACET_NAMES:
        values = getattr(selection, name)
        for value in values:
            rest = tuple(other for other in values if other != value)
            result.append(Chip(labels.get((name, value), value), selection.query_string(**{name: rest}, page=1)))
    return result


def results(queryset, params, page_size=PAGE_SIZE) -> WorkoutResults:
    """Everything the list shows for this query string: two queries."""
    rows, labels = read_rows(queryset)
    selection = parse(params, labels)
    facets = [Facet(name, str(LEGENDS[name]), _options(name, rows, selection, labels)) for name in FACET_NAMES]
    matching = [row.pk for row in rows if row.matches(selection)]
    num_pages = max(1, math.ceil(len(matching) / page_size))
    selection = replace(selection, page=min(selection.page, num_pages))
    start = (selection.page - 1) * page_size
    ids = matching[start : start + page_size]
    found = Workout.objects.in_bulk(ids) if ids else {}
    workouts = [found[pk] for pk in ids if pk in found]
    return WorkoutResults(
        selection, facets, chips(selection, facets), len(matching), selection.page, num_pages, workouts
    )
