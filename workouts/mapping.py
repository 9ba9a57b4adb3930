"""Workout front matter (and Hugo data-file records) ⇄ Workout fields: the one table for import and export."""

from exercises.content.fields import Field, choice_field, core_keys, localized, read_front_matter, write_front_matter
from exercises.content.values import Invalid, describe, seconds, slug_text, strings, text
from exercises.youtube import parse_video_id
from publishing.mapping import PUBLICATION_FIELDS

ITEM_KEYS = ("name", "exercise", "kind", "duration", "reps", "instructions")
_read_kind, _write_kind = localized("kind")


def video(value):
    try:
        return parse_video_id(text(value))
    except ValueError as error:
        raise Invalid(str(error))


def _instructions(value):
    return [text(value)] if isinstance(value, str) else strings(value)


ITEM_FIELDS = [
    Field("name", "name"),
    Field("exercise", "exercise_slug", read=slug_text),
    Field("kind", "kind", read=_read_kind, write=_write_kind, spellings=("type", "phase")),
    Field("duration", "duration", read=seconds, default=None),
    Field("reps", "reps"),
    Field("instructions", "instructions", read=_instructions, default=[]),
]


def read_items(value):
    """A list of item mappings → a list of {attribute: value}; raise Invalid naming the item."""
    if not isinstance(value, list):
        raise Invalid(f"must be a list of items such as {{name, kind, duration, reps}}, not {describe(value)}")
    items = []
    for index, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise Invalid(f"item {index} must be a mapping like {{name, kind, duration}}, not {describe(item)}")
        values, extra, problems = read_front_matter(item, ITEM_FIELDS)
        if extra:
            raise Invalid(f"item {index} has unknown key(s) {', '.join(sorted(extra))}; use {', '.join(ITEM_KEYS)}")
        if problems:
            raise Invalid(f"item {index}: {problems[0].field}: {problems[0].message}")
        if not values.get("name"):
            raise Invalid(f"item {index} needs a name")
        items.append(values)
    return items


def write_items(items, language):
    return [write_front_matter(item, ITEM_FIELDS, language, {}) for item in items]


WORKOUT_FIELDS = [
    *PUBLICATION_FIELDS[:1],
    Field("slug", "slug", read=slug_text),
    *PUBLICATION_FIELDS[1:],
    choice_field("difficulty", "difficulty"),
    Field("duration", "duration", read=seconds, default=None),
    Field("equipment", "equipment", read=strings, default=[]),
    Field("focus", "focus", read=strings, default=[]),
    Field("video_id", "video_id", read=video),
    Field("related_videos", "related_videos", read=strings, default=[]),
    Field("workout_id", "data_id", spellings=("data_id",)),
    Field("items", "items", read=read_items, write=write_items, default=[]),
]

WORKOUT_CORE_KEYS = core_keys(WORKOUT_FIELDS)
