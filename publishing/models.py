"""The abstract base of pages and workouts: language, translation key, draft/scheduled, old addresses."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exercises.rendering import render_markdown
from publisher import dependencies


def language_choices():
    # A callable, so changing SITE_LANGUAGES needs no migration.
    return settings.LANGUAGES


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


# The text a translation is made from: changing it puts translations out of date, and a translation still
# holding its source's is published only after a second yes (the admin form and the Publish action alike).
TEXT_FIELDS = ("title", "description", "body")


class Versioned(models.Model):
    """Versions for editors: a number every write bumps (the edit-conflict check compares it atomically), a
    number only text changes bump (so translations know when their source moved on), and, on a translation,
    the source it was made from."""

    edit_version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    content_version = models.PositiveIntegerField(default=1, editable=False)
    source_language = models.CharField(_("translated from"), max_length=8, blank=True, editable=False)
    # The source's content_version and text when this translation was made or last brought up to date.
    source_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    source_text = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        abstract = True

    def bump_edit_version(self, update_fields=None):
        """Count a write of an existing row; save() calls it, so every writer does."""
        if self._state.adding:
            return update_fields
        self.edit_version += 1
        return None if update_fields is None else {*update_fields, "edit_version"}

    def mark_content_changed(self):
        """The text changed: translations made from the earlier text are now out of date."""
        type(self)._default_manager.filter(pk=self.pk).update(content_version=F("content_version") + 1)
        self.refresh_from_db(fields=["content_version"])

    def translatable_text(self) -> dict:
        """The text a translator works from, field by field; types add their children's text."""
        return {name: getattr(self, name) for name in TEXT_FIELDS}

    def source(self):
        """The row this translation was made from, or None."""
        if not self.source_language:
            return None
        return (
            type(self)
            ._default_manager.filter(translation_key=self.translation_key, language=self.source_language)
            .first()
        )

    def record_source(self, source):
        """Remember `source`'s current text as what this translation is made from."""
        self.source_language = source.language
        self.source_version = source.content_version
        self.source_text = source.translatable_text()

    def is_untranslated(self):
        """A translation whose title, description and body are still exactly its source's."""
        source = self.source()
        return source is not None and still_source_text(lambda name: getattr(self, name), source)

    @property
    def is_out_of_date(self):
        return self.out_of_date_with(self.source())

    def out_of_date_with(self, source) -> bool:
        """Whether `source` (this translation's, read already) has changed since the translation was made."""
        return source is not None and self.source_version is not None and source.content_version > self.source_version


def still_source_text(value_of, source) -> bool:
    """Whether the text fields, as `value_of(name)` gives them, are still exactly `source`'s."""
    return all(value_of(name) == getattr(source, name) for name in TEXT_FIELDS)


def free_value(model, field, language, wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`…: the first value of `field` no row of `model` in `language` uses yet
    (the home page's empty path becomes `home-2`…)."""
    stem = wanted or "home"
    taken = set(
        model._default_manager.filter(language=language, **{f"{field}__startswith": wanted}).values_list(
            field, flat=True
        )
    )
    return first_free(wanted, taken.__contains__, stem)


def first_free(wanted: str, is_taken, stem: str = "") -> str:
    """`wanted`, or `stem-2`, `stem-3`… (`stem` is `wanted` unless given): the first one `is_taken` refuses."""
    stem = stem or wanted
    candidate, suffix = wanted, 2
    while is_taken(candidate):
        candidate, suffix = f"{stem}-{suffix}", suffix + 1
    return candidate


def one_per_language(rows) -> list:
    """The oldest row of each language: two rows of one language may share a translation key (an editor's
    slip, or an old site's), and a page must still list each language once."""
    first = {}
    for row in sorted(rows, key=lambda row: row.pk):
        first.setdefault(row.language, row)
    return list(first.values())


class DatedOnFirstPublication(models.Model):
    """`date` is the day an editor first published the row (saved it published, or published a draft): a real
    date. A row written from a file keeps the file's date, or none, so an export never invents one."""

    written_from_file = False  # importers that save() row by row set it on the rows they write

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        row = super().from_db(db, field_names, values)
        row._loaded_status = row.__dict__.get("status")  # None when the query deferred it
        return row

    def date_first_publication(self):
        """Called by save()."""
        if self.status == Status.PUBLISHED and self.date is None and self._becomes_published():
            self.date = self.publish_at

    def _becomes_published(self):
        """True when this save creates a published row or publishes a draft (not when it edits one)."""
        if self.written_from_file:
            return False
        return self._state.adding or getattr(self, "_loaded_status", None) == Status.DRAFT


class PublishableQuerySet(models.QuerySet):
    def with_translation_state(self):
        """Annotate `source_moved_on`: whether the row's source text changed after it was translated."""
        return self.annotate(source_moved_on=self._source_moved_on())

    def out_of_date(self, flag=True):
        """Translations whose source's text changed after they were made (flag=False: the others)."""
        rows = self.alias(source_is_newer=self._source_moved_on())
        return rows.filter(source_is_newer=True) if flag else rows.exclude(source_is_newer=True)

    def _source_moved_on(self):
        newer_source = self.model._default_manager.filter(
            translation_key=OuterRef("translation_key"),
            language=OuterRef("source_language"),
            content_version__gt=OuterRef("source_version"),
        )
        return Exists(newer_source)

    def published(self):
        """Rows a visitor may see: published, and not scheduled for later."""
        dependencies.record_public_set(self.model)
        return self.filter(status=Status.PUBLISHED, publish_at__lte=timezone.now())

    def in_language(self, language):
        return self.filter(language=language)

    def with_translations(self, language, **identity):
        """(The public row in `language` matching `identity`, its public versions in other languages), in one
        query; (None, []) when there is no such row."""
        # Not a list: it gains a member only when a translation of the found row is published (recorded below).
        with dependencies.narrowed():
            public = self.published()
            own = public.filter(language=language, **identity)
            rows = list(
                public.filter(Q(language=language, **identity) | Q(translation_key__in=own.values("translation_key")))
            )
        found = next(
            (
                row
                for row in rows
                if row.language == language and all(getattr(row, k) == v for k, v in identity.items())
            ),
            None,
        )
        if found is None:
            return None, []
        dependencies.record(dependencies.translations_key(self.model, found.translation_key))
        dependencies.record(dependencies.own_page_key(self.model, found.pk))
        return found, one_per_language(row for row in rows if row.language != language)


def public_translations(row) -> list:
    """The public versions of `row` in other languages. A saved page showing them is re-rendered when one is
    published or withdrawn (its translations key), not whenever any row of the type is."""
    with dependencies.narrowed(dependencies.translations_key(type(row), row.translation_key)):
        return one_per_language(row.translations().published().exclude(language=row.language))


class Publishable(DatedOnFirstPublication, Versioned):
    """A piece of content in one language, linked to its translations by `translation_key`."""

    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    translation_key = models.CharField(
        _("translation key"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("The same key links the language versions of one page, e.g. ‘about’."),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("One or two sentences for search results and cards.")
    )
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    body_html = models.TextField(editable=False, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    image_path = models.CharField(
        _("image"), max_length=255, blank=True, help_text=_("The image's path on the site, e.g. ‘/images/roll-up.jpg’.")
    )
    image_alt = models.CharField(_("image description"), max_length=250, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        help_text=_("Visible on the site from this moment; set a future date to schedule it."),
    )
    date = models.DateTimeField(_("first published"), null=True, blank=True)
    lastmod = models.DateTimeField(_("last content change"), null=True, blank=True)
    weight = models.IntegerField(_("weight"), default=0, help_text=_("Lower numbers sort first in lists."))
    url = models.CharField(
        _("custom URL"), max_length=255, blank=True, help_text=_("The address set by hand on the old site, if any.")
    )
    aliases = models.JSONField(
        _("old addresses"), default=list, blank=True, help_text=_("Earlier addresses that redirect here.")
    )
    extra = models.JSONField(
        _("extra front matter"),
        default=dict,
        blank=True,
        help_text=_("Front-matter keys this site does not use, kept so they are written back on export."),
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        self.date_first_publication()
        kwargs["update_fields"] = self.bump_edit_version(kwargs.get("update_fields"))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "translation_key", "date"}
        super().save(*args, **kwargs)

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.publish_at <= timezone.now()

    def identity_key(self) -> str:
        """What makes this row unique within its language (slug or path); the translation key defaults to it."""
        raise NotImplementedError

    def fill_derived_fields(self):
        """Set the fields computed from others. save() calls it; bulk writers, which skip save(), call it too."""
        self.body_html = render_markdown(self.body)
        if not self.translation_key:
            self.translation_key = self.identity_key()

    def translations(self):
        """The other language versions of this row."""
        return type(self).objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)

    def make_translation(self, language, title="", identity=""):
        """Copy this row into `language` as a draft linked by the translation key, under `title` and the slug
        or path `identity` (by default its own, made free), recording this row as its source."""
        if not self.translation_key:
            self.save(update_fields=["translation_key"])  # save() fills it from the slug or path
        field = self.identity_field()
        copy = type(self).objects.get(pk=self.pk)
        copy.pk = copy.id = None
        copy._state.adding = True
        copy.language, copy.status = language, Status.DRAFT
        copy.title = title or self.title
        copy.date = copy.lastmod = None
        copy.aliases, copy.url = [], ""
        copy.edit_version = copy.content_version = 1
        copy.record_source(self)
        setattr(copy, field, identity or self.free_identity(language, getattr(self, field)))
        copy.save()
        self.copy_children_to(copy)
        return copy

    @classmethod
    def identity_field(cls) -> str:
        """The field unique within a language (slug or path), read from the model's unique constraint."""
        for constraint in cls._meta.constraints:
            fields = getattr(constraint, "fields", ())
            if "language" in fields and len(fields) == 2:
                return next(name for name in fields if name != "language")
        raise LookupError(f"{cls.__name__} has no unique (language, slug) constraint")

    @classmethod
    def free_identity(cls, language, wanted: str) -> str:
        """`wanted`, or `wanted-2`, `wanted-3`… : the first value no row in `language` uses yet."""
        return free_value(cls, cls.identity_field(), language, wanted)

    def copy_children_to(self, copy):
        """Hook for make_translation: copy rows that belong to this one (a workout's items) onto `copy`."""


class OldAddress(models.Model):
    """An address the old site used; the public site redirects it (301) to the row it belongs to."""

    path = models.CharField(_("path"), max_length=500, unique=True)

    class Meta:
        abstract = True
        verbose_name = _("old URL")
        verbose_name_plural = _("old URLs")

    def __str__(self):
        return self.path
