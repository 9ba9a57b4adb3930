"""Small security helpers that settings refer to by dotted path."""

from django.conf import settings


def client_ip(request):
    """The visitor's address; behind our TLS proxy, the one the proxy saw (the last X-Forwarded-For entry)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
