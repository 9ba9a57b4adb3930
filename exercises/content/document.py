"""Front matter ⇄ Document: the exercise as a plain dataclass, checked for shape but not yet for rules.

The importer turns a Document into model rows (and applies the model's own validation); the exporter
turns model rows into a Document. Neither direction touches the database here.
"""

import datetime
import math
import unicodedata
from dataclasses import dataclass, field

from .dates import checked_datetime
from .frontmatter import FrontMatterError, dump_yaml, normalise_text, split
from .sections import lift_sections
from .vocabulary import canonical_value, localized_value


@dataclass
class ModificationDoc:
    name: str
    level: str
    description: str = ""


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


@dataclass
class Problem:
    field: str
    message: str
    line: int | None = None


class ContentError(ValueError):
    """A file that cannot become a Document; `problems` lists every reason found."""

    def __init__(self, problems: list[Problem], document=None):
        super().__init__("; ".join(f"{p.field}: {p.message}" for p in problems))
        self.problems = problems
        self.document = document  # what could be read, so later checks can report their problems too


class _Invalid(ValueError):
    pass


def _text(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    raise _Invalid(f"must be text, not {_describe(value)}")


def _slug(value):
    return unicodedata.normalize("NFC", _text(value))


def _bool(value):
    if isinstance(value, bool):
        return value
    raise _Invalid(f"must be true or false, not {_describe(value)}")


def _int(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise _Invalid(f"must be a whole number, not {_describe(value)}")


def _seconds(value):
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise _Invalid(f"must be a whole number of seconds, 0 or more (e.g. 60), not {_describe(value)}")


def _date(value):
    """A time-zone-aware datetime in the range checked_datetime() allows; no time zone means UTC."""
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value.strip())
        except ValueError:
            raise _Invalid(f"must be a date such as 2024-05-01 or 2024-05-01T09:30:00Z, not “{value[:60]}”")
    if isinstance(value, datetime.datetime):
        value = value if value.tzinfo else value.replace(tzinfo=datetime.UTC)
    elif isinstance(value, datetime.date):
        value = datetime.datetime(value.year, value.month, value.day, tzinfo=datetime.UTC)
    else:
        raise _Invalid(f"must be a date such as 2024-05-01 or 2024-05-01T09:30:00Z, not {_describe(value)}")
    try:
        return checked_datetime(value)
    except ValueError as error:
        raise _Invalid(str(error))


def _strings(value):
    if not isinstance(value, list):
        raise _Invalid(f"must be a list of text values, e.g. [glutes, hamstrings], not {_describe(value)}")
    for index, item in enumerate(value, 1):
        if not isinstance(item, str):
            raise _Invalid(f"item {index} must be text, not {_describe(item)}")
    return [item.strip() for item in value if item.strip()]


def _mappings(value, keys, required, example):
    if not isinstance(value, list):
        raise _Invalid(f"must be a list of {example}, not {_describe(value)}")
    rows = []
    for index, item in enumerate(value, 1):
        if not isinstance(item, dict):
            raise _Invalid(f"item {index} must be a mapping like {example}, not {_describe(item)}")
        unknown = sorted(str(key) for key in item if key not in keys)
        if unknown:
            raise _Invalid(f"item {index} has unknown key(s) {', '.join(unknown)}; use {', '.join(keys)}")
        missing = [key for key in required if not (isinstance(item.get(key), str) and item[key].strip())]
        if missing:
            raise _Invalid(f"item {index} needs {' and '.join(missing)} as text")
        try:
            rows.append({key: _text(item.get(key, "")) for key in keys})
        except _Invalid as error:
            raise _Invalid(f"item {index}: {error}")
    return rows


def _modifications(value):
    rows = _mappings(value, ("name", "level", "description"), ("name", "level"), "{name, level, description}")
    return [ModificationDoc(row["name"], canonical_value("level", row["level"]), row["description"]) for row in rows]


def _faqs(value):
    rows = _mappings(value, ("q", "a"), ("q", "a"), "{q, a}")
    return [FAQDoc(row["q"], row["a"]) for row in rows]


def _describe(value):
    if value is None:
        return "an empty value"
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}.get(
        type(value), f"“{str(value)[:60]}”"
    )


MAX_EXTRA_INT = 2**63 - 1

# front-matter key (matched without case, as Hugo does) → (Document attribute, reader)
FIELDS = {
    "title": ("title", _text),
    "slug": ("slug", _slug),
    "translationkey": ("translation_key", _text),
    "description": ("description", _text),
    "date": ("date", _date),
    "lastmod": ("lastmod", _date),
    "publishdate": ("publish_date", _date),
    "pubdate": ("publish_date", _date),  # Hugo's other names for publishDate and lastmod
    "published": ("publish_date", _date),
    "modified": ("lastmod", _date),
    "draft": ("draft", _bool),
    "weight": ("weight", _int),
    "url": ("url", _text),
    "aliases": ("aliases", _strings),
    "author": ("author", _text),
    "image": ("image", _text),
    "image_alt": ("image_alt", _text),
    "video_id": ("video_id", _text),
    "difficulty": ("difficulty", lambda value: canonical_value("difficulty", _text(value))),
    "duration": ("duration", _seconds),
    "keywords": ("keywords", _strings),
    "muscles": ("muscles", _strings),
    "equipment": ("equipment", _strings),
    "steps": ("steps", _strings),
    "modifications": ("modifications", _modifications),
    "faq": ("faqs", _faqs),
}


def core_keys_in(extra: dict) -> list[str]:
    """The keys of an extra front-matter mapping that name an exercise field (without case, as Hugo reads them)."""
    return sorted(key for key in extra if str(key).lower() in FIELDS)


def json_safe(value):
    """An extra front-matter value as JSON can hold it: dates become ISO 8601 text."""
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    if isinstance(value, set):
        return sorted((json_safe(item) for item in value), key=str)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_EXTRA_INT:
        raise _Invalid(f"holds a number larger than {MAX_EXTRA_INT}")  # a hex 0xfff… may be too long to print
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise _Invalid(f"holds a value this site cannot keep ({_describe(value)})")


def document_from_front_matter(data, *, body: str, slug: str, language: str) -> Document:
    """Build a Document from parsed front matter; raise ContentError listing every problem."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ContentError([Problem("front matter", f"must be a mapping of keys to values, not {_describe(data)}")])
    problems, values, extra, seen = [], {}, {}, {}
    for key, value in data.items():
        name = str(key)
        lowered = name.lower()
        # pubdate and publishDate fill one field, so giving both is giving it twice
        slot = ("field", FIELDS[lowered][0]) if lowered in FIELDS else ("extra", lowered)
        if slot in seen:
            problems.append(Problem(name, f"is given twice (also as “{seen[slot]}”)"))
            continue
        seen[slot] = name
        try:
            if lowered in FIELDS:
                attribute, reader = FIELDS[lowered]
                if value is not None:
                    values[attribute] = reader(value)
            else:
                extra[name] = json_safe(value)
        except _Invalid as error:
            problems.append(Problem(name, str(error)))
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


def parse_document(text: str, *, slug: str, language: str) -> Document:
    """Parse a whole content file (already decoded) into a Document; raise ContentError."""
    try:
        _, data, body = split(normalise_text(text))
    except FrontMatterError as error:
        raise ContentError([Problem("front matter", error.message, error.line)])
    return document_from_front_matter(data, body=body, slug=slug, language=language)


def front_matter_from_document(document: Document) -> dict:
    """The front matter for a Document, keys in a fixed order, empty values left out, extras last (sorted).

    Extra keys that name an exercise field are left out, so they can never override its real values.
    """
    language = document.language
    data = {
        "title": document.title,
        "slug": document.slug,
        "translationKey": document.translation_key,
        "description": document.description,
        "date": document.date,
        "publishDate": document.publish_date,
        "lastmod": document.lastmod,
        "draft": document.draft or None,
        "weight": document.weight or None,
        "url": document.url,
        "aliases": document.aliases,
        "author": document.author,
        "image": document.image,
        "image_alt": document.image_alt,
        "video_id": document.video_id,
        "difficulty": localized_value("difficulty", document.difficulty, language) if document.difficulty else "",
        "duration": document.duration,
        "keywords": document.keywords,
        "muscles": document.muscles,
        "equipment": document.equipment,
        "steps": document.steps,
        "modifications": [
            {"name": m.name, "level": localized_value("level", m.level, language), "description": m.description}
            if m.description
            else {"name": m.name, "level": localized_value("level", m.level, language)}
            for m in document.modifications
        ],
        "faq": [{"q": faq.question, "a": faq.answer} for faq in document.faqs],
    }
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    shadowing = set(core_keys_in(document.extra))  # the exercise's own values always win
    data.update((key, document.extra[key]) for key in sorted(document.extra) if key not in shadowing)
    return data


def render_document(document: Document) -> str:
    """The content file for a Document: YAML front matter between --- lines, a blank line, the body."""
    text = f"---\n{dump_yaml(front_matter_from_document(document))}---\n"
    return f"{text}\n{document.body}\n" if document.body else text
