"""The rules a content file must meet before anything is written: readable, valid, the admin's rules.

Used by the importer's first pass; nothing here writes to the database.
"""

import hashlib
import posixpath
import re
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils import timezone

from .content import ContentError, Document, Problem, SourceFile
from .content.vocabulary import accepted_values
from .images import clean_image_file
from .models import FAQ, Difficulty, Exercise, Level, Modification, Status, Step
from .tags import tag_slug
from .youtube import parse_video_id

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TAG_LENGTH = 100
EXTERNAL_URL = re.compile(r"^([a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)

# Model field → the front-matter key a person would fix.
FRONT_MATTER_KEY = {
    "translation_key": "translationKey",
    "publish_at": "publishDate",
    "image_path": "image",
    "status": "draft",
    "faqs": "faq",
}


def format_problem(path, problem: Problem) -> str:
    where = f"{path}:{problem.line}" if problem.line else f"{path}"
    return f"{where}: {problem.field}: {problem.message}"


def read_source(source: SourceFile) -> tuple[str, str]:
    """(text, sha256) of a file; raise ContentError when it is too large or not UTF-8."""
    try:
        size = source.path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ContentError([Problem("file", f"is {size / 1024 / 1024:.1f} MB; the limit is 2 MB")])
        data = source.path.read_bytes()
    except OSError as error:
        raise ContentError([Problem("file", f"cannot be read ({error.strerror or error})")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContentError([Problem("file", f"is not UTF-8 text (invalid byte at position {error.start})")])
    if "\x00" in text:  # PostgreSQL cannot store it, and no text file has one
        raise ContentError([Problem("file", "contains a NUL character; is it really a text file?")])
    return text, hashlib.sha256(data).hexdigest()


def find_image_file(value: str, source: SourceFile, static_root: Path | None, warnings: list[str]) -> Path | None:
    """The image file a front-matter `image` names, or None (with a warning) if it is not there.

    Absolute site paths are looked up under the static root, others beside the content file. A path that
    leaves that folder is an error, even when the file does not exist.
    """
    if not value or EXTERNAL_URL.match(value):
        return None
    if value.startswith("/"):
        base, where = static_root, "--static-root"
    else:
        base, where = source.path.parent, "the file's folder"
    relative = posixpath.normpath(value.lstrip("/"))
    if relative == ".." or relative.startswith("../"):
        raise ContentError([Problem("image", f"“{value}” points outside {where}")])
    if base is None:
        warnings.append(f"{source.path}: image: “{value}” was not looked for (no --static-root given); path kept")
        return None
    candidate = (base / relative).resolve()
    if not candidate.is_relative_to(base.resolve()):
        raise ContentError([Problem("image", f"“{value}” points outside {where}")])
    if not candidate.is_file():
        warnings.append(f"{source.path}: image: “{value}” was not found under {where}; path kept")
        return None
    return candidate


def clean_image_at(path: Path):
    with path.open("rb") as handle:
        return clean_image_file(File(handle, name=path.name))


def exercise_values(document: Document, existing: Exercise | None) -> dict:
    """The Exercise field values a Document asks for, with the defaults fill_derived_fields() would give,
    so that comparing them with a stored row tells whether the file changed."""
    status = Status.DRAFT if document.draft else Status.PUBLISHED
    if document.publish_date or document.date:
        publish_at = document.publish_date or document.date
    else:
        publish_at = existing.publish_at if existing else timezone.now()
    return {
        "title": document.title,
        "slug": document.slug,
        "language": document.language,
        "translation_key": document.translation_key or document.slug,
        "description": document.description,
        "body": document.body,
        "difficulty": document.difficulty or Difficulty.BEGINNER,
        "duration": document.duration,
        "video_id": parse_video_id(document.video_id) if document.video_id else "",
        "image_path": document.image,
        "image_alt": document.image_alt,
        "author": document.author,
        "keywords": document.keywords,
        "status": status,
        "publish_at": publish_at,
        # A published file's publishDate stands in for its date, as in Hugo; nothing else does (not the import time).
        "date": document.date or (document.publish_date if status == Status.PUBLISHED else None),
        "lastmod": document.lastmod,
        "url": document.url,
        "aliases": document.aliases,
        "weight": document.weight,
        "featured": document.featured,
        "extra": document.extra,
    }


def wanting_exercise(modification: Modification, slug: str) -> Modification:
    """The row, noting the slug of the exercise its file links it to (the importer links it once all are written)."""
    modification.wanted_exercise = slug
    return modification


def child_rows(document: Document) -> dict:
    return {
        "steps": [Step(text=text, order=i) for i, text in enumerate(document.steps)],
        "modifications": [
            wanting_exercise(Modification(name=m.name, level=m.level, description=m.description, order=i), m.exercise)
            for i, m in enumerate(document.modifications)
        ],
        "faqs": [FAQ(question=f.question, answer=f.answer, order=i) for i, f in enumerate(document.faqs)],
    }


def validate_document(document: Document, image_file: Path | None) -> list[Problem]:
    """The admin's rules: the model's field validation and clean(), plus YouTube ids, choices and tags."""
    problems = []
    if document.video_id:
        try:
            parse_video_id(document.video_id)
        except ValueError as error:
            problems.append(Problem("video_id", str(error)))
            document.video_id = ""
    if document.difficulty and document.difficulty not in Difficulty.values:
        allowed = ", ".join([*Difficulty.values, *accepted_values("difficulty")])
        problems.append(Problem("difficulty", f"“{document.difficulty}” is not one of: {allowed}"))
        document.difficulty = ""
    for index, modification in enumerate(document.modifications, 1):
        if modification.level not in Level.values:
            allowed = ", ".join([*Level.values, *accepted_values("level")])
            problems.append(
                Problem("modifications", f"item {index}: level “{modification.level}” is not one of: {allowed}")
            )
            modification.level = Level.EASIER
    for key in ("muscles", "equipment"):
        for name in getattr(document, key):
            if len(name) > MAX_TAG_LENGTH or len(tag_slug(name)) > MAX_TAG_LENGTH:
                problems.append(Problem(key, f"“{name[:40]}…” is longer than {MAX_TAG_LENGTH} characters"))
    exercise = Exercise(**exercise_values(document, None))
    try:
        exercise.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            if name in {"video_id", "difficulty"} and any(p.field == name for p in problems):
                continue
            key = FRONT_MATTER_KEY.get(name, name)
            problems.extend(Problem(key, message) for message in messages)
    for kind, rows in child_rows(document).items():
        for index, row in enumerate(rows, 1):
            try:
                row.full_clean(exclude=["exercise"])
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    problems.extend(
                        Problem(FRONT_MATTER_KEY.get(kind, kind), f"item {index}: {name}: {m}") for m in messages
                    )
    if image_file is not None:
        try:
            clean_image_at(image_file)
        except ValidationError as error:
            problems.extend(Problem("image", message) for message in error.messages)
    return problems
