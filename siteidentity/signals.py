"""A change to the identity rebuilds its snapshot and marks every cached page stale."""

from django.db.models.signals import post_delete, post_save

from publishing.signals import watch


def _identity_changed(sender, raw=False, **kwargs):
    from . import identity

    if not raw:
        identity.refresh_snapshot()


def connect():
    from .models import SiteIdentity, SiteLink, SiteText

    models = (SiteIdentity, SiteText, SiteLink)
    for model in models:
        label = model._meta.label
        post_save.connect(_identity_changed, sender=model, dispatch_uid=f"identity-save-{label}")
        post_delete.connect(_identity_changed, sender=model, dispatch_uid=f"identity-delete-{label}")
    watch(*models)
