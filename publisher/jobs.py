"""Publishing runs outside the editor's request: as an RQ job on our Redis when REDIS_URL is set (a
`manage.py publish_worker` takes it), otherwise in a thread of the same process right after the commit.

The worker also publishes scheduled content when its time comes (`publish_due`, checked every second).
"""

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

logger = logging.getLogger("publisher")
QUEUE_NAME = "publish"
JOB_TIMEOUT = 60 * 60
_in_process = threading.Lock()


def is_enabled() -> bool:
    return bool(settings.PUBLISH_ROOT)


def uses_queue() -> bool:
    return settings.PUBLISH_WITH_QUEUE


def redis_connection():
    from redis import Redis

    return Redis.from_url(settings.REDIS_URL)


def queue():
    from rq import Queue

    return Queue(QUEUE_NAME, connection=redis_connection(), default_timeout=JOB_TIMEOUT)


def enqueue(keys: list[str]):
    """Publish the pages that depend on `keys`, in the background."""
    if uses_queue():
        queue().enqueue(publish_changes, keys)
    elif settings.PUBLISH_IN_BACKGROUND:
        # Not a daemon: a management command that edits content waits for its pages before it exits.
        threading.Thread(target=_publish_in_thread, args=(keys,)).start()
    else:
        publish_changes(keys)


def _publish_in_thread(keys):
    try:
        publish_changes(keys)
    except Exception:
        logger.exception("Publishing failed; the pages keep their previous version")
    finally:
        connection.close()


def publish_changes(keys: list[str]):
    """The job: re-render and save the pages that depend on `keys` (one at a time per process)."""
    from . import site

    with _in_process:
        if not connection.in_atomic_block:  # a worker between jobs; never inside a caller's transaction
            close_old_connections()
        report = site.publish(keys)
    logger.info("published", extra={"keys": len(keys), **report.counts()})
    return report.counts()


def publish_due() -> int:
    """Publish the rows whose scheduled time has come since the last check; how many there were."""
    from . import changes
    from .dependencies import row_key
    from .models import PublisherState

    now = timezone.now()
    with transaction.atomic():
        state, _ = PublisherState.objects.select_for_update().get_or_create(pk=1)
        due = []
        for model in changes.content_models():
            rows = model._default_manager.published().filter(publish_at__gt=state.due_checked_at, publish_at__lte=now)
            due += [(model, row) for row in rows]
        state.due_checked_at = now
        state.save(update_fields=["due_checked_at"])
        keys = set()
        for model, row in due:
            keys |= {row_key(model, row.pk), *changes.membership_keys(model, row)}
        changes.note(keys)
    return len(due)


def watch_the_clock(due_check_seconds: float):
    """Publish scheduled content when its time comes, checking every `due_check_seconds`, for ever; a failed
    check (the database away a moment) is logged and the next one tried."""
    while True:
        try:
            close_old_connections()
            publish_due()
        except Exception:
            logger.exception("Checking for scheduled content failed")
        finally:
            connection.close()
        time.sleep(due_check_seconds)


def run_queue_worker(due_check_seconds: float, ready=None):
    """Work the publish queue in this process (no fork per job: a job starts in microseconds and keeps the
    database connection), with a thread that checks for scheduled content coming due."""
    from rq import SimpleWorker

    threading.Thread(target=watch_the_clock, args=(due_check_seconds,), daemon=True).start()
    worker = SimpleWorker([queue()], connection=redis_connection())
    if ready:
        ready(f"taking jobs from the {QUEUE_NAME!r} queue")
    worker.work(logging_level="WARNING")
