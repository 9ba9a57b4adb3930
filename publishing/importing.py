"""The steps every content type's import shares: read a file through its field table, place it, check it.

Nothing here writes; each app's importer.py turns the checked values into rows.
"""

from dataclasses import dataclass, field
from urllib.parse import unquote

from django.conf import settings
from django.core.exceptions import ValidationError

from exercises.content import ContentError, LanguageError, Problem, SourceFile, detect_language, normalise_path
from exercises.content.document import split_file
from exercises.content.fields import read_front_matter
from exercises.validation import read_source

from .mapping import publication_values
from .models import TEXT_FIELDS


@dataclass
class ReadFile:
    """One content file read through a field table: front-matter values, extra keys, body."""

    source: SourceFile
    language: str
    values: dict
    extra: dict
    body: str
    digest: str


@dataclass
class Checked:
    """What the write pass needs for one valid file."""

    read: ReadFile
    identity: str  # slug or path, unique within the language
    place: dict  # the model values the file's place gives: section, and a page's path and kind
    old_paths: list[str] = field(default_factory=list)


def front_matter_of(source: SourceFile) -> tuple[dict, str, str]:
    """(front matter, body, sha256) of a file; raise ContentError."""
    text, digest = read_source(source)
    data, body = split_file(text)
    return data, body, digest


def read_file(source: SourceFile, table, fallback_language: str, data=None) -> ReadFile:
    """Read a file through `table`; raise ContentError. `data` is front_matter_of(source) when already read."""
    languages = [code for code, _ in settings.LANGUAGES]
    data, body, digest = front_matter_of(source) if data is None else data
    try:
        language = detect_language(source, languages, fallback_language)
    except LanguageError as error:
        raise ContentError([Problem("language", str(error))])
    values, extra, problems = read_front_matter(data, table)
    if not values.get("title"):
        problems.append(Problem("title", "is required"))
    if problems:
        raise ContentError(problems)
    return ReadFile(source, language, values, extra, body.strip("\n").rstrip(), digest)


def row_values(read: ReadFile, model, existing=None) -> dict:
    """The model field values a file asks for (publication state included)."""
    names = {f.name for f in model._meta.concrete_fields}
    values = {name: value for name, value in read.values.items() if name in names}
    values.update(publication_values(read.values, existing))
    values.update(language=read.language, body=read.body, extra=read.extra)
    return values


def model_problems(row, key_of_field: dict, exclude=()) -> list[Problem]:
    """The model's own validation, reported under the front-matter keys a person would fix."""
    try:
        row.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        return [
            Problem(key_of_field.get(name, name), message)
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return []


def old_paths(hugo_path: str | None, aliases: list[str], current_url: str) -> list[str]:
    """The file's Hugo address and aliases, minus the address the row has on this site now."""
    paths = [hugo_path, *(normalise_path(alias) for alias in aliases)]
    current = unquote(current_url)
    return [path for path in dict.fromkeys(paths) if path and path != current]


def unchanged(row, values: dict) -> bool:
    return all(getattr(row, name) == value for name, value in values.items())


def write_rows(checked, model, identity_field, result, *, dry_run, only_new, children=None, prefetch=()):
    """Create or update one row per checked file; a file that asks for nothing new writes nothing.

    `children(item, row)` returns None when the row's children are as the file wants them, else a function
    that writes them for the saved row (`prefetch` names the relations it reads). Old addresses go to the
    model's `old_urls` table.
    """
    kind = model._meta.model_name
    old_urls = model._meta.get_field("old_urls")
    existing = {
        (row.language, getattr(row, identity_field)): row
        for row in model.objects.filter(
            language__in={c.read.language for c in checked}, **{f"{identity_field}__in": {c.identity for c in checked}}
        ).prefetch_related("old_urls", *prefetch)
    }
    for item in checked:
        row = existing.get((item.read.language, item.identity))
        if row is not None and only_new:
            result.count(kind, "unchanged")
            continue
        values = {**row_values(item.read, model, row), **item.place}
        write_children = children(item, row) if children else None
        have = {old.path for old in row.old_urls.all()} if row else set()
        if row is not None and write_children is None and unchanged(row, values) and not set(item.old_paths) - have:
            result.count(kind, "unchanged")
            continue
        result.count(kind, "created" if row is None else "updated")
        if dry_run:
            continue
        if row is not None and (
            write_children or not unchanged(row, {k: v for k, v in values.items() if k in TEXT_FIELDS})
        ):
            row.content_version += 1  # translations made from the earlier text are now out of date
        row = row or model()
        for name, value in values.items():
            setattr(row, name, value)
        row.written_from_file = True
        row.save()
        if write_children:
            write_children(row)
        write_old_urls(old_urls.related_model, old_urls.field.name, row, item.old_paths, result)


def write_old_urls(model, target_field, row, paths, result):
    """Point each old path at `row`, moving it from another row when needed (with a warning)."""
    found = {old.path: old for old in model.objects.filter(path__in=paths)}
    for path in paths:
        old = found.get(path)
        if old is None:
            model.objects.create(path=path, **{target_field: row})
        elif getattr(old, f"{target_field}_id") != row.pk:
            result.warnings.append(f"old URL “{path}” now redirects to {row} instead")
            setattr(old, target_field, row)
            old.save()


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class SiteImportResult:
    files: int = 0
    counts: dict = field(default_factory=dict)  # content type → Counts
    warnings: list = field(default_factory=list)
    linked: list = field(default_factory=list)  # exercises' progressions the import linked
    new_terms: list = field(default_factory=list)  # "new muscle: “x” (es)"
    seconds: float = 0.0
    dry_run: bool = False

    def count(self, kind, outcome, number=1):
        counts = self.counts.setdefault(kind, Counts())
        setattr(counts, outcome, getattr(counts, outcome) + number)
