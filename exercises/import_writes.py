"""The importer's bulk writes of an exercise's children, tag links and old URLs, a few queries per batch."""

from django.conf import settings
from django.db import connection

from . import progressions
from .models import FAQ, FoundBy, Modification, OldURL, Step, TaggedEquipment, TaggedMuscle

BATCH_SIZE = 500


def delete_rows(model, field_name, ids):
    """Delete the rows of an exercise's children in one query.

    QuerySet.delete() would fetch them and send a signal per row (each bumping the content version);
    these rows have no dependants, and the import bumps the version once itself.
    """
    if ids:
        queryset = model.objects.filter(**{f"{field_name}__in": ids})
        queryset._raw_delete(queryset.db)


def child_key(kind, row):
    if kind == "steps":
        return row.text
    if kind == "modifications":
        return (row.name, row.level, row.description, progressions.written_link(row))
    return (row.question, row.answer)


def stored_children(row, kind):
    """The rows of `kind` that came from the exercise's file (not the links the importer added itself)."""
    rows = getattr(row, kind).all()
    return [child for child in rows if kind != "modifications" or child.found_by != FoundBy.SLUG]


def write_children(changed, updated_ids) -> list[tuple[str, progressions.HandLink]]:
    """Replace the steps, modifications and FAQs of the rows whose `kinds` changed; the modifications that name
    their exercise by hand, as (language, link) for the importer to settle once every row is written."""
    models = {"steps": Step, "modifications": Modification, "faqs": FAQ}
    for kind, model in models.items():
        delete_rows(
            model,
            "exercise_id",
            [row.pk for row, _, kinds, _ in changed if kind in kinds and row.pk in updated_ids],
        )
        new_rows = []
        for row, children, kinds, _ in changed:
            if kind in kinds:
                for child in children[kind]:
                    child.exercise = row
                    new_rows.append(child)
        model.objects.bulk_create(new_rows, batch_size=BATCH_SIZE)
    return [
        (row.language, progressions.HandLink(child, child.wanted_exercise, f"{path}: modifications: item {index}"))
        for row, children, kinds, path in changed
        if "modifications" in kinds
        for index, child in enumerate(children["modifications"], 1)
        if child.wanted_exercise
    ]


def write_tags(changed, updated_ids):
    """Replace the muscle and equipment links of the rows whose tag `kinds` changed."""
    for kind, through in (("muscles", TaggedMuscle), ("equipment", TaggedEquipment)):
        rows = [(row, tags[kind]) for row, tags, kinds in changed if kind in kinds]
        if not rows:
            continue
        delete_rows(through, "content_object_id", [row.pk for row, _ in rows if row.pk in updated_ids])
        through.objects.bulk_create(
            [through(content_object=row, tag=term) for row, terms in rows for term in terms], batch_size=BATCH_SIZE
        )


def write_old_urls(old_urls) -> list[str]:
    """Record each row's old URLs; a URL that pointed at another exercise moves here, with a warning (returned)."""
    wanted = {path: row for row, paths in old_urls for path in paths}
    if not wanted:
        return []
    found = {old.path: old for old in OldURL.objects.filter(path__in=wanted)}
    moved, warnings = [], []
    for path, old in found.items():
        if old.exercise_id != wanted[path].pk:
            warnings.append(f"old URL “{path}” now redirects to {wanted[path].slug} instead")
            old.exercise = wanted[path]
            moved.append(old)
    OldURL.objects.bulk_update(moved, ["exercise"], batch_size=BATCH_SIZE)
    OldURL.objects.bulk_create(
        [OldURL(path=path, exercise=row) for path, row in wanted.items() if path not in found],
        batch_size=BATCH_SIZE,
    )
    return warnings


def refresh_planner_statistics(rows_written: int):
    """After a large import on PostgreSQL, refresh the query planner's statistics now: autovacuum would do
    it within minutes, but until then the list pages are planned as for the empty tables (about 2× slower
    at 10,000 exercises). SQLite keeps no statistics unless asked, and its plans are measured without them."""
    threshold = settings.PLANNER_STATISTICS_AFTER_ROWS
    if connection.vendor == "postgresql" and threshold is not None and rows_written >= threshold:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
