"""Query string → filtered exercises, facet counts, chips and pages for the exercise list.

Several values of one facet mean any of them; different facets combine with AND. Each facet's
counts are computed with every other facet applied, so a count says how many results ticking
that value would give. Unknown or malformed parameters are dropped, never an error.
"""

import math
import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Difficulty, Equipment, Muscle, TaggedEquipment, TaggedMuscle
from .search import MAX_QUERY_LENGTH, search

PAGE_SIZE = 12
MAX_VALUES_PER_FACET = 20
NO_EQUIPMENT = "none"
DURATION_CHOICES = (60, 120, 300, 600)
DURATION_VALUES = frozenset(str(seconds) for seconds in DURATION_CHOICES)
SORTS = {
    # By first publication; exercises without a date (files that gave none) follow, by title.
    "newest": (F("date").desc(nulls_last=True), F("title").asc(), F("id").asc()),
    "title": (F("title").asc(), F("id").asc()),
    "duration": (F("duration").asc(nulls_last=True), F("id").asc()),
}
SORT_LABELS = {"newest": _("Newest"), "title": _("Title"), "duration": _("Duration")}
TAG_SLUG = re.compile(r"^[-\w]{1,100}$")
# Every query parameter a public page reads; the page cache keys on these alone.
# "duration" and "focus" are the workout list's and builder's (workouts/filters.py, workouts/builder.py).
PARAMETERS = frozenset({"muscle", "equipment", "difficulty", "max_duration", "q", "sort", "page", "duration", "focus"})
# The ones parse() reads into a Selection (the page cache normalises these; the others it keeps as given).
SELECTION_PARAMETERS = frozenset({"muscle", "equipment", "difficulty", "max_duration", "q", "sort", "page"})


@dataclass(frozen=True)
class Selection:
    """What the visitor asked for, cleaned."""

    muscles: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    difficulties: tuple[str, ...] = ()
    max_duration: int | None = None
    q: str = ""
    sort: str = ""
    page: int = 1

    @property
    def is_filtered(self):
        return bool(self.muscles or self.equipment or self.difficulties or self.max_duration or self.q)

    def pairs(self) -> list[tuple[str, str]]:
        """(parameter, value) pairs of this selection, in the order links show them."""
        pairs = [("q", self.q)] if self.q else []
        pairs += [("muscle", slug) for slug in self.muscles]
        pairs += [("equipment", slug) for slug in self.equipment]
        pairs += [("difficulty", level) for level in self.difficulties]
        if self.max_duration:
            pairs.append(("max_duration", str(self.max_duration)))
        if self.sort:
            pairs.append(("sort", self.sort))
        if self.page > 1:
            pairs.append(("page", str(self.page)))
        return pairs

    def query_string(self, **changes) -> str:
        """This selection as a normalised query string ('' when empty), with `changes` applied."""
        pairs = replace(self, **changes).pairs()
        return "?" + urlencode(pairs) if pairs else ""


def _distinct(values, valid):
    return tuple(dict.fromkeys(value for value in values if valid(value)))[:MAX_VALUES_PER_FACET]


def _positive_int(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 10**6 else None


def parse(params) -> Selection:
    """Clean a QueryDict (or any mapping with getlist) into a Selection."""
    tag_slug = TAG_SLUG.match
    # Only the offered limits: any other number would be one more cached copy of the list.
    duration = params.get("max_duration")
    return Selection(
        muscles=_distinct(params.getlist("muscle"), tag_slug),
        equipment=_distinct(params.getlist("equipment"), tag_slug),
        difficulties=_distinct(params.getlist("difficulty"), Difficulty.values.__contains__),
        max_duration=int(duration) if duration in DURATION_VALUES else None,
        q=" ".join(str(params.get("q", "")).split())[:MAX_QUERY_LENGTH],
        sort=params.get("sort") if params.get("sort") in SORTS else "",
        page=_positive_int(params.get("page")) or 1,
    )


def _used_tags(tag_model, link_model, slugs, kind, base, languages):
    # Probing the tag's links one by one stops at the first exercise of `base`; `content_object__in=base`
    # would list every exercise of `base` first.
    in_base = Exists(base.filter(pk=OuterRef("content_object")))
    used = Exists(link_model.objects.filter(in_base, tag=OuterRef("pk")))
    # Each tag's slug in the other languages, for the language switch (in the same query).
    elsewhere = {
        f"in_{index}": Subquery(tag_model.objects.filter(concept=OuterRef("concept"), language=code).values("slug")[:1])
        for index, code in enumerate(languages)
    }
    return tag_model.objects.order_by().filter(used, slug__in=slugs).annotate(kind=Value(kind), **elsewhere)


def known_tags(selection: Selection, base, languages=()) -> tuple[Selection, dict, dict]:
    """Drop tag slugs that no exercise in `base` uses; also return {(facet, slug): name} and, for each of
    `languages`, {(facet, slug): the same concept's slug in that language}.

    A tag only drafts use is treated as unknown, so its name never reaches the page. One query, only
    if tags are selected.
    """
    if not (selection.muscles or selection.equipment):
        return selection, {}, {}
    muscles = _used_tags(Muscle, TaggedMuscle, selection.muscles, "muscle", base, languages)
    equipment = _used_tags(Equipment, TaggedEquipment, selection.equipment, "equipment", base, languages)
    fields = ("kind", "slug", "name", *(f"in_{index}" for index in range(len(languages))))
    rows = list(muscles.values_list(*fields).union(equipment.values_list(*fields)))
    names = {(kind, slug): name for kind, slug, name, *_ in rows}
    elsewhere = {
        code: {(kind, slug): other[index] for kind, slug, _name, *other in rows if other[index]}
        for index, code in enumerate(languages)
    }
    selection = replace(
        selection,
        muscles=tuple(slug for slug in selection.muscles if ("muscle", slug) in names),
        equipment=tuple(slug for slug in selection.equipment if slug == NO_EQUIPMENT or ("equipment", slug) in names),
    )
    return selection, names, elsewhere


def apply(queryset, selection: Selection, *, without: str = ""):
    """Filter `queryset` by every facet of `selection` except the one named `without`."""
    # `pk IN (links of these tags)` rather than a correlated EXISTS: the database reads the tag's links once
    # instead of probing them for every exercise of the language (3× faster at 10,000 exercises on SQLite).
    if selection.muscles and without != "muscle":
        queryset = queryset.filter(pk__in=_tagged(TaggedMuscle, selection.muscles))
    if selection.equipment and without != "equipment":
        condition = Q(pk__in=_tagged(TaggedEquipment, selection.equipment))
        if NO_EQUIPMENT in selection.equipment:
            condition |= ~Exists(TaggedEquipment.objects.filter(content_object=OuterRef("pk")))
        queryset = queryset.filter(condition)
    if selection.difficulties and without != "difficulty":
        queryset = queryset.filter(difficulty__in=selection.difficulties)
    if selection.max_duration and without != "max_duration":
        queryset = queryset.filter(duration__lte=selection.max_duration)
    return queryset


def _tagged(link_model, slugs):
    """The ids of the exercises linked to any of these tag slugs (a subquery)."""
    return link_model.objects.filter(tag__slug__in=slugs).values("content_object")


@dataclass
class Option:
    """One value of a facet: what it is called, how many results it gives, whether it is ticked."""

    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    legend: str
    options: list[Option]
    multiple: bool = True

    @property
    def has_selection(self):
        return any(option.selected for option in self.options)


@dataclass
class Chip:
    label: str
    remove_url: str


@dataclass
class Results:
    selection: Selection
    facets: list[Facet]
    chips: list[Chip]
    total: int
    page: int
    num_pages: int
    exercises: list = field(default_factory=list)
    # {language: {(facet, slug): the same tag's slug there}} for the selected tags, for the language switch.
    elsewhere: dict = field(default_factory=dict)

    @property
    def pages(self):
        """Page links: (number, query string) for every page, or None for a gap."""
        shown = {1, self.num_pages, *range(self.page - 2, self.page + 3)}
        links, previous = [], 0
        for number in sorted(n for n in shown if 1 <= n <= self.num_pages):
            if number > previous + 1:
                links.append(None)
            links.append((number, self.selection.query_string(page=number)))
            previous = number
        return links

    @property
    def previous_url(self):
        return self.selection.query_string(page=self.page - 1) if self.page > 1 else ""

    @property
    def next_url(self):
        return self.selection.query_string(page=self.page + 1) if self.page < self.num_pages else ""

    @property
    def summary(self):
        return ngettext("%(count)s exercise", "%(count)s exercises", self.total) % {"count": self.total}


def tag_counts(link_model, queryset):
    """[(slug, name, count)] of the tags the exercises in `queryset` use, by name (one query)."""
    rows = (
        link_model.objects.filter(content_object__in=queryset.values("pk"))
        .values("tag__slug", "tag__name")
        .annotate(count=Count("id"))
        .order_by("tag__name")
    )
    return [(row["tag__slug"], row["tag__name"], row["count"]) for row in rows]


def tag_counts_pair(muscles_of, equipment_of):
    """tag_counts for muscles of one queryset and equipment of another, in one UNION query."""
    parts = [
        link_model.objects.filter(content_object__in=queryset.values("pk"))
        .annotate(facet=Value(facet))
        .values("facet", "tag__slug", "tag__name")
        .annotate(count=Count("id"))
        .order_by()
        for facet, link_model, queryset in (
            ("muscle", TaggedMuscle, muscles_of),
            ("equipment", TaggedEquipment, equipment_of),
        )
    ]
    counts = {"muscle": [], "equipment": []}
    for row in parts[0].union(parts[1], all=True).order_by("facet", "tag__name"):
        counts[row["facet"]].append((row["tag__slug"], row["tag__name"], row["count"]))
    return counts["muscle"], counts["equipment"]


def difficulty_counts(queryset) -> dict[str, int]:
    """{level: count} of the exercises in `queryset` (one query)."""
    rows = queryset.order_by().values("difficulty").annotate(count=Count("id"))
    return {row["difficulty"]: row["count"] for row in rows}


def duration_label(seconds):
    minutes = seconds // 60
    return ngettext("Up to %(count)s minute", "Up to %(count)s minutes", minutes) % {"count": minutes}


def facets(base, selection: Selection, names=None):
    """The four facets with counts: four queries whatever the number of exercises or tags."""
    without_equipment = apply(base, selection, without="equipment")
    muscle_counts, equipment_counts = tag_counts_pair(apply(base, selection, without="muscle"), without_equipment)
    no_equipment = without_equipment.filter(~Exists(TaggedEquipment.objects.filter(content_object=OuterRef("pk"))))
    level_counts = difficulty_counts(apply(base, selection, without="difficulty"))
    duration_counts = (
        apply(base, selection, without="max_duration")
        .order_by()
        .aggregate(
            **{f"up_to_{seconds}": Count("pk", filter=Q(duration__lte=seconds)) for seconds in DURATION_CHOICES},
        )
    )
    no_equipment_count = no_equipment.count()

    names = names or {}

    def tag_options(facet, counts, selected):
        options = [Option(slug, name, count, slug in selected) for slug, name, count in counts]
        listed = {option.value for option in options}
        options += [
            Option(slug, names.get((facet, slug), slug), 0, True)
            for slug in selected
            if slug not in listed and slug != NO_EQUIPMENT
        ]
        return options

    equipment_options = [
        Option(NO_EQUIPMENT, str(_("No equipment")), no_equipment_count, NO_EQUIPMENT in selection.equipment)
    ] + tag_options("equipment", equipment_counts, selection.equipment)
    difficulty_options = [
        Option(level, str(label), level_counts.get(level, 0), level in selection.difficulties)
        for level, label in Difficulty.choices
    ]
    duration_options = [
        Option(str(s), duration_label(s), duration_counts[f"up_to_{s}"], selection.max_duration == s)
        for s in DURATION_CHOICES
    ]
    facet_list = [
        Facet("difficulty", str(_("Difficulty")), difficulty_options),
        Facet("muscle", str(_("Muscles")), tag_options("muscle", muscle_counts, selection.muscles)),
        Facet("equipment", str(_("Equipment")), equipment_options),
        Facet("max_duration", str(_("Duration")), duration_options, multiple=False),
    ]
    wanted_levels = selection.difficulties or level_counts.keys()
    total = sum(count for level, count in level_counts.items() if level in wanted_levels)
    return facet_list, total


def chips(selection: Selection, facet_list):
    """Removable chips for the active filters, each with the query string that removes it."""
    labels = {(facet.name, option.value): option.label for facet in facet_list for option in facet.options}
    result = []
    if selection.q:
        result.append(Chip(f"“{selection.q}”", selection.query_string(q="", page=1)))
    for name, attribute in (("difficulty", "difficulties"), ("muscle", "muscles"), ("equipment", "equipment")):
        values = getattr(selection, attribute)
        for value in values:
            rest = tuple(v for v in values if v != value)
            remove_url = selection.query_string(**{attribute: rest, "page": 1})
            result.append(Chip(labels.get((name, value), value), remove_url))
    if selection.max_duration:
        label = labels.get(("max_duration", str(selection.max_duration)), "")
        result.append(Chip(label, selection.query_string(max_duration=None, page=1)))
    return result


def order(queryset, selection: Selection):
    if selection.sort:
        return queryset.order_by(*SORTS[selection.sort])
    if selection.q:
        return queryset.order_by(F("search_rank").desc(), *SORTS["newest"])
    return queryset.order_by(*SORTS["newest"])


def results(base, params, language, page_size=PAGE_SIZE) -> Results:
    """Everything the list page shows for this query string: at most seven queries."""
    others = [code for code, _name in settings.LANGUAGES if code != language]
    selection, names, elsewhere = known_tags(parse(params), base, others)
    if selection.q:
        base = search(base, selection.q, language)
    facet_list, total = facets(base, selection, names)
    num_pages = max(1, math.ceil(total / page_size))
    page = min(selection.page, num_pages)
    selection = replace(selection, page=page)
    exercises = []
    if total:
        start = (page - 1) * page_size
        exercises = list(order(apply(base, selection), selection).with_body_map()[start : start + page_size])
    return Results(selection, facet_list, chips(selection, facet_list), total, page, num_pages, exercises, elsewhere)


def translated(results: Results, language) -> Selection:
    """The same filters for the list in `language`: tags become their concepts' names there (those without
    one are dropped); the search words and page number are left behind."""
    names = {**results.elsewhere.get(language, {}), ("equipment", NO_EQUIPMENT): NO_EQUIPMENT}
    selection = results.selection
    return replace(
        selection,
        muscles=tuple(names[("muscle", slug)] for slug in selection.muscles if ("muscle", slug) in names),
        equipment=tuple(names[("equipment", slug)] for slug in selection.equipment if ("equipment", slug) in names),
        q="",
        page=1,
    )


def page_is_canonical(params, results: Results) -> bool:
    """Whether the `page` parameter is exactly how pagination links to `results`' page (absent for page 1)."""
    return params.getlist("page") == ([str(results.page)] if results.page > 1 else [])


def page_results(queryset, params, page_size=PAGE_SIZE) -> Results:
    """One page of `queryset`, newest first, without facets: two queries."""
    selection = Selection(page=_positive_int(params.get("page")) or 1)
    total = queryset.count()
    num_pages = max(1, math.ceil(total / page_size))
    selection = replace(selection, page=min(selection.page, num_pages))
    start = (selection.page - 1) * page_size
    exercises = list(order(queryset, selection).with_body_map()[start : start + page_size]) if total else []
    return Results(selection, [], [], total, selection.page, num_pages, exercises)
