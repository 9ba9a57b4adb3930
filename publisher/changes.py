"""Which dependency keys a content change touches, collected per transaction and handed to the queue on commit.

A change to a row's text (title, body, steps…) touches its row key only: the pages that showed the row.
A change that can move the row into or out of a list — created, deleted, published, scheduled, re-tagged,
moved to another language, section or slug, re-ordered, or a field a list counts by — also touches its
type's set key, its translations key and, for exercises, the related-exercise key of each of its tags.
A change the publisher cannot place (a watched model it does not know, a bulk import) re-publishes all.
"""

from django.db import transaction
from taggit.models import TagBase

from . import dependencies, jobs

EVERYTHING = "*"
# Fields only ever shown, never filtered, counted or sorted by on a published page: changing them
# re-renders the pages that showed the row, nothing else.
SHOWN_ONLY_FIELDS = {
    "title", "description", "body", "body_html", "author", "image", "image_path", "image_alt", "keywords",
    "video_id", "extra", "search_text", "updated", "created", "lastmod", "date", "aliases", "related_videos",
    "data_id", "data_file", "page_type",
}  # fmt: skip
# Editors' bookkeeping (edit conflicts, translation freshness): never on a published page.
EDITORIAL_FIELDS = {"edit_version", "content_version", "source_language", "source_version", "source_text"}
CONTENT_MODELS = ("exercises.exercise", "workouts.workout", "pages.page")
STORED = "_publisher_stored"
EXERCISE_SET = "set:exercises.exercise"


def content_models():
    from django.apps import apps

    return [apps.get_model(label) for label in CONTENT_MODELS]


def is_content(model) -> bool:
    return model._meta.label_lower in CONTENT_MODELS


def owner_field(model):
    """The foreign key of a row that belongs to a content row (a step to its exercise), if any."""
    for field in model._meta.fields:
        if field.many_to_one and is_content(field.related_model) and field.remote_field.on_delete.__name__ == "CASCADE":
            return field
    return None


def tag_field(model):
    for field in model._meta.fields:
        if field.many_to_one and issubclass(field.related_model, TagBase):
            return field
    return None


def _compared_fields(model):
    return [
        f.attname
        for f in model._meta.concrete_fields
        if f.name not in SHOWN_ONLY_FIELDS | EDITORIAL_FIELDS and not f.primary_key
    ]


def remember_stored(sender, instance, **kwargs):
    """pre_save: keep the stored values of the fields lists depend on, to compare after the save."""
    if jobs.is_enabled() and is_content(sender) and instance.pk is not None and not instance._state.adding:
        fields = _compared_fields(sender)
        setattr(instance, STORED, sender._default_manager.filter(pk=instance.pk).values(*fields).first())


def _moved(sender, instance) -> bool:
    stored = getattr(instance, STORED, None)
    if stored is None:
        return True
    return any(getattr(instance, name) != value for name, value in stored.items())


def _tag_links(model, pk):
    """(tag model, tag pk) of every tag link of a content row."""
    links = []
    for relation in model._meta.related_objects:
        link_model, tag = relation.related_model, tag_field(relation.related_model)
        if relation.one_to_many and tag is not None:
            rows = link_model._default_manager.filter(**{relation.field.attname: pk}).values_list(
                tag.attname, flat=True
            )
            links += [(tag.related_model, tag_pk) for tag_pk in rows]
    return links


def membership_keys(model, instance, tags=()) -> set[str]:
    """The keys of the lists a content row can join or leave, in its old and its new state."""
    stored = getattr(instance, STORED, None) or {}
    languages = {instance.language, stored.get("language", instance.language)}
    translation_keys = {instance.translation_key, stored.get("translation_key", instance.translation_key)}
    keys = {dependencies.set_key(model)}
    keys |= {dependencies.translations_key(model, key) for key in translation_keys if key}
    tags = {*tags, *(_tag_links(model, instance.pk) if instance.pk else ())}
    keys |= {dependencies.related_key(language, tag_model, pk) for language in languages for tag_model, pk in tags}
    if model._meta.label_lower == "pages.page":
        top_level = {"/" not in instance.path and not instance.section, "/" not in stored.get("path", "/")}
        if any(top_level):
            keys |= {dependencies.menu_key(language) for language in languages}
    return keys


def keys_for(sender, instance, *, created=False, deleted=False, action=None, pk_set=None, **kwargs) -> set[str]:
    """The dependency keys a change of `instance` (of model `sender`) touches."""
    if action is not None:  # a many-to-many change; `sender` is the link model
        tag = tag_field(sender)
        if is_content(type(instance)) and tag is not None:
            # At pre_clear pk_set is empty; membership_keys adds the links about to go.
            tags = [(tag.related_model, pk) for pk in pk_set or ()]
            return {dependencies.row_key(type(instance), instance.pk), *membership_keys(type(instance), instance, tags)}
        return {EVERYTHING}
    if is_content(sender):
        keys = {dependencies.row_key(sender, instance.pk)}
        if created or deleted or _moved(sender, instance):
            keys |= membership_keys(sender, instance)
        return keys
    if issubclass(sender, TagBase):  # a renamed tag: facet lists show its name, read as plain values
        return {dependencies.row_key(sender, instance.pk), EXERCISE_SET}
    owner = owner_field(sender)
    if owner is None:
        return {EVERYTHING}
    owner_model, owner_pk = owner.related_model, getattr(instance, owner.attname)
    keys = {dependencies.row_key(owner_model, owner_pk)}
    tag = tag_field(sender)
    if tag is not None:  # a tag link: the owner joins or leaves that tag's lists
        owner_row = owner_model._default_manager.filter(pk=owner_pk).first()
        keys.add(dependencies.set_key(owner_model))
        if owner_row is not None:
            keys |= membership_keys(owner_model, owner_row, [(tag.related_model, getattr(instance, tag.attname))])
    return keys


class _Batch:
    """The keys touched inside one transaction, handed to the queue once, when it commits."""

    def __init__(self, connection):
        self.connection = connection
        self.keys = set()

    def __call__(self):
        if getattr(self.connection, "publisher_batch", None) is self:
            self.connection.publisher_batch = None
        jobs.enqueue(sorted(self.keys))

    def is_pending(self) -> bool:
        return any(entry[1] is self for entry in self.connection.run_on_commit)


def note(keys):
    """Publish the pages depending on `keys` once the current transaction commits (at once outside one)."""
    if not jobs.is_enabled() or not keys:
        return
    connection = transaction.get_connection()
    batch = getattr(connection, "publisher_batch", None)
    if batch is None or not connection.in_atomic_block or not batch.is_pending():
        batch = _Batch(connection)
        batch.keys |= set(keys)
        if connection.in_atomic_block:
            connection.publisher_batch = batch
        transaction.on_commit(batch)
        return
    batch.keys |= set(keys)


def content_changed(sender, instance, **kwargs):
    if jobs.is_enabled():
        note(keys_for(sender, instance, **kwargs))


def images_changed(names):
    """Renditions were made for these stored images: re-render the pages that showed their exercises."""
    from exercises.models import Exercise

    if jobs.is_enabled():
        note(
            {
                dependencies.row_key(Exercise, pk)
                for pk in Exercise.objects.filter(image__in=names).values_list("pk", flat=True)
            }
        )


def after_bulk_write():
    """For writers that skip save() (imports): re-publish the whole site when the write commits."""
    note({EVERYTHING})
