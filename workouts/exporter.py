"""Workout rows → Hugo content files, and the data-file records the items of some of them live in."""

import json
from pathlib import Path

from django.conf import settings

from exercises.content.frontmatter import dump_yaml
from publishing.exporting import aliases_with_old_urls, render_file, row_front_matter, section_file, write_if_changed

from .mapping import ITEM_FIELDS, WORKOUT_FIELDS, write_items
from .models import Workout


def export_path(workout: Workout) -> Path:
    return section_file(workout, workout.slug)


def item_values(workout: Workout) -> list[dict]:
    # An item's link to its exercise is not written: the name finds the exercise again on import.
    return [{f.attr: getattr(item, f.attr, f.default) for f in ITEM_FIELDS} for item in workout.items.all()]


def _record_key(workout: Workout, key: str) -> str:
    return key if workout.language == settings.LANGUAGE_CODE else f"{key}_{workout.language}"


def _dump(name: str, records: dict) -> bytes:
    if name.endswith((".yaml", ".yml")):
        return dump_yaml(records).encode()
    return (json.dumps(records, ensure_ascii=False, indent=2) + "\n").encode()


def export_workouts(outdir: Path, result) -> None:
    """Content files for every workout; items named by a data record go back into that data file."""
    data_files = {}
    for workout in Workout.objects.order_by("language", "slug").prefetch_related("items", "old_urls"):
        items = item_values(workout)
        overrides = {"aliases": aliases_with_old_urls(workout, export_path(workout)), "items": items}
        if workout.data_id:
            overrides["items"] = []
            record = data_files.setdefault(workout.data_file or "workouts.json", {}).setdefault(workout.data_id, {})
            record[_record_key(workout, "items")] = write_items(items, workout.language)
        front_matter = row_front_matter(workout, WORKOUT_FIELDS, **overrides)
        write_if_changed(outdir, export_path(workout), render_file(front_matter, workout.body), result)
    for name, records in sorted(data_files.items()):
        write_if_changed(outdir.parent / "data", Path(name), _dump(name, records), result)
