"""The body map: a small front-and-back figure whose regions light up for an exercise's muscles.

Each muscle concept sits in a body region (exercises/terms.py, BodyRegion). The figure is drawn here from
plain shapes, one path per region a side shows, and written by templatetags/body_map.py: exercises (cards and
the detail page) `<use>` one shared symbol set per page and are lit through CSS classes on their `<svg>`;
/muscles/ draws it inline, each region a link.

Which regions are strong: our content has no "primary" or "secondary" field, but authors list an exercise's
muscles main one first (the starter library and the Hugo sites we import do). So the first half of the list
(rounded up) is drawn strong and the rest light; see `levels`.
"""

import json
import math
from dataclasses import dataclass, field

from django.db.models import Aggregate, Count, JSONField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, JSONArray, NullIf
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .terms import BodyRegion, TaggedMuscle

PRIMARY, SECONDARY = "primary", "secondary"
SIDE_WIDTH = 100  # each side is drawn in a 100 × 200 box; the back sits to the right of the front
HEIGHT = 200
VIEW_BOX = "17 2 166 190"  # both sides, without the empty margins


def _polygon(*points, mirror=False):
    if mirror:
        points = [(SIDE_WIDTH - x, y) for x, y in points]
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z"


def _ellipse(cx, cy, rx, ry):
    return f"M{cx - rx:g},{cy}a{rx},{ry} 0 1,0 {2 * rx},0a{rx},{ry} 0 1,0 {-2 * rx},0Z"


def _pair(region, *points):
    """A shape on the figure's left and its mirror image on the right."""
    return [(region, _polygon(*points)), (region, _polygon(*points, mirror=True))]


# Shared by both sides: head, neck, shoulders, arms, hands.
_HEAD = [("", _ellipse(50, 13.5, 7.6, 9.6)), ("neck", _polygon((46.2, 26), (53.8, 26), (55, 30.5), (45, 30.5)))]
_ARMS = [
    *_pair("shoulders", (39.5, 32.5), (32, 33.5), (27, 38), (26, 45.5), (31.5, 45), (36, 38)),
    *_pair("arms", (24.6, 48.6), (30.8, 48.2), (30.6, 66.5), (25, 69.5), (23, 58.5)),
    *_pair("arms", (23, 72.6), (29.8, 71), (27.8, 94), (22.2, 95), (20.6, 84.5)),
    *_pair("", (21.4, 98), (27.2, 97.6), (26.8, 106), (22.6, 107), (20.2, 103)),
]
FRONT = [
    *_HEAD,
    *_ARMS,
    *_pair("chest", (40.2, 35.8), (48.6, 35), (48.6, 48), (42.8, 49.2), (39, 44.5)),
    ("abs", _polygon((42.6, 52.2), (57.4, 52.2), (56.6, 77), (43.4, 77))),
    *_pair("obliques", (36.2, 48.8), (39.6, 52.4), (40.4, 77.5), (37.6, 79.5), (35.2, 64)),
    ("hips", _polygon((38.5, 81.8), (61.5, 81.8), (57.2, 89.8), (50, 93.2), (42.8, 89.8))),
    *_pair("outer-thighs", (34.6, 84.5), (37.2, 92), (36.6, 126), (34.4, 122), (32.6, 104)),
    *_pair("front-thighs", (39.8, 93.2), (44, 95.4), (43.6, 133), (40.8, 137), (39.2, 118)),
    *_pair("inner-thighs", (46.6, 97.2), (48.4, 96.6), (48.2, 114), (46.2, 122)),
    *_pair("", (39.6, 140.5), (45.4, 140.5), (45.4, 150), (44.6, 178), (41.6, 179), (38.6, 151)),
    *_pair("feet", (40.4, 182), (45.4, 182), (47, 189), (38.6, 189.5)),
]
BACK = [
    *_HEAD,
    *_ARMS,
    (
        "upper-back",
        _polygon((42.4, 32.5), (57.6, 32.5), (62, 38.5), (63, 50), (58, 61.5), (42, 61.5), (37, 50), (38, 38.5)),
    ),
    ("lower-back", _polygon((42.2, 64.4), (57.8, 64.4), (59.6, 78), (40.4, 78))),
    *_pair("glutes", (37.2, 81), (48.6, 81.4), (48.6, 97.6), (41.2, 99.6), (35.8, 92)),
    *_pair("outer-thighs", (33.2, 95.5), (36.4, 101.5), (36.6, 126), (34.4, 122), (32.6, 106)),
    *_pair("back-thighs", (39.4, 102.4), (44.6, 102.4), (43.8, 133), (40.8, 137), (39.2, 120)),
    *_pair("inner-thighs", (47.2, 102.4), (48.6, 102.4), (48.4, 114), (46.6, 121)),
    *_pair("calves", (39.4, 140.5), (45.4, 140.5), (46, 152), (44.8, 170), (41.4, 171), (38.4, 152)),
    *_pair("", (41.6, 173.8), (44.6, 173.8), (44.6, 179), (41.6, 179)),
    *_pair("feet", (40.4, 182), (45.4, 182), (45.8, 189), (40, 189)),
]
SIDES = {"front": FRONT, "back": BACK}
# Every region some side draws ("whole body" is drawn as all of them).
DRAWN = [region for region in BodyRegion.values if any(region == r for shapes in SIDES.values() for r, _ in shapes)]


def levels(regions) -> dict[str, str]:
    """{region: PRIMARY or SECONDARY} for the regions of an exercise's muscles, in the order it lists them.

    The first half of the muscles (rounded up, so a single muscle is main) are primary, the rest secondary;
    a region keeps the stronger of its muscles' levels. "Whole body" lights every drawn region. A muscle
    without a region ("") counts in the list but draws nothing.
    """
    regions = list(regions)
    strong = math.ceil(len(regions) / 2)
    found = {}
    for index, region in enumerate(regions):
        level = PRIMARY if index < strong else SECONDARY
        for drawn in DRAWN if region == BodyRegion.WHOLE_BODY else [region]:
            if drawn in DRAWN and found.get(drawn) != PRIMARY:
                found[drawn] = level
    return found


@dataclass
class Figure:
    """The body map of one exercise: its muscles as (name, region) in listed order, and what lights up."""

    muscles: list = field(default_factory=list)

    def __post_init__(self):
        self.levels = levels(region for _name, region in self.muscles)
        strong = math.ceil(len(self.muscles) / 2)
        self.main = [name for name, _region in self.muscles[:strong]]
        self.also = [name for name, _region in self.muscles[strong:]]

    @property
    def classes(self):
        """CSS classes that light the regions through the shared symbols: "p-glutes s-abs"."""
        return " ".join(f"{level[0]}-{region}" for region, level in self.levels.items())

    @property
    def label(self):
        if not self.muscles:
            return _("Body map: no muscles listed")
        label = _("Body map. Main muscles: %(main)s.") % {"main": ", ".join(self.main)}
        if self.also:
            label += " " + _("Also: %(also)s.") % {"also": ", ".join(self.also)}
        return label


@dataclass(frozen=True)
class Part:
    """One region of one side of the drawing: its shapes as one path, its label, and its link on the map."""

    region: str
    path: str
    label: str
    url: str = ""
    repeat: bool = False


def drawing(links=None):
    """[(side, x offset, [Part])]: the figure, each region of a side one path labelled with its name.

    With `links` ({region: (url, label)}, the clickable map) a region links to its page under that label; a
    region both sides show links twice, and the second copy is kept out of the tab and reading order.
    """
    names = dict(BodyRegion.choices)
    links, linked = links or {}, set()
    sides = []
    for offset, (side, shapes) in enumerate(SIDES.items()):
        paths = {}
        for region, path in shapes:
            paths[region] = paths.get(region, "") + path
        parts = []
        for region, path in paths.items():
            url, link_label = links.get(region, ("", ""))
            label = link_label or (str(names[region]) if region else "")
            parts.append(Part(region, path, label, url, repeat=bool(url) and region in linked))
            if url:
                linked.add(region)
        sides.append((side, offset * SIDE_WIDTH, parts))
    return sides


def term_figure(muscle) -> Figure:
    """The figure of one muscle (for its page): its concept's region lit, else its group's (as region_of)."""
    concept = muscle.concept
    return Figure([(muscle.name, concept.region or (concept.parent.region if concept.parent_id else ""))])


def region_of(prefix=""):
    """The body region of the muscle concept at `prefix` ("tag__" from a link), else its group's, else ""."""
    return Coalesce(NullIf(f"{prefix}concept__region", Value("")), f"{prefix}concept__parent__region", Value(""))


class JSONList(Aggregate):
    """The grouped values as one JSON array (SQLite's json_group_array, PostgreSQL's jsonb_agg)."""

    function = "JSON_GROUP_ARRAY"
    output_field = JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def muscles_annotation():
    """Per exercise row: [[link id, region, name], …] of its muscles, for `figure_of` (part of the row's query)."""
    links = TaggedMuscle.objects.filter(content_object=OuterRef("pk")).order_by().values("content_object")
    spots = JSONList(JSONArray("id", region_of("tag__"), "tag__name"))
    return Subquery(links.annotate(spots=spots).values("spots"), output_field=JSONField())


def figure_of(exercise) -> Figure | None:
    """The figure of an exercise read with `muscles_annotation` (None when it was not)."""
    if not hasattr(exercise, "body_map_muscles"):
        return None
    spots = exercise.body_map_muscles or []
    if isinstance(spots, str):  # a raw query returns the JSON text
        spots = json.loads(spots)
    return Figure([(name, region) for _link, region, name in sorted(spots)])


def muscle_counts(exercises):
    """[(slug, name, count, region)] of the muscles `exercises` link to, by name (one query)."""
    rows = (
        TaggedMuscle.objects.filter(content_object__in=exercises.values("pk"))
        .values("tag__slug", "tag__name", region=region_of("tag__"))
        .annotate(count=Count("id"))
        .order_by("tag__name")
    )
    return [(row["tag__slug"], row["tag__name"], row["count"], row["region"]) for row in rows]


def region_links(counts, url_of):
    """{region: (url, label)} for the clickable map, from muscle_counts of one language's public exercises.

    A region links to its most used muscle (ties: first by name): the page with the most exercises there,
    and always one that exists. A muscle group's own page lists only the exercises naming the group, so
    it is chosen only when it is the most used. "Whole body" is not a region of the drawing; it stays in
    the list beside the map.
    """
    names = dict(BodyRegion.choices)
    best = {}
    for slug, name, count, region in sorted(counts, key=lambda row: (-row[2], row[1].casefold())):
        if region in DRAWN and region not in best:
            label = ngettext(
                "%(region)s: %(muscle)s, %(count)s exercise", "%(region)s: %(muscle)s, %(count)s exercises", count
            ) % {"region": names[region], "muscle": name, "count": count}
            best[region] = (url_of(slug), label)
    return best
