"""Content changes mark cached pages stale; each app lists its models in its own signals.py.

Every change is also announced as `content_changed` (and `content_changing` just before a save), so the
publisher can re-render the pages that showed the changed rows without this app knowing about it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import Signal

# Sent with the model signal's own arguments (instance, created, action, pk_set…) plus `deleted`.
content_changing = Signal()
content_changed = Signal()


def _content_changed(sender, **kwargs):
    from exercises.caching import bump_content_version  # here: caching imports the exercise models

    # m2m_changed fires before and after; one bump, after, is enough (the publisher wants pre_clear's links).
    action = kwargs.get("action", "post_")
    if action.startswith("post_"):
        bump_content_version()
    if action.startswith("post_") or action == "pre_clear":
        kwargs.pop("signal", None)
        content_changed.send(sender, **kwargs)


def _content_deleted(sender, **kwargs):
    _content_changed(sender, deleted=True, **kwargs)


def _content_changing(sender, **kwargs):
    kwargs.pop("signal", None)
    content_changing.send(sender, **kwargs)


def watch(*models, through=()):
    """Bump the content version whenever a row of these models is saved or deleted, or a link of these
    many-to-many `through` models changes."""
    for model in models:
        label = model._meta.label
        pre_save.connect(_content_changing, sender=model, dispatch_uid=f"content-presave-{label}")
        post_save.connect(_content_changed, sender=model, dispatch_uid=f"content-save-{label}")
        post_delete.connect(_content_deleted, sender=model, dispatch_uid=f"content-delete-{label}")
    for model in through:
        m2m_changed.connect(_content_changed, sender=model, dispatch_uid=f"content-m2m-{model._meta.label}")
