"""Each app server's own copy of the content version and of the pages it served last, so that a page-cache
hit costs no round trip to Redis or the database.

The copy of the version is trusted for PAGE_CACHE_LOCAL_SECONDS: an edit made through another server shows
here within that time; one made in this process shows at once (its bump forgets the copy). Pages are kept
under their versioned key, so a page of an older version is never served once the version moves on; the
least recently used go first when the copies pass PAGE_CACHE_LOCAL_BYTES.
"""

import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache

_lock = threading.Lock()
_version = {"row": None, "read_at": 0.0}
_pages = OrderedDict()
_sizes = {"total": 0}


def is_enabled() -> bool:
    return settings.PAGE_CACHE_LOCAL_SECONDS > 0


def version_row(read, keep: bool):
    """The version row: this process's copy while it is fresh, else `read()`'s, kept for next time if `keep`
    (not when it may hold the caller's own, uncommitted bump)."""
    if not is_enabled() or not keep:
        return read()
    now = time.monotonic()
    row = _version["row"]
    if row is not None and now - _version["read_at"] < settings.PAGE_CACHE_LOCAL_SECONDS:
        return row
    row = read()
    _version.update(row=row, read_at=now)
    return row


def forget_version():
    _version["row"] = None


def page(key):
    """The stored page (status, headers, content) kept under `key`, or None."""
    if not is_enabled():
        return None
    with _lock:
        stored = _pages.get(key)
        if stored is not None:
            _pages.move_to_end(key)
        return stored


def keep_page(key, stored):
    size = len(stored[2])
    budget = settings.PAGE_CACHE_LOCAL_BYTES
    if not is_enabled() or size > budget // 4:
        return
    with _lock:
        if key in _pages:
            return
        _pages[key] = stored
        _sizes["total"] += size
        while _sizes["total"] > budget:
            _key, oldest = _pages.popitem(last=False)
            _sizes["total"] -= len(oldest[2])


def clear_all():
    """Empty the shared page cache and this process's copies (tests and benchmarks start each case cold)."""
    cache.clear()
    clear()


def clear():
    with _lock:
        forget_version()
        _pages.clear()
        _sizes["total"] = 0
