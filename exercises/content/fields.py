"""One declared table per content type maps front-matter keys to stored values, both ways.

A row names the key as it is written, the attribute it fills, how a value is read (raising Invalid with
a message a person can act on) and how it is written back. Reading, validating, importing and exporting
walk the table, so a new field is one row. Pure: no models here; the tables live beside each type's models.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .values import Invalid, Problem, boolean, datetime_value, integer, json_safe, strings, text
from .vocabulary import canonical_value, localized_value


def keep(value, language):
    return value


@dataclass(frozen=True)
class Field:
    key: str  # front-matter key as export writes it; read without regard to case, as Hugo does
    attr: str  # the attribute (model field) it fills
    read: Callable[[Any], Any] = text
    write: Callable[[Any, str], Any] = keep  # (stored value, file's language) → front-matter value
    spellings: tuple[str, ...] = ()  # other keys accepted on read, e.g. "publishdate"
    default: Any = ""


# Hugo's dates, with its other names for publishDate and lastmod: every content type reads them alike.
DATE_FIELDS = [
    Field("date", "date", read=datetime_value, default=None),
    Field("publishDate", "publish_date", read=datetime_value, spellings=("pubdate", "published"), default=None),
    Field("lastmod", "lastmod", read=datetime_value, spellings=("modified",), default=None),
]


def publication_fields(image_attr: str) -> list[Field]:
    """The rows every content type has: title, translation, dates, draft, order, addresses, author, image."""
    return [
        Field("title", "title"),
        Field("translationKey", "translation_key"),
        Field("description", "description"),
        *DATE_FIELDS,
        Field("draft", "draft", read=boolean, default=False),
        Field("weight", "weight", read=integer, default=0),
        Field("url", "url"),
        Field("aliases", "aliases", read=strings, default=[]),
        Field("author", "author"),
        Field("image", image_attr),
        Field("image_alt", "image_alt"),
    ]


def localized(vocabulary_field: str):
    """Read a value in any language's spelling; write it in the file's language."""

    def read(value):
        return canonical_value(vocabulary_field, text(value))

    def write(value, language):
        return localized_value(vocabulary_field, value, language) if value else value

    return read, write


def choice_field(key, attr, vocabulary_field=None, **options):
    read, write = localized(vocabulary_field or key)
    return Field(key, attr, read=read, write=write, **options)


def _lookup(table):
    keys = {}
    for row in table:
        for spelling in (row.key, *row.spellings):
            keys[spelling.lower()] = row
    return keys


def read_front_matter(data: dict, table: list[Field]) -> tuple[dict, dict, list[Problem]]:
    """(values by attribute, extra keys kept as they are, problems) for parsed front matter."""
    keys = _lookup(table)
    values, extra, problems, seen = {}, {}, [], {}
    for key, value in data.items():
        name = str(key)
        lowered = name.lower()
        row = keys.get(lowered)
        identity = row.attr if row else lowered
        if identity in seen:
            problems.append(Problem(name, f"is given twice (also as “{seen[identity]}”)"))
            continue
        seen[identity] = name
        try:
            if row is None:
                extra[name] = json_safe(value)
            elif value is not None:
                values[row.attr] = row.read(value)
        except Invalid as error:
            problems.append(Problem(name, str(error)))
    return values, extra, problems


def write_front_matter(values: dict, table: list[Field], language: str, extra: dict) -> dict:
    """Front matter in the table's key order, empty values left out, then extra keys sorted.

    Extra keys never shadow a key of the table, whatever an editor stored in them.
    """
    data = {}
    for row in table:
        value = row.write(values.get(row.attr, row.default), language)
        if value is None or value is False or value in ("", [], {}) or value == row.default:
            continue
        data[row.key] = value
    reserved = set(_lookup(table))
    data.update((key, extra[key]) for key in sorted(extra) if key.lower() not in reserved)
    return data


def core_keys(table: list[Field]) -> set[str]:
    """Every spelling of the table's keys, lowercased: what extra front matter may not hold."""
    return set(_lookup(table))
