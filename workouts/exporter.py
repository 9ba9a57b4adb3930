"""Workout rows → Hugo content files, and the data-file records the items of some of them live in."""

import json
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings

from exercises.content.frontmatter import dump_yaml
from publishing.exporting import language_folder, render_file, row_front_matter, write_if_changed

from .mapping import ITEM_FIELDS, WORKOUT_FIELDS, write_items
from .models import Workout


def export_path(workout: Workout) -> Path:
    if workout.section:
        return Path(f"{language_folder(workout.language)}{workout.section}/{workout.slug}.md")
    return Path(unquote(workout.get_absolute_url()).strip("/") + ".md")


def item_values(workout: Workout) -> list[dict]:
    return [
        {
            **{f.attr: getattr(item, f.attr, f.default) for f in ITEM_FIELDS if f.attr != "exercise_slug"},
            "exercise_slug": "",
        }
        for item in workout.items.all()
    ]


def _aliases(workout: Workout) -> list[str]:
    here = {"/" + export_path(workout).with_suffix("").as_posix() + "/", unquote(workout.get_absolute_url())}
    recorded = sorted(old.path for old in workout.old_urls.all())
    return list(dict.fromkeys([*workout.aliases, *(path for path in recorded if path not in here)]))


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
        overrides = {"aliases": _aliases(workout), "items": items}
        if workout.data_id:
            overrides["items"] = []
            record = data_files.setdefault(workout.data_file or "workouts.json", {}).setdefault(workout.data_id, {})
            record[_record_key(workout, "items")] = write_items(items, workout.language)
        front_matter = row_front_matter(workout, WORKOUT_FIELDS, **overrides)
        write_if_changed(outdir, export_path(workout), render_file(front_matter, workout.body), result)
    for name, records in sorted(data_files.items()):
        write_if_changed(outdir.parent / "data", Path(name), _dump(name, records), result)
