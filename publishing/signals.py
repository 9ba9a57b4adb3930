"""Content changes mark cached pages stale; each app lists its models in its own signals.py."""

from django.db.models.signals import m2m_changed, post_delete, post_save


def _content_changed(sender, **kwargs):
    from exercises.caching import bump_content_version  # here: caching imports the exercise models

    # m2m_changed fires before and after; one bump, after, is enough.
    if kwargs.get("action", "post_").startswith("post_"):
        bump_content_version()


def watch(*models, through=()):
    """Bump the content version whenever a row of these models is saved or deleted, or a link of these
    many-to-many `through` models changes."""
    for model in models:
        label = model._meta.label
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"content-save-{label}")
        post_delete.connect(_content_changed, sender=model, dispatch_uid=f"content-delete-{label}")
    for model in through:
        m2m_changed.connect(_content_changed, sender=model, dispatch_uid=f"content-m2m-{model._meta.label}")
