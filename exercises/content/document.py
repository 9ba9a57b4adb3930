"""Front matter ⇄ Document: the exercise as a plain dataclass, checked for shape but not yet for rules.

EXERCISE_FIELDS is the one table of the exercise's front-matter keys: reading, writing and the check that
extra keys never shadow a field all walk it. The importer turns a Document into model rows (and applies the
model's own validation); the exporter turns model rows into a Document. Neither touches the database.
"""

import datetime
from dataclasses import dataclass, field

from .fields import Field, choice_field, core_keys, publication_fields, read_front_matter, write_front_matter
from .frontmatter import FrontMatterError, dump_yaml, normalise_text, split
from .sections import lift_sections
from .values import (
    ContentError,
    Invalid,
    Problem,
    boolean,
    describe,
    seconds,
    slug_text,
    strings,
    text,
)
from .vocabulary import canonical_value, localized_value

__all__ = ["ContentError", "Document", "FAQDoc", "ModificationDoc", "Problem"]


@dataclass
class ModificationDoc:
    name: str
    level: str
    description: str = ""
    exercise: str = ""  # the slug of the exercise this modification is (its easier or harder version), if any


@dataclass
class FAQDoc:
    question: str
    answer: str


@dataclass
class Document:
    title: str
    slug: str
    language: str
    translation_key: str = ""
    description: str = ""
    body: str = ""
    date: datetime.datetime | None = None
    lastmod: datetime.datetime | None = None
    publish_date: datetime.datetime | None = None
    draft: bool = False
    weight: int = 0
    featured: bool = False
    url: str = ""
    aliases: list[str] = field(default_factory=list)
    author: str = ""
    image: str = ""
    image_alt: str = ""
    video_id: str = ""
    difficulty: str = ""
    duration: int | None = None
    keywords: list[str] = field(default_factory=list)
    muscles: list[str] = field(default_factory=list)
    equipment: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    modifications: list[ModificationDoc] = field(default_factory=list)
    faqs: list[FAQDoc] = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    # How the file was read, not part of the exercise:
    lifted: bool = field(default=False, compare=False)
    notes: list[str] = field(default_factory=list, compare=False)


def _mappings(value, keys, required, example):
    if not isinstance(value, list):
        raise Invalid(f"must be a list of {example}, not {describe(value)}")
    rows = []
    for index, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise Invalid(f"item {index} must be a mapping like {example}, not {describe(item)}")
        unknown = sorted(str(key) for key in item if key not in keys)
        if unknown:
            raise Invalid(f"item {index} has unknown key(s) {', '.join(unknown)}; use {', '.join(keys)}")
        missing = [key for key in required if not (isinstance(item.get(key), str) and item[key].strip())]
        if missing:
            raise Invalid(f"item {index} needs {' and '.join(missing)} as text")
        try:
            rows.append({key: text(item.get(key, "")) for key in keys})
        except Invalid as error:
            raise Invalid(f"item {index}: {error}")
    return rows


def _modifications(value):
    keys = ("name", "level", "description", "exercise")
    rows = _mappings(value, keys, ("name", "level"), "{name, level, description, exercise}")
    return [
        ModificationDoc(row["name"], canonical_value("level", row["level"]), row["description"], row["exercise"])
        for row in rows
    ]


def _faqs(value):
    rows = _mappings(value, ("q", "a"), ("q", "a"), "{q, a}")
    return [FAQDoc(row["q"], row["a"]) for row in rows]


def _write_modifications(modifications, language):
    rows = []
    for m in modifications:
        row = {"name": m.name, "level": localized_value("level", m.level, language), "description": m.description}
        row["exercise"] = m.exercise
        rows.append({key: value for key, value in row.items() if value})  # optional keys only when set
    return rows


def _write_faqs(faqs, language):
    return [{"q": faq.question, "a": faq.answer} for faq in faqs]


# The exercise's front matter, in the order export writes it. Keys are read without case, as Hugo does;
# `spellings` are Hugo's other names for a key.
_TITLE, *_PUBLICATION = publication_fields(image_attr="image")
EXERCISE_FIELDS = [
    _TITLE,
    Field("slug", "slug", read=slug_text),
    *_PUBLICATION,
    Field("video_id", "video_id"),
    choice_field("difficulty", "difficulty"),
    Field("duration", "duration", read=seconds, default=None),
    Field("featured", "featured", read=boolean, default=False),
    Field("keywords", "keywords", read=strings, default=[]),
    Field("muscles", "muscles", read=strings, default=[]),
    Field("equipment", "equipment", read=strings, default=[]),
    Field("steps", "steps", read=strings, default=[]),
    Field("modifications", "modifications", read=_modifications, write=_write_modifications, default=[]),
    Field("faq", "faqs", read=_faqs, write=_write_faqs, default=[]),
]
EXERCISE_KEYS = core_keys(EXERCISE_FIELDS)


def document_from_front_matter(data, *, body: str, slug: str, language: str) -> Document:
    """Build a Document from parsed front matter; raise ContentError listing every problem."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError([Problem("front matter", f"must be a mapping of keys to values, not {describe(data)}")])
    values, extra, problems = read_front_matter(data, EXERCISE_FIELDS)
    if not values.get("title"):
        problems.append(Problem("title", "is required"))
        values["title"] = ""
    document = Document(slug=values.pop("slug", "") or slug, language=language, extra=extra, **values)
    body, steps, modifications, notes = lift_sections(
        normalise_text(body), want_steps=not document.steps, want_modifications=not document.modifications
    )
    document.body, document.notes = body, notes
    if steps:
        document.steps = steps
    if modifications:
        document.modifications = [ModificationDoc(*row) for row in modifications]
    document.lifted = bool(steps or modifications)
    if problems:
        raise ContentError(problems, document)
    return document


def split_file(text: str) -> tuple[dict, str]:
    """(front matter mapping, body) of a whole content file (already decoded); raise ContentError."""
    try:
        _, data, body = split(normalise_text(text))
    except FrontMatterError as error:
        raise ContentError([Problem("front matter", error.message, error.line)])
    if data is None:
        return {}, body
    if not isinstance(data, dict):
        raise ContentError([Problem("front matter", f"must be a mapping of keys to values, not {describe(data)}")])
    return data, body


def parse_document(text: str, *, slug: str, language: str) -> Document:
    """Parse a whole content file (already decoded) into a Document; raise ContentError."""
    data, body = split_file(text)
    return document_from_front_matter(data, body=body, slug=slug, language=language)


def front_matter_from_document(document: Document) -> dict:
    """The front matter for a Document: the table's keys in order, empty values left out, extras last (sorted).

    Extra keys that name an exercise field are left out, so they can never override its real values.
    """
    values = {row.attr: getattr(document, row.attr) for row in EXERCISE_FIELDS}
    return write_front_matter(values, EXERCISE_FIELDS, document.language, document.extra)


def render_document(document: Document) -> str:
    """The content file for a Document: YAML front matter between --- lines, a blank line, the body."""
    text = f"---\n{dump_yaml(front_matter_from_document(document))}---\n"
    return f"{text}\n{document.body}\n" if document.body else text
