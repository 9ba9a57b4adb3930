"""Small security helpers that settings refer to by dotted path."""

from django.conf import settings
from django.http import HttpResponseBadRequest


def client_ip(request):
    """The visitor's address; behind our TLS proxy, the one the proxy saw (the last X-Forwarded-For entry)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


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
