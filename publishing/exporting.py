"""Rows → content files through a type's field table; what page and workout export share."""

import datetime
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings

from exercises.content.fields import write_front_matter
from exercises.content.frontmatter import dump_yaml

from .mapping import publication_front_matter


@dataclass
class ExportResult:
    written: int = 0
    unchanged: int = 0


def utc(value):
    return value.astimezone(datetime.UTC) if value else None


def row_front_matter(row, table, **overrides) -> dict:
    """The front matter of a row: its fields through the table, publication state, extra keys last."""
    values = {row_field.attr: getattr(row, row_field.attr, row_field.default) for row_field in table}
    values.update(publication_front_matter(row))
    values.update(overrides)
    values = {name: utc(value) if isinstance(value, datetime.datetime) else value for name, value in values.items()}
    return write_front_matter(values, table, row.language, dict(row.extra))


def render_file(front_matter: dict, body: str) -> bytes:
    """YAML front matter between --- lines, a blank line, the body (as the exercise exporter writes)."""
    text = f"---\n{dump_yaml(front_matter)}---\n"
    body = body.strip("\n").rstrip()
    return (f"{text}\n{body}\n" if body else text).encode()


def language_folder(language: str) -> str:
    return "" if language == settings.LANGUAGE_CODE else f"{language}/"


def section_file(row, slug: str) -> Path:
    """Where a row's file goes: in its old section's folder when it came from one (es/ejercicios/mat/x.md),
    else where Hugo serves a file at the row's URL on this site (/es/ejercicios/x/ → es/ejercicios/x.md)."""
    if row.section:
        return Path(f"{language_folder(row.language)}{row.section}/{slug}.md")
    return Path(unquote(row.get_absolute_url()).strip("/") + ".md")


def aliases_with_old_urls(row, relative: Path) -> list[str]:
    """The row's aliases plus every recorded old address that its file's place will not give back on import,
    so that export → import keeps every old URL answering. `row.old_urls` should be prefetched."""
    here = {"/" + relative.with_suffix("").as_posix() + "/", unquote(row.get_absolute_url())}
    recorded = sorted(old.path for old in row.old_urls.all())
    return list(dict.fromkeys([*row.aliases, *(path for path in recorded if path not in here)]))


def write_if_changed(outdir: Path, relative: Path, content: bytes, result) -> None:
    """Write a file unless it already holds exactly this; refuse paths that leave `outdir`."""
    target = outdir / relative
    if not target.resolve().is_relative_to(outdir.resolve()):
        raise ValueError(f"“{relative}” would be written outside the export folder")
    if target.is_file() and target.read_bytes() == content:
        result.unchanged += 1
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    result.written += 1
