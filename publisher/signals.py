"""The publisher's receivers, connected in PublisherConfig.ready()."""

from django.apps import apps
from django.db.models.signals import post_init

from publishing.signals import content_changed, content_changing

from . import changes, dependencies

# Rows a page can show: content, and the tags listed on it.
SHOWN_MODELS = (*changes.CONTENT_MODELS, "exercises.muscle", "exercises.equipment")


def connect():
    for label in SHOWN_MODELS:
        post_init.connect(dependencies.record_instance, sender=apps.get_model(label), dispatch_uid=f"publisher-{label}")
    content_changing.connect(changes.remember_stored, dispatch_uid="publisher-changing")
    content_changed.connect(changes.content_changed, dispatch_uid="publisher-changed")
