"""Content changes mark cached pages stale; each app lists its models in its own signals.py."""

from django.db.models.signals import post_delete, post_save

from exercises.caching import bump_content_version


def _content_changed(sender, **kwargs):
    bump_content_version()


def watch(*models):
    """Bump the content version whenever a row of these models is saved or deleted."""
    for model in models:
        label = model._meta.label
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"content-save-{label}")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"content-delete-{label}")
