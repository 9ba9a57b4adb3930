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
        "date": values.get("date") or (publish_at if status == Status.PUBLISHED else None),
    }


def publication_front_matter(row) -> dict:
    """The inverse of publication_values: draft and publishDate (only when it differs from date)."""
    return {
        "draft": row.status == Status.DRAFT,
        "date": row.date,
        "publish_date": None if row.publish_at == row.date else row.publish_at,
    }
