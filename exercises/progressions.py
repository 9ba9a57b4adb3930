"""Progressions: a modification can link to another exercise of its language, its easier or harder version.

Every link is an edge "harder → easier" between two exercises; the edges of a language must not form a cycle
(no exercise can be easier than itself). Editors set links in the admin or with `exercise: <slug>` in a file's
modification; the importer also finds them by itself, by a modification's name (it names another exercise) or
by two slugs (`roll-up-prep` is an easier version of `roll-up`). Links it found are found again on every
import, so export leaves them out and the files read stay as they were.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils.translation import gettext as _

from .content.vocabulary import PROGRESSION_SUFFIXES
from .models import Difficulty, Exercise, FoundBy, Level, Modification

DIFFICULTY_RANK = {value: rank for rank, value in enumerate(Difficulty.values)}


def edge(exercise_id, level, target_id) -> tuple:
    """(harder, easier) for a modification of `exercise_id` at `level` linking to `target_id`."""
    return (exercise_id, target_id) if level == Level.EASIER else (target_id, exercise_id)


class Ladder:
    """The "harder → easier" edges of one language, refusing any edge that would close a cycle."""

    def __init__(self):
        self.easier = defaultdict(set)

    def has(self, first, second) -> bool:
        return second in self.easier[first] or first in self.easier[second]

    def path(self, start, goal) -> list | None:
        """The exercises from `start` down to `goal` along easier edges, or None."""
        stack, came_from = [start], {start: None}
        while stack:
            node = stack.pop()
            if node == goal:
                path = [node]
                while came_from[path[-1]] is not None:
                    path.append(came_from[path[-1]])
                return path[::-1]
            for following in self.easier[node]:
                if following not in came_from:
                    came_from[following] = node
                    stack.append(following)
        return None

    def add(self, harder, easier) -> list | None:
        """Add the edge; when it would close a cycle, add nothing and return the cycle (harder … harder)."""
        if harder == easier:
            return [harder, harder]
        path = self.path(easier, harder)
        if path:
            return [harder, *path]
        self.easier[harder].add(easier)
        return None


def ladder(exercise, modifications) -> tuple[list, list, list]:
    """(the exercise's own modifications, easier versions, harder versions) from Modification.touching rows.

    A link counts from both ends: `x-prep` is easier than `x` whether x's modification names x-prep as easier
    or x-prep's names x as harder. Only versions visitors can see, in the same language, are listed.
    """
    own, easier, harder = [], {}, {}
    for row in modifications:
        if row.exercise_id == exercise.pk:
            own.append(row)
            other, is_easier = row.links_to, row.level == Level.EASIER
        else:
            other, is_easier = row.exercise, row.level == Level.HARDER
        if other is not None and other.pk != exercise.pk and other.is_public and other.language == exercise.language:
            (easier if is_easier else harder).setdefault(other.pk, other)
    return own, _by_title(easier), _by_title(harder)


def _by_title(rows: dict) -> list:
    return sorted(rows.values(), key=lambda row: (row.title, row.pk))


def plain(text: str) -> str:
    """Text compared without case, accents, hyphens or punctuation: "Roll-Up Prep" = "roll up prep"."""
    letters = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c if c.isalnum() else " " for c in letters if not unicodedata.combining(c))
    return " ".join(letters.split())


def slug_pairs(slugs) -> list[tuple[str, str]]:
    """(harder, easier) for each slug that is another slug plus a progression suffix (PROGRESSION_SUFFIXES)."""
    known = {plain(slug): slug for slug in slugs}
    pairs = []
    for key, slug in known.items():
        for level, suffixes in PROGRESSION_SUFFIXES.items():
            for suffix in suffixes:
                base = known.get(key.removesuffix(f" {suffix}")) if key.endswith(f" {suffix}") else None
                if base:
                    pairs.append((base, slug) if level == Level.EASIER else (slug, base))
    return sorted(set(pairs))


def difficulty_warning(harder: Exercise, easier: Exercise) -> str | None:
    if DIFFICULTY_RANK[easier.difficulty] > DIFFICULTY_RANK[harder.difficulty]:
        return _(
            "“%(easier)s” (%(easier_level)s) is linked as an easier version of “%(harder)s” (%(harder_level)s)"
        ) % {
            "easier": easier.slug,
            "easier_level": easier.get_difficulty_display(),
            "harder": harder.slug,
            "harder_level": harder.get_difficulty_display(),
        }
    return None


def _ladder_of(language, exclude_exercise=None) -> Ladder:
    ladder = Ladder()
    links = Modification.objects.filter(exercise__language=language, links_to__isnull=False)
    if exclude_exercise is not None:
        links = links.exclude(exercise_id=exclude_exercise)
    for exercise_id, level, target_id in links.values_list("exercise_id", "level", "links_to_id"):
        ladder.add(*edge(exercise_id, level, target_id))
    return ladder


def _names(ids, exercise) -> str:
    slugs = dict(Exercise.objects.filter(pk__in=[pk for pk in ids if pk != "new"]).values_list("pk", "slug"))
    return " → ".join(f"“{slugs.get(pk, exercise.slug)}”" for pk in ids)


def check_exercise_links(exercise: Exercise, links) -> tuple[list[str], list[str]]:
    """(errors, warnings) for giving `exercise` (maybe unsaved) modifications `links`: [(level, target)].

    Errors: a link to itself or to another language, a cycle with the language's other links. Warnings: an
    "easier" version of a harder difficulty (and the other way round).
    """
    errors, warnings = [], []
    ladder = _ladder_of(exercise.language, exclude_exercise=exercise.pk)
    for level, target in links:
        if exercise.pk is not None and target.pk == exercise.pk:
            errors.append(
                _("“%(title)s” is this exercise; a modification cannot link to it.") % {"title": target.title}
            )
            continue
        if target.language != exercise.language:
            errors.append(
                _("“%(title)s” is in another language; link to an exercise in this exercise's language.")
                % {"title": target.title}
            )
            continue
        harder, easier = (exercise, target) if level == Level.EASIER else (target, exercise)
        cycle = ladder.add(harder.pk or "new", easier.pk or "new")
        if cycle:
            errors.append(
                _("Linking “%(title)s” closes a circle: %(cycle)s would each be easier than the one before.")
                % {"title": target.title, "cycle": _names(cycle, exercise)}
            )
        elif warning := difficulty_warning(harder, easier):
            warnings.append(warning)
    return errors, warnings


def written_link(modification: Modification) -> str:
    """The slug a file gives for this modification's exercise: links set by hand only, as found ones are found
    again on import. A row read from a file carries the file's own (`wanted_exercise`)."""
    wanted = getattr(modification, "wanted_exercise", None)
    if wanted is not None:
        return wanted
    if modification.found_by == FoundBy.HAND and modification.links_to_id:
        return modification.links_to.slug
    return ""


@dataclass
class HandLink:
    """A modification row the import wrote from a file that names its exercise (`exercise: <slug>`)."""

    modification: Modification
    slug: str
    where: str  # "path: modifications: item 2", for messages


@dataclass
class LinkReport:
    linked: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class _Linker:
    """Links of one language, added in the order of who asked: hand links, then names, then slug pairs."""

    def __init__(self, language):
        self.language, self.report, self.ladder = language, LinkReport(), Ladder()
        self.exercises = {
            row.pk: row for row in Exercise.objects.filter(language=language).only("slug", "title", "difficulty")
        }
        self.by_slug = {row.slug: row for row in self.exercises.values()}
        self.by_name = {}
        for row in self.exercises.values():
            self.by_name.setdefault(plain(row.slug), row)
            self.by_name.setdefault(plain(row.title), row)

    def where(self, row):
        return f"{self.exercises[row.exercise_id].slug}: modifications: “{row.name}”"

    def attach(self, row, target, found_by, where) -> bool:
        """Link `row` to `target` unless that closes a cycle (a problem for a hand link, else a warning)."""
        harder, easier = edge(row.exercise_id, row.level, target.pk)
        cycle = self.ladder.add(harder, easier)
        if cycle is not None:
            names = " → ".join(f"“{self.exercises[pk].slug}”" for pk in cycle)
            message = f"{where}: linking “{target.slug}” closes a circle: {names}, each easier than the one before"
            (self.report.problems if found_by == FoundBy.HAND else self.report.warnings).append(message)
            return False
        row.links_to_id, row.found_by = target.pk, found_by
        return True

    def name_target(self, row):
        target = self.by_name.get(plain(row.name))
        return target if target is not None and target.pk != row.exercise_id else None


def link_language(language: str, hand_links: list[HandLink]) -> LinkReport:
    """Resolve the import's hand links, find the automatic ones again, and save them, for one language.

    A cycle among hand links is a problem (the caller refuses the import); an automatic link that would close
    one is left out with a warning.
    """
    linker = _Linker(language)
    rows = list(Modification.objects.filter(exercise__language=language).order_by("exercise_id", "order", "id"))
    before = {row.pk: (row.links_to_id, row.found_by) for row in rows}
    wanted = {link.modification.pk: link for link in hand_links}
    by_name, slug_rows = [], []
    for row in rows:
        if row.pk in wanted:
            link = wanted[row.pk]
            target = linker.by_slug.get(link.slug) or linker.by_name.get(plain(link.slug))
            if target is None or target.pk == row.exercise_id:
                linker.report.problems.append(
                    f"{link.where}: exercise: no other exercise in “{language}” has the slug “{link.slug}”"
                )
            else:
                linker.attach(row, target, FoundBy.HAND, link.where)
        elif row.found_by == FoundBy.HAND and row.links_to_id in linker.exercises:
            linker.attach(row, linker.exercises[row.links_to_id], FoundBy.HAND, linker.where(row))
        elif row.found_by == FoundBy.SLUG:
            slug_rows.append(row)
        else:
            by_name.append(row)
    for row in by_name:
        target = linker.name_target(row)
        row.links_to_id, row.found_by = None, FoundBy.HAND
        if target is not None:
            linker.attach(row, target, FoundBy.NAME, linker.where(row))
    kept, created = _link_slug_pairs(linker, slug_rows)
    gone = [row for row in slug_rows if row not in kept]
    changed = [row for row in rows if row not in gone and before[row.pk] != (row.links_to_id, row.found_by)]
    Modification.objects.bulk_update(changed, ["links_to", "found_by"])
    Modification.objects.filter(pk__in=[row.pk for row in gone]).delete()
    Modification.objects.bulk_create(created)
    for row in [*changed, *created]:
        if row.links_to_id and before.get(row.pk, (None,))[0] != row.links_to_id:
            linker.report.linked.append(_describe(linker, row))
            harder, easier = edge(row.exercise_id, row.level, row.links_to_id)
            if warning := difficulty_warning(linker.exercises[harder], linker.exercises[easier]):
                linker.report.warnings.append(f"{linker.where(row)}: {warning}")
    return linker.report


def _link_slug_pairs(linker, slug_rows):
    """(rows kept, rows to create): one "easier" modification on `x` for each pair such as `x-prep`, unless the
    two are linked already."""
    existing = {(row.exercise_id, row.links_to_id): row for row in slug_rows}
    kept, created = [], []
    next_order = dict(
        Modification.objects.filter(exercise__language=linker.language)
        .values("exercise_id")
        .annotate(last=Max("order"))
        .values_list("exercise_id", "last")
    )
    for harder_slug, easier_slug in slug_pairs(linker.by_slug):
        harder, easier = linker.by_slug[harder_slug], linker.by_slug[easier_slug]
        if linker.ladder.has(harder.pk, easier.pk):
            continue
        row = existing.get((harder.pk, easier.pk))
        if row is None:
            next_order[harder.pk] = next_order.get(harder.pk, -1) + 1
            order = next_order[harder.pk]
            row = Modification(exercise_id=harder.pk, name=easier.title, level=Level.EASIER, order=order)
        if linker.attach(row, easier, FoundBy.SLUG, f"{easier.slug}: slug"):
            (kept if row.pk else created).append(row)
    return kept, created


def _describe(linker, row) -> str:
    harder, easier = edge(row.exercise_id, row.level, row.links_to_id)
    how = {FoundBy.HAND: "as the file says", FoundBy.NAME: "by name", FoundBy.SLUG: "by slug"}[row.found_by]
    return (
        f"“{linker.exercises[easier].slug}” is an easier version of “{linker.exercises[harder].slug}” "
        f"({linker.language}, {how})"
    )
