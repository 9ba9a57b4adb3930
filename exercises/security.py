"""Small security helpers that settings refer to by dotted path."""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpResponseBadRequest


def client_ip(request):
    """The visitor's address: the one the outermost of our TRUSTED_PROXIES saw, else REMOTE_ADDR.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so the
    N-th entry from the right is the one our outermost proxy saw; entries left of it are whatever the
    client sent and prove nothing. A header too short or not an address falls back to REMOTE_ADDR.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if proxies < 1:
        return remote_addr
    entries = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(entries) < proxies:
        return remote_addr
    candidate = entries[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


class LoginAttemptHandler(AxesDatabaseHandler):
    """django-axes' database handler with a failure limit of its own for each lockout parameter.

    axes compares the largest count among AXES_LOCKOUT_PARAMETERS with one AXES_FAILURE_LIMIT; this
    scales each count to that limit, so a count reaches it exactly when it reaches its own limit
    (settings.LOGIN_LOCKOUTS).
    """

    def get_failures(self, request, credentials=None) -> int:
        common_limit = settings.AXES_FAILURE_LIMIT
        limits = [limit for _, limit in settings.LOGIN_LOCKOUTS]
        counts = [
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        return max(count * common_limit // limit for count, limit in zip(counts, limits, strict=True))


class RejectNullBytesMiddleware:
    """Answer 400 to a path containing a NUL character.

    No address of this site contains one, and PostgreSQL refuses NUL in text, so such a path would
    otherwise reach a query (a slug or old-URL lookup) and fail there with a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseBadRequest(
                "Bad request: the address contains a NUL character.", content_type="text/plain"
            )
        return self.get_response(request)
