"""Workout files (and the Hugo data-file records they name) → Workout and WorkoutItem rows."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q

from exercises.content import Problem, hugo_url, slug_from_name
from exercises.content.fields import read_front_matter
from exercises.content.tree import folder_path
from exercises.models import Exercise
from exercises.tags import tag_slug
from publishing.importing import Checked, model_problems, old_paths, row_values, write_rows

from .mapping import WORKOUT_FIELDS
from .models import Workout, WorkoutItem

FRONT_MATTER_KEY = {"publish_at": "publishDate", "image_path": "image", "data_id": "workout_id"}
ITEM_ATTRS = ("name", "kind", "duration", "reps", "instructions")


def record_values(record: dict, language: str) -> tuple[dict, list[Problem]]:
    """A data-file record read through the workout table; `key_es` overrides `key` for Spanish files."""
    suffix = f"_{language}"
    localized = {key: value for key, value in record.items() if not _is_translation(key)}
    localized.update((key.removesuffix(suffix), value) for key, value in record.items() if key.endswith(suffix))
    localized.pop("id", None)
    values, _extra, problems = read_front_matter(localized, WORKOUT_FIELDS)
    return values, problems


def _is_translation(key):
    base, _, code = key.rpartition("_")
    return bool(base) and code in {c for c, _ in settings.LANGUAGES}


def merge_record(read, data) -> list[Problem]:
    """Fill what the file leaves out from the data record it names (`workout_id`)."""
    record_id = read.values.get("data_id")
    if not record_id:
        return []
    found = data.find(record_id)
    if found is None:
        return [Problem("workout_id", f"“{record_id}” is not a record in the site's data files ({data.describe()})")]
    file_name, record = found
    values, problems = record_values(record, read.language)
    for problem in problems:
        problem.field = f"workout_id: {file_name} “{record_id}”: {problem.field}"
    for name, value in values.items():
        read.values.setdefault(name, value)
    read.values["data_file"] = file_name
    return problems


def check(reads, data) -> tuple[list[Checked], list[tuple]]:
    checked, problems, owners = [], [], {}
    for read in reads:
        found = merge_record(read, data)
        slug = read.values.get("slug") or slug_from_name(read.source)
        read.values["slug"] = slug
        identity = (read.language, slug)
        if identity in owners:
            found.append(Problem("slug", f"“{slug}” ({read.language}) is also the slug of {owners[identity]}"))
        owners.setdefault(identity, read.source.path)
        row = Workout(section=folder_path(read.source) or "", **row_values(read, Workout))
        found += model_problems(row, FRONT_MATTER_KEY, exclude=["section"])
        for index, item in enumerate(read.values.get("items", []), 1):
            item_row = WorkoutItem(**{name: item[name] for name in ITEM_ATTRS if name in item})
            found += [
                Problem("items", f"item {index}: {p.field}: {p.message}")
                for p in model_problems(item_row, {}, exclude=["workout", "exercise"])
            ]
        if found:
            problems.extend((read.source, problem) for problem in found)
            continue
        url = hugo_url(read.source, read.language, settings.LANGUAGE_CODE, slug, read.values.get("url", ""))
        paths = old_paths(url, read.values.get("aliases", []), row.get_absolute_url())
        place = {"section": row.section, "data_file": read.values.get("data_file", "")}
        checked.append(Checked(read, slug, place, paths))
    return checked, problems


def _exercise_lookup(checked):
    """{(language, slug or casefolded title): exercise id} for every exercise an item may name (one query)."""
    names, titles = defaultdict(set), defaultdict(set)
    for item in checked:
        for i in item.read.values.get("items", []):
            names[item.read.language].add(i.get("exercise_slug") or tag_slug(i["name"]))
            titles[item.read.language].add(i["name"])
    # One condition per language, not per workout: SQLite refuses expressions deeper than 1000.
    wanted = Q()
    for language in names:
        wanted |= Q(language=language) & (Q(slug__in=names[language]) | Q(title__in=titles[language]))
    lookup = {}
    for pk, language, slug, title in Exercise.objects.filter(wanted).values_list("id", "language", "slug", "title"):
        lookup[(language, slug)] = pk
        lookup.setdefault((language, title.casefold()), pk)
    return lookup


def _items(read, lookup):
    rows = []
    for order, item in enumerate(read.values.get("items", [])):
        explicit = item.get("exercise_slug")
        exercise_id = lookup.get((read.language, explicit or tag_slug(item["name"]))) or (
            None if explicit else lookup.get((read.language, item["name"].casefold()))
        )
        fields = {name: item[name] for name in ITEM_ATTRS if name in item}
        rows.append(WorkoutItem(order=order, exercise_id=exercise_id, **fields))
    return rows


def _item_key(row):
    return (row.name, row.exercise_id, row.kind, row.duration, row.reps, row.instructions)


def _children(lookup):
    """The write_rows hook: a workout's items, rewritten only when they differ from the stored ones."""

    def items_to_write(item, row):
        items = _items(item.read, lookup)
        if row is not None and [_item_key(i) for i in row.items.all()] == [_item_key(i) for i in items]:
            return None

        def write(saved):
            saved.items.all().delete()
            for each in items:
                each.workout = saved
            WorkoutItem.objects.bulk_create(items)
            saved.refresh_total()

        return write

    return items_to_write


def write(checked, result, dry_run=False, only_new=False):
    lookup = _exercise_lookup(checked) if checked else {}
    write_rows(
        checked,
        Workout,
        "slug",
        result,
        dry_run=dry_run,
        only_new=only_new,
        children=_children(lookup),
        prefetch=["items"],
    )
