"""Publishing runs outside the editor's request: as an RQ job on our Redis when REDIS_URL is set (a
`manage.py publish_worker` takes it), otherwise in a thread of the same process right after the commit.

The worker also publishes scheduled content when its time comes (`publish_due`, checked every second).
"""

import functools
import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

logger = logging.getLogger("publisher")
QUEUE_NAME = "publish"
JOB_TIMEOUT = 60 * 60
PENDING_KEY = "publish:pending"
_in_process = threading.Lock()
# Without a queue: the keys noted in this process that no job has taken yet.
_pending: set[str] = set()
_pending_lock = threading.Lock()


def is_enabled() -> bool:
    return bool(settings.PUBLISH_ROOT)


def uses_queue() -> bool:
    return settings.PUBLISH_WITH_QUEUE


def redis_connection():
    return _redis_client(settings.REDIS_URL)


@functools.cache
def _redis_client(url):
    """One client (and connection pool) per address: the running job asks Redis before every page."""
    from redis import Redis

    return Redis.from_url(url)


def queue():
    from rq import Queue

    return Queue(QUEUE_NAME, connection=redis_connection(), default_timeout=JOB_TIMEOUT)


def enqueue(keys: list[str]):
    """Publish the pages that depend on `keys`, in the background.

    The keys wait in a pending set that the running job reads between pages, so the page an editor has just
    changed is published before the lists and sitemap still due for an earlier change; later jobs then find
    the set empty and end at once.
    """
    if uses_queue():
        redis_connection().sadd(PENDING_KEY, *keys)
        queue().enqueue(publish_changes)
        return
    with _pending_lock:
        _pending.update(keys)
    if settings.PUBLISH_IN_BACKGROUND:
        # Not a daemon: a management command that edits content waits for its pages before it exits.
        threading.Thread(target=_publish_in_thread).start()
    else:
        publish_changes()


def take_pending() -> list[str]:
    """The keys noted since the last take (and no longer pending)."""
    if uses_queue():
        pipeline = redis_connection().pipeline()  # MULTI/EXEC: a key added meanwhile is taken now or next time
        pipeline.smembers(PENDING_KEY)
        pipeline.delete(PENDING_KEY)
        members, _deleted = pipeline.execute()
        return sorted(member.decode() for member in members)
    with _pending_lock:
        keys = sorted(_pending)
        _pending.clear()
    return keys


def _taken_between_pages() -> list[str]:
    try:
        return take_pending()
    except Exception:  # Redis away a moment: the keys stay pending for the next look or the next job
        logger.exception("Could not read the pending changes")
        return []


def _publish_in_thread():
    try:
        publish_changes()
    except Exception:
        logger.exception("Publishing failed; the pages keep their previous version")
    finally:
        connection.close()


def publish_changes(keys=()):
    """The job: re-render and save the pages that depend on the pending keys (and `keys`, as jobs queued by
    an earlier version carry them), one job at a time per process."""
    from . import site

    with _in_process:
        if not connection.in_atomic_block:  # a worker between jobs; never inside a caller's transaction
            close_old_connections()
        keys = sorted({*keys, *take_pending()})
        if not keys:
            return {}
        report = site.publish(keys, more=_taken_between_pages)
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
