"""Full-page caching of public pages, invalidated by content changes, with conditional GET.

Anonymous GETs are served from the cache under a key made of the content version, the path and the
page parameters as the views read them (invalid values dropped). Any content change bumps the version
(signals below, and the importer calls `bump_content_version` itself), so the next request renders
afresh: nothing waits for a timeout. Only pages whose parameters the view confirmed (`cached_as`) are
stored, and never searches, so made-up query strings cannot fill the cache.
"""

import hashlib
import json
import re
import time
from datetime import UTC, datetime
from importlib import import_module
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.db.models import F, Min
from django.http import HttpResponse, HttpResponseNotModified, QueryDict
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.http import http_date, parse_http_date_safe, quote_etag

from siteidentity import identity
from siteidentity.models import IDENTITY_PK, SiteIdentity

from . import filters, local_copies
from .models import (
    ContentVersion,
    Exercise,
    Status,
)

PUBLISHER_RENDER = "publisher.render"
MAX_OTHER_VALUE = 100
MAX_QUERY_LENGTH = 2000
PAGE_TTL = 60 * 60 * 24
VERSION_KEY = "content-version"
# A safety net only: every bump replaces the shared copy when it commits.
VERSION_TTL = 60
CDN_MAX_AGE = int(getattr(settings, "CDN_MAX_AGE", 60))
PUBLIC_CACHE_CONTROL = f"public, max-age=0, s-maxage={CDN_MAX_AGE}, must-revalidate"
STORED_HEADERS_SKIPPED = {"set-cookie", "date"}
# Django's session keys: 32 lowercase letters and digits. Anything else is not worth a session lookup.
SESSION_KEY = re.compile(r"[a-z0-9]{32}")
NO_SELECTION = filters.Selection()


def _as_aware_datetime(value):
    # SQLite hands back text and PostgreSQL an aware datetime; both are stored in UTC.
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, UTC)
    return value


def _version_row():
    return local_copies.version_row(_shared_version_row, keep=not _bump_pending())


def _bump_pending() -> bool:
    """Whether this transaction bumped the version: what it reads then must not be shared before it commits."""
    return any(entry[1] is _share_version for entry in connection.run_on_commit)


def _shared_version_row():
    """The version row. With a shared cache (Redis) it is kept there, so a cached page costs no database
    round trip: every bump writes the new row to the cache when it commits, and a reader only ever `add`s
    what it read, so it can never put back a version older than the one a commit wrote."""
    if not settings.REDIS_URL:  # a per-process cache would miss other processes' bumps
        return _version_row_from_database()
    row = cache.get(VERSION_KEY)
    if row is None:
        row = _version_row_from_database()
        if not _bump_pending():
            cache.add(VERSION_KEY, row, VERSION_TTL)
    return row


def _share_version():
    local_copies.forget_version()
    if settings.REDIS_URL:
        cache.set(VERSION_KEY, _version_row_from_database(), VERSION_TTL)


def _version_row_from_database():
    """The version row, read with plain SQL: it runs on every public request when there is no shared cache,
    and building the ORM query would cost more than the query itself.

    The site identity's snapshot comes along (siteidentity/identity.py), so no page spends a query on it.
    """
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    identity_table = connection.ops.quote_name(SiteIdentity._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT v.version, v.changed_at, v.next_change_at, s.snapshot FROM {table} v "
            f"LEFT JOIN {identity_table} s ON s.id = {IDENTITY_PK} WHERE v.id = 1"
        )
        found = cursor.fetchone()
    if found is None:
        ContentVersion.objects.get_or_create(pk=1)
        return _version_row_from_database()
    version, changed_at, next_change_at, snapshot = found
    return {
        "version": version,
        "changed_at": _as_aware_datetime(changed_at),
        "next_change_at": _as_aware_datetime(next_change_at),
        # SQLite hands back JSON text, PostgreSQL (jsonb) the decoded value.
        "site_identity": json.loads(snapshot) if isinstance(snapshot, str) else snapshot,
    }


def next_scheduled_publication():
    upcoming = Exercise.objects.filter(status=Status.PUBLISHED, publish_at__gt=timezone.now())
    return upcoming.aggregate(next=Min("publish_at"))["next"]


def bump_content_version():
    """Mark all cached pages stale. Safe inside a transaction: the new version shows when it commits."""
    changes = {"changed_at": timezone.now(), "next_change_at": next_scheduled_publication()}
    if not ContentVersion.objects.filter(pk=1).update(version=F("version") + 1, **changes):
        ContentVersion.objects.get_or_create(pk=1, defaults={"version": 2, **changes})
    # Dropped now, so this transaction reads its own bump; replaced at commit, so every server sees it then.
    local_copies.forget_version()
    if settings.REDIS_URL:
        cache.delete(VERSION_KEY)
    transaction.on_commit(_share_version)


def current_content_version() -> tuple[int | None, datetime]:
    """The version and its time; a scheduled publication that has come due counts as a change.

    The version is None when that change could not be recorded because the database is busy with a
    write (an import holds SQLite's write lock): the page is then served fresh and not cached.
    """
    return _current_row()[:2]


def _current_row():
    """(version, changed_at, site identity snapshot): see current_content_version."""
    row = _version_row()
    if row["next_change_at"] and row["next_change_at"] <= timezone.now():
        try:
            bump_content_version()
        except OperationalError:
            return None, row["changed_at"], row["site_identity"]
        row = _version_row()
    return row["version"], row["changed_at"], row["site_identity"]


def requested_selection(query_string: str) -> filters.Selection:
    """The page parameters as the views read them, invalid values dropped."""
    if not query_string:
        return NO_SELECTION  # most visitors' requests: the hit path skips parsing
    return filters.parse(QueryDict(query_string[:MAX_QUERY_LENGTH]))


def normalised_query(query_string: str, selection: filters.Selection | None = None) -> str:
    """The cache key's query: the requested exercise selection, plus the other pages' parameters as given.

    The workout list and builder read parameters the exercise selection does not know (`duration`,
    `focus`); they stay in the key, capped, so such a page never shares a key with its unfiltered form.
    """
    if not query_string:
        return ""
    if selection is None:
        selection = requested_selection(query_string)
    others = [
        (name, value[:MAX_OTHER_VALUE])
        for name, value in parse_qsl(query_string[:MAX_QUERY_LENGTH])
        if name in filters.PARAMETERS and name not in filters.SELECTION_PARAMETERS
    ]
    return urlencode(sorted([*selection.pairs(), *dict.fromkeys(others)]))


def _key(path: str, query: str) -> str:
    return "page:" + hashlib.sha256(f"{path}?{query}".encode()).hexdigest()[:32]


def page_key(path: str, query_string: str) -> str:
    return _key(path, normalised_query(query_string))


def cached_as(response, selection):
    """Mark `response` as the page for `selection`, cleaned by the view (unknown tags dropped, page clamped).

    The page cache stores a response only when this matches what the request asked for, so nonsense
    parameters cannot fill the cache. A response without a mark is the page for no parameters at all.
    """
    response.page_query = urlencode(sorted(selection.pairs()))
    return response


def _is_public_page_request(request) -> bool:
    # The publisher's own renders skip the cache: it records what each page shows while it renders.
    if request.method not in ("GET", "HEAD") or request.META.get(PUBLISHER_RENDER):
        return False
    path = request.path_info
    private_prefixes = (f"/{settings.ADMIN_URL}", settings.STATIC_URL, settings.MEDIA_URL)
    return not path.startswith(private_prefixes)


def _has_session(request) -> bool:
    """Whether the request carries a live session (staff): a made-up cookie must not bypass the cache."""
    key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    if not SESSION_KEY.fullmatch(key):
        return False
    return bool(import_module(settings.SESSION_ENGINE).SessionStore(key).load())


def _add_validators(response, etag, changed_at):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(changed_at.timestamp())
    response["Cache-Control"] = PUBLIC_CACHE_CONTROL
    return response


def _not_modified(request, etag, changed_at) -> bool:
    """Whether the client's copy is current. Only ever asked about a page known to exist (a 200)."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        return etag in {tag.strip() for tag in if_none_match.split(",")} or if_none_match.strip() == "*"
    if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if not if_modified_since:
        return False
    since = parse_http_date_safe(if_modified_since)
    # A date in the future is invalid (RFC 9110 13.1.3) and ignored.
    return since is not None and int(changed_at.timestamp()) <= since <= time.time()


def _without_body_for_head(request, response):
    # Django renders HEAD like GET; the server must not be handed body bytes (gunicorn warns and drops them).
    # Content-Length, set from the full body, stays: it is what a GET would send.
    if request.method == "HEAD" and not response.streaming:
        response.content = b""
    return response


def _is_shareable(response) -> bool:
    """A complete public page: not an error or redirect, not personal, not already given its own caching."""
    personal = response.cookies or response.has_header("Cache-Control")
    return response.status_code == 200 and not response.streaming and not personal


def _from_cache(versioned_key, local_key):
    stored = local_copies.page(local_key)
    if stored is None:
        stored = cache.get(versioned_key)
        if stored is None:
            return None
        local_copies.keep_page(local_key, stored)
    status, headers, content = stored
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    response["X-Cache"] = "HIT"
    return response


def _store(versioned_key, local_key, response):
    headers = [(name, value) for name, value in response.items() if name.lower() not in STORED_HEADERS_SKIPPED]
    stored = (response.status_code, headers, response.content)
    cache.set(versioned_key, stored, PAGE_TTL)
    local_copies.keep_page(local_key, stored)


class PublicPageCacheMiddleware:
    """Serve anonymous visitors from the page cache; staff (with a live session) always get fresh pages.

    The decision is taken before the session middleware runs, so public responses carry no
    `Vary: Cookie` and can be shared by every cache on the way. A conditional request answers 304 only
    for a page known to exist: one in the cache, or one just rendered with a 200.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_public_page_request(request):
            return self.get_response(request)
        request.get_host()  # a disallowed Host gets its 400 here, even for a page in the cache
        if settings.SESSION_COOKIE_NAME in request.COOKIES and _has_session(request):
            return _without_body_for_head(request, self._private(request))
        version, changed_at, site_identity = _current_row()
        identity.remember(request, site_identity)
        if version is None:
            return _without_body_for_head(request, self.get_response(request))
        return _without_body_for_head(request, self._public(request, version, changed_at))

    def _private(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-cache"
        return response

    def _public(self, request, version, changed_at):
        query_string = request.META.get("QUERY_STRING", "")
        selection = requested_selection(query_string)
        query = normalised_query(query_string, selection)
        key = _key(request.path_info, query)
        etag = quote_etag(f"{version}-{key[5:21]}")
        versioned_key = f"{key}:v{version}"
        # The time too: a database restored to an older version number must not meet this process's copies.
        local_key = f"{versioned_key}:{changed_at.timestamp()}"
        current = _not_modified(request, etag, changed_at)
        if current and (local_copies.page(local_key) is not None or cache.has_key(versioned_key)):
            return _add_validators(HttpResponseNotModified(), etag, changed_at)
        cached = _from_cache(versioned_key, local_key)
        if cached is not None:
            return cached

        response = self.get_response(request)
        if not _is_shareable(response):
            return response
        _add_validators(response, etag, changed_at)
        response["X-Cache"] = "MISS"
        # Searches are not stored: every query is a new key, and an indexed search renders quickly anyway.
        if request.method == "GET" and getattr(response, "page_query", "") == query and not selection.q:
            _store(versioned_key, local_key, response)
        return _add_validators(HttpResponseNotModified(), etag, changed_at) if current else response
