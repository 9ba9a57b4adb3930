"""A Redis cache that acts as an empty cache while Redis is unreachable, so an outage slows pages, never breaks them.

After a failure, calls skip Redis for RETRY_AFTER seconds (a dead server then costs nothing per request), then
try again; the outage and the recovery are each logged once per process, not once per request.
"""

import logging
import threading
import time
from functools import partial

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger("exercises.cache")

RETRY_AFTER = 2.0
CACHE_ERRORS = (RedisError, OSError)


class _Outage:
    """Whether one Redis server is known to be down, shared by every thread of the process."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0

    def failed(self, location, error):
        with self.lock:
            self.retry_at = time.monotonic() + RETRY_AFTER
            first, self.down = not self.down, True
        if first:
            logger.error("Cache unreachable, serving pages uncached: %s (%s)", location, error)

    def succeeded(self, location):
        with self.lock:
            recovered, self.down = self.down, False
        if recovered:
            logger.warning("Cache reachable again: %s", location)


_outages: dict[str, _Outage] = {}


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        self._outage = _outages.setdefault(self._location, _Outage())

    def _guard(self, call, fallback):
        if self._outage.down and time.monotonic() < self._outage.retry_at:
            return fallback
        try:
            result = call()
        except CACHE_ERRORS as error:
            self._outage.failed(self._location, error)
            return fallback
        self._outage.succeeded(self._location)
        return result

    def get(self, key, default=None, version=None):
        return self._guard(partial(super().get, key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guard(partial(super().get_many, keys, version), {})

    def has_key(self, key, version=None):
        return self._guard(partial(super().has_key, key, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(partial(super().set, key, value, timeout, version), None)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(partial(super().add, key, value, timeout, version), False)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(partial(super().set_many, data, timeout, version), list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(partial(super().touch, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._guard(partial(super().delete, key, version), False)

    def delete_many(self, keys, version=None):
        return self._guard(partial(super().delete_many, keys, version), None)
