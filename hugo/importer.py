"""A whole Hugo site → exercises, workouts and pages, all or nothing.

Every file goes to one type by its section (settings.CONTENT_SECTIONS; `type:` in front matter overrides),
every file of every type is checked first, and only when all are valid is anything written, in one
transaction: exercises first, so that workout items can link to them.
"""

import logging
import time

from django.conf import settings
from django.db import transaction

from exercises.caching import bump_content_version
from exercises.content import ContentError
from exercises.content.tree import is_list_page
from exercises.import_writes import refresh_planner_statistics
from exercises.importer import ExerciseImporter, ImportFailed
from exercises.validation import format_problem
from pages import importer as page_importer
from pages.mapping import PAGE_FIELDS
from publisher import changes as publisher_changes
from publishing.importing import SiteImportResult, front_matter_of, read_file
from workouts import importer as workout_importer
from workouts.mapping import WORKOUT_FIELDS

from .site import content_type, locate

logger = logging.getLogger(__name__)
TABLES = {"page": PAGE_FIELDS, "workout": WORKOUT_FIELDS}


def _sort(site, fallback_language):
    """{type: [...]}: exercise SourceFiles, and ReadFiles for the other types; plus (path, Problem) pairs."""
    by_type, problems = {"exercise": [], "workout": [], "page": []}, list(site.problems)
    for source in site.sources:
        try:
            data = front_matter_of(source)
            kind = content_type(source, data[0].get("type"), settings.CONTENT_SECTIONS)
            if is_list_page(source):
                kind = "page"  # a section's own _index.md is a section page, whatever the section holds
            if kind == "exercise":
                by_type[kind].append(source)
            else:
                by_type[kind].append(read_file(source, TABLES[kind], fallback_language, data))
        except ContentError as error:
            problems.extend((source.path, problem) for problem in error.problems)
    return by_type, problems


def import_site(
    paths, *, language=None, static_root=None, dry_run=False, only_new=False, strict_tags=False, progress=None
) -> SiteImportResult:
    """Import a Hugo site root, content folders or files; raise ImportFailed (nothing written) on any problem.

    With `only_new`, rows that already exist are left as they are (see the command's --only-new).
    """
    started = time.monotonic()
    site = locate(paths)
    fallback = language or settings.LANGUAGE_CODE
    result = SiteImportResult(files=len(site.sources), dry_run=dry_run)
    by_type, problems = _sort(site, fallback)
    exercises = ExerciseImporter(
        paths, None, static_root or site.static_root, language, dry_run, progress, sources=by_type["exercise"]
    )
    exercises.only_new = only_new
    exercises.strict_tags = strict_tags
    messages = [format_problem(path, problem) for path, problem in problems]
    try:
        checked_exercises = exercises.check()
    except ImportFailed as error:
        messages += error.problems
        checked_exercises = []
    checked_workouts, workout_problems = workout_importer.check(by_type["workout"], site.data)
    checked_pages, page_problems = page_importer.check(by_type["page"])
    messages += [format_problem(source.path, p) for source, p in workout_problems + page_problems]
    if messages:
        logger.warning("site import refused", extra={"paths": [str(p) for p in paths], "problems": len(messages)})
        raise ImportFailed(messages)
    with transaction.atomic():
        exercises.dry_run = dry_run
        exercises.write(checked_exercises)
        workout_importer.write(checked_workouts, result, dry_run, only_new)
        page_importer.write(checked_pages, result, dry_run, only_new)
        if not dry_run:
            bump_content_version()
            publisher_changes.after_bulk_write()
    ex = exercises.result
    result.count("exercise", "created", ex.created)
    result.count("exercise", "updated", ex.updated)
    result.count("exercise", "unchanged", ex.unchanged)
    result.warnings = ex.warnings + result.warnings
    result.linked = ex.linked
    result.new_terms = ex.new_terms
    if not dry_run:
        refresh_planner_statistics(sum(counts.created + counts.updated for counts in result.counts.values()))
    result.seconds = time.monotonic() - started
    logger.info("site import finished", extra={"files": result.files, "seconds": round(result.seconds, 2)})
    return result
