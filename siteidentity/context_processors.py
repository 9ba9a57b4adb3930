from django.utils.functional import SimpleLazyObject

from . import identity


def site_identity(request):
    """`site` in every template: the identity in the current language, read only when a template uses it."""
    return {"site": SimpleLazyObject(lambda: identity.current(request))}
