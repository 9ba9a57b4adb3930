"""Checks the app server runs before it accepts a request."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def require_secret_key():
    """Refuse to serve without DJANGO_SECRET_KEY: sessions and CSRF tokens would be forgeable."""
    try:
        has_key = bool(settings.SECRET_KEY)
    except ImproperlyConfigured:  # Django's own complaint about an empty key
        has_key = False
    if not has_key:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random string in production, "
            "or set DJANGO_DEBUG=1 for local development."
        )
