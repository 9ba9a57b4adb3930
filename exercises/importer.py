"""Content files → exercise rows, all or nothing.

Two passes keep memory flat however many files there are: the first reads and validates every file
and keeps only what the second needs (identity, a hash, old URLs); the second reads each batch again and
writes it with a handful of bulk queries (import_writes.py), inside one transaction. A file that did not change
writes nothing.
"""

import logging
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Prefetch
from django.utils import timezone

from publisher import changes as publisher_changes
from publishing.models import TEXT_FIELDS

from . import import_writes, progressions, renditions
from .caching import bump_content_version
from .content import (
    ContentError,
    Document,
    LanguageError,
    Problem,
    SourceFile,
    detect_language,
    find_files,
    hugo_url,
    normalise_path,
    parse_document,
    slug_from_name,
)
from .content.tree import folder_path
from .import_writes import BATCH_SIZE, child_key, stored_children
from .models import (
    Exercise,
    Modification,
    OldURL,
    TaggedEquipment,
    TaggedMuscle,
)
from .search import refresh_search_text
from .taxonomy import KINDS, SINGULAR, Taxonomy
from .validation import (
    child_rows,
    clean_image_at,
    exercise_values,
    find_image_file,
    format_problem,
    read_source,
    validate_document,
)

# The text a translation is made from; a change to it makes translations out of date.

logger = logging.getLogger(__name__)

SLUG_PLACEHOLDER = "slug-placeholder"
TAG_LINKS = {"muscles": "muscle_links", "equipment": "equipment_links"}
EXERCISE_FIELDS = [
    "title",
    "slug",
    "language",
    "translation_key",
    "description",
    "body",
    "difficulty",
    "duration",
    "video_id",
    "image_path",
    "image_alt",
    "author",
    "keywords",
    "status",
    "publish_at",
    "date",
    "lastmod",
    "url",
    "aliases",
    "weight",
    "featured",
    "extra",
    "section",
]


class ImportFailed(Exception):
    """Nothing was written; `problems` lists every reason as 'path: field: message'."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    files: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    lifted: int = 0
    linked: list[str] = field(default_factory=list)  # progressions the import linked, for the summary
    warnings: list[str] = field(default_factory=list)
    new_terms: list[str] = field(default_factory=list)  # "new muscle: “x” (es)"
    seconds: float = 0.0
    dry_run: bool = False


@dataclass
class _Checked:
    """What the write pass needs to know about one valid file, kept small."""

    source: SourceFile
    digest: str
    language: str
    slug: str
    old_paths: list[str]
    image_file: Path | None
    section: str
    translation_key: str  # the file's, or a new one when another file of its language has it first


class ExerciseImporter:
    def __init__(self, paths, content_root, static_root, language, dry_run, progress, sources=None):
        self.sources = sources if sources is not None else find_files(paths, content_root)
        self.static_root = Path(static_root) if static_root else None
        self.languages = [code for code, _ in settings.LANGUAGES]
        self.default_language = settings.LANGUAGE_CODE
        self.fallback_language = language or self.default_language
        self.dry_run = dry_run
        self.only_new = False  # leave rows that exist alone (the starter library must not undo editors' work)
        self.progress = progress or (lambda stage, done, total: None)
        self.result = ImportResult(files=len(self.sources), dry_run=dry_run)
        self.stored_images = []
        self.site_urls = {}
        self.hand_links = defaultdict(list)  # language → progressions.HandLink written by this import
        self.strict_tags = False  # refuse spellings the vocabulary and the stored terms do not know
        self._taxonomies = {}

    def taxonomy(self, kind):
        """One Taxonomy per kind for the whole import, so a new spelling makes one term however often it is met."""
        if kind not in self._taxonomies:
            self._taxonomies[kind] = Taxonomy(kind, dry_run=self.dry_run, strict=self.strict_tags)
        return self._taxonomies[kind]

    def _unknown_terms(self, document):
        return [
            Problem(
                kind,
                f"new {SINGULAR[kind]}: “{name}” is not in the vocabulary nor among the stored {kind} "
                "(--strict-tags refuses new ones)",
            )
            for kind in KINDS
            for name in getattr(document, kind)
            if not self.taxonomy(kind).knows(name)
        ]

    def check(self) -> list[_Checked]:
        """Read and validate every file; raise ImportFailed with every problem found."""
        problems, checked = [], []
        owners, old_owners = {}, {}
        for done, source in enumerate(self.sources, 1):
            try:
                text, digest = read_source(source)
                try:
                    language = detect_language(source, self.languages, self.fallback_language)
                except LanguageError as error:
                    raise ContentError([Problem("language", str(error))])
                try:
                    document = parse_document(text, slug=slug_from_name(source), language=language)
                except ContentError as error:
                    if error.document is not None:  # report the model's rules too, for the fields that were read
                        error.problems += [p for p in validate_document(error.document, None) if p.field != "title"]
                    raise
                image_file = find_image_file(document.image, source, self.static_root, self.result.warnings)
                if image_file is not None and not document.image_alt:
                    self.result.warnings.append(
                        f"{source.path}: image_alt: missing; the title is used to describe the image"
                    )
                if found := validate_document(document, image_file):
                    raise ContentError(found)
                if self.strict_tags and (unknown := self._unknown_terms(document)):
                    raise ContentError(unknown)
            except ContentError as error:
                problems.extend(format_problem(source.path, problem) for problem in error.problems)
                continue
            identity = (language, document.slug)
            if identity in owners:
                problems.append(
                    f"{source.path}: slug: “{document.slug}” ({language}) is also the slug of {owners[identity]}"
                )
                continue
            owners[identity] = source.path
            self.result.warnings.extend(f"{source.path}: body: {note}" for note in document.notes)
            self.result.lifted += document.lifted
            old_paths = []
            for path in self._old_paths(source, document):
                if len(path) > OldURL._meta.get_field("path").max_length:
                    problems.append(f"{source.path}: aliases: “{path[:60]}…” is too long")
                elif path in old_owners and old_owners[path] != source.path:
                    self.result.warnings.append(
                        f"{source.path}: aliases: “{path}” is also an old URL of {old_owners[path]}, which keeps it"
                    )
                else:
                    old_owners[path] = source.path
                    old_paths.append(path)
            checked.append(
                _Checked(
                    source,
                    digest,
                    language,
                    document.slug,
                    old_paths,
                    image_file,
                    folder_path(source) or "",
                    document.translation_key or document.slug,
                )
            )
            if done % BATCH_SIZE == 0:
                self.progress("checked", done, len(self.sources))
        if problems:
            raise ImportFailed(problems)
        self._settle_translation_keys(checked)
        return checked

    def _settle_translation_keys(self, checked):
        """One file per language and translation key is that language's version: the first by path. Each other
        one is imported as an exercise of its own, under a new key, so no page lists a language twice."""
        owners, taken = {}, {item.translation_key for item in checked}
        for item in sorted(checked, key=lambda item: str(item.source.path)):
            identity = (item.language, item.translation_key)
            if identity not in owners:
                owners[identity] = item.source.path
                continue
            key, suffix = f"{item.translation_key}-{item.slug}", 2
            while key in taken:
                key, suffix = f"{item.translation_key}-{item.slug}-{suffix}", suffix + 1
            taken.add(key)
            self.result.warnings.append(
                f"{item.source.path}: translationKey: “{item.translation_key}” ({item.language}) is also used by "
                f"{owners[identity]}, the translation; this file is imported on its own as “{key}”"
            )
            item.translation_key = key

    def _old_paths(self, source, document):
        """The file's Hugo URL and its aliases, minus the address the exercise has on this site now."""
        current = self._site_url(document.language).replace(SLUG_PLACEHOLDER, document.slug)
        paths = [hugo_url(source, document.language, self.default_language, document.slug, document.url)]
        paths += [normalise_path(alias) for alias in document.aliases]
        return [path for path in dict.fromkeys(paths) if path and path != current]

    def _site_url(self, language):
        # Reversing a URL costs about a millisecond; do it once per language, not once per file.
        if language not in self.site_urls:
            self.site_urls[language] = unquote(Exercise(language=language, slug=SLUG_PLACEHOLDER).get_absolute_url())
        return self.site_urls[language]

    def write(self, checked: list[_Checked]):
        """Write every batch in one transaction (a dry run only counts what it would write)."""
        if self.dry_run:
            self._write_batches(checked)
            return
        try:
            with transaction.atomic():
                self._write_batches(checked)
                self._link_progressions({item.language for item in checked})
                if self.result.created or self.result.updated or self.result.linked:
                    bump_content_version()  # bulk writes send no signals
                    publisher_changes.after_bulk_write()
        except BaseException:
            for name in self.stored_images:
                default_storage.delete(name)
            raise
        # Bulk writes send no post_save, so make the responsive renditions here, once the rows are committed.
        renditions.ensure_images(self.stored_images)

    def _link_progressions(self, languages):
        """Link modifications to their exercises once every row is written; refuse the import on a cycle."""
        problems = []
        for language in sorted(languages):
            report = progressions.link_language(language, self.hand_links[language])
            self.result.linked += report.linked
            self.result.warnings += report.warnings
            problems += report.problems
        if problems:
            raise ImportFailed(problems)

    def _write_batches(self, checked):
        for start in range(0, len(checked), BATCH_SIZE):
            self._write_batch(checked[start : start + BATCH_SIZE])
            self.progress("imported", min(start + BATCH_SIZE, len(checked)), len(checked))
        self.result.new_terms = [note for taxonomy in self._taxonomies.values() for note in taxonomy.new_terms]

    def _reparse(self, item: _Checked) -> Document:
        text, digest = read_source(item.source)
        if digest != item.digest:
            raise ImportFailed([f"{item.source.path}: file: changed during the import; nothing was written"])
        return parse_document(text, slug=item.slug, language=item.language)

    def _existing(self, batch):
        wanted = {(item.language, item.slug) for item in batch}
        rows = Exercise.objects.filter(
            language__in={language for language, _ in wanted}, slug__in={slug for _, slug in wanted}
        ).prefetch_related(
            "steps",
            Prefetch("modifications", Modification.objects.select_related("links_to")),
            "faqs",
            "old_urls",
            Prefetch("muscle_links", TaggedMuscle.objects.select_related("tag").order_by("id")),
            Prefetch("equipment_links", TaggedEquipment.objects.select_related("tag").order_by("id")),
        )
        return {(row.language, row.slug): row for row in rows if (row.language, row.slug) in wanted}

    def _write_batch(self, batch):
        existing = self._existing(batch)
        creates, updates, changed_children, changed_tags, old_urls = [], [], [], [], []
        for item in batch:
            document = self._reparse(item)
            row = existing.get((item.language, item.slug))
            if row is not None and self.only_new:
                self.result.unchanged += 1
                continue
            values = exercise_values(document, row)
            values["section"], values["translation_key"] = item.section, item.translation_key
            children = child_rows(document)
            tags = {kind: self.taxonomy(kind).terms_for(getattr(document, kind), item.language) for kind in KINDS}
            image_same = row is not None and bool(row.image) and document.image in {row.image_path, row.image.url}
            if image_same:
                values["image_path"] = row.image_path
            if (image_same or item.image_file is not None) and not values["image_alt"]:
                values["image_alt"] = document.title[: Exercise._meta.get_field("image_alt").max_length]
            if row is None:
                row = Exercise(**values)
                creates.append(row)
                kinds, tag_kinds = list(children), [kind for kind in tags if tags[kind]]
            else:
                kinds = [
                    kind
                    for kind, rows in children.items()
                    if [child_key(kind, r) for r in rows] != [child_key(kind, r) for r in stored_children(row, kind)]
                ]
                tag_kinds = [
                    kind
                    for kind, links in TAG_LINKS.items()
                    if [term.pk for term in tags[kind]] != [link.tag_id for link in getattr(row, links).all()]
                ]
                have_paths = {old.path for old in row.old_urls.all()}
                fields_changed = any(getattr(row, name) != value for name, value in values.items())
                image_changed = not image_same and (bool(row.image) or item.image_file is not None)
                if not (fields_changed or image_changed or kinds or tag_kinds or set(item.old_paths) - have_paths):
                    self.result.unchanged += 1
                    continue
                if kinds or any(getattr(row, name) != values.get(name, getattr(row, name)) for name in TEXT_FIELDS):
                    # Translations made from the earlier text are now out of date.
                    row.content_version = F("content_version") + 1
                for name, value in values.items():
                    setattr(row, name, value)
                updates.append(row)
            if not image_same:
                self._set_image(row, item.image_file)
            changed_children.append((row, children, kinds, item.source.path))
            changed_tags.append((row, tags, tag_kinds))
            old_urls.append((row, item.old_paths))
        self.result.created += len(creates)
        self.result.updated += len(updates)
        if self.dry_run:
            return
        for row in creates + updates:
            row.fill_derived_fields()
        Exercise.objects.bulk_create(creates, batch_size=BATCH_SIZE)
        if updates:
            now = timezone.now()
            for row in updates:
                row.updated = now
                # An import is an edit like any other: editors' open forms go stale.
                row.edit_version = F("edit_version") + 1
            Exercise.objects.bulk_update(
                updates,
                [*EXERCISE_FIELDS, "body_html", "image", "updated", "edit_version", "content_version"],
                batch_size=BATCH_SIZE,
            )
        updated_ids = {row.pk for row in updates}
        for language, link in import_writes.write_children(changed_children, updated_ids):
            self.hand_links[language].append(link)
        import_writes.write_tags(changed_tags, updated_ids)
        self.result.warnings += import_writes.write_old_urls(old_urls)
        refresh_search_text(row.pk for row in creates + updates)  # bulk writes send no signals

    def _set_image(self, row, image_file):
        if image_file is None:
            row.image = ""
            return
        if self.dry_run:
            return
        content = clean_image_at(image_file)
        row.image.save(content.name, content, save=False)
        self.stored_images.append(row.image.name)


def import_exercises(
    paths, *, content_root=None, static_root=None, language=None, dry_run=False, strict_tags=False, progress=None
) -> ImportResult:
    """Import content files and folders; see the import_exercises command for the rules.

    Raises ImportFailed (nothing written) when any file is invalid. `progress(stage, done, total)` is
    called after each batch.
    """
    started = time.monotonic()
    importer = ExerciseImporter(paths, content_root, static_root, language, dry_run, progress)
    importer.strict_tags = strict_tags
    try:
        checked = importer.check()
        importer.write(checked)
    except ImportFailed as error:
        logger.warning("import refused", extra={"paths": [str(p) for p in paths], "problems": len(error.problems)})
        raise
    except BaseException as error:
        logger.error("import rolled back", extra={"paths": [str(p) for p in paths], "error": repr(error)[:500]})
        raise
    result = importer.result
    if not dry_run:
        import_writes.refresh_planner_statistics(result.created + result.updated)
    result.seconds = time.monotonic() - started
    logger.info(
        "import finished",
        extra={
            "paths": [str(p) for p in paths],
            "dry_run": dry_run,
            "files": result.files,
            # "created" is taken: every log record has it (its timestamp).
            "exercises_created": result.created,
            "exercises_updated": result.updated,
            "files_unchanged": result.unchanged,
            "warnings": len(result.warnings),
            "seconds": round(result.seconds, 2),
        },
    )
    return result
