"""The front-matter fields every content type shares, and how `draft`/`date`/`publishDate` become a status.

Each app's mapping.py lists these rows first, then its own.
"""

from django.utils import timezone

from exercises.content.fields import publication_fields

from .models import Status

PUBLICATION_FIELDS = publication_fields(image_attr="image_path")


def publication_values(values: dict, existing) -> dict:
    """Model values for status and dates from `draft`, `date` and `publishDate`, as Hugo reads them.

    A file without dates keeps the row's publish time on re-import (so it does not jump to the top).
    """
    status = Status.DRAFT if values.get("draft") else Status.PUBLISHED
    publish_at = values.get("publish_date") or values.get("date")
    if publish_at is None:
        publish_at = existing.publish_at if existing else timezone.now()
    return {
        "status": status,
        "publish_at": publish_at,
        # A published file's publishDate stands in for its date, as in Hugo; nothing else does (not the import time).
        "date": values.get("date") or (values.get("publish_date") if status == Status.PUBLISHED else None),
    }


def publication_front_matter(row) -> dict:
    """The inverse of publication_values: draft, date and publishDate (when it says something date does not)."""
    return {"draft": row.status == Status.DRAFT, "date": row.date, "publish_date": publish_date_to_write(row)}


def publish_date_to_write(row):
    """publishDate when it says something `date` does not.

    Hugo and the importers both take publishDate from date when it is missing. Without a date, the publish
    moment of a row that is already public is only when it was imported or saved, and Hugo would show it as
    the date, so only a future (scheduled) one is written.
    """
    if row.date is not None:
        return None if row.publish_at == row.date else row.publish_at
    return row.publish_at if row.publish_at > timezone.now() else None
