import reversion
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager

from publishing.models import (
    DatedOnFirstPublication,
    OldAddress,
    PublishableQuerySet,
    Status,
    Versioned,
    free_value,
    language_choices,
)

from .bodymap import muscles_annotation
from .content.sections import STEPS_MARKER
from .rendering import render_markdown
from .tags import SlugTaggableManager
from .terms import (  # noqa: F401 (the taxonomy's models are this app's models)
    BodyRegion,
    Equipment,
    EquipmentConcept,
    Muscle,
    MuscleConcept,
    TaggedEquipment,
    TaggedMuscle,
)
from .youtube import VIDEO_ID


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", _("Beginner")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class Level(models.TextChoices):
    EASIER = "easier", _("Easier")
    HARDER = "harder", _("Harder")


class ExerciseQuerySet(PublishableQuerySet):
    """The publication rules every content type shares; exercise-only queries go here."""

    def featured(self):
        """The exercises editors chose for the home page, in their chosen order (weight), then by title."""
        return self.filter(featured=True).order_by("weight", "title")

    def with_body_map(self):
        """Each row with its muscles and their body regions, read in the same query (for cards' body maps)."""
        return self.annotate(body_map_muscles=muscles_annotation())


class Exercise(DatedOnFirstPublication, Versioned):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        allow_unicode=True,
        help_text=_("The last part of the page address, e.g. ‘prone-leg-lift’. Unique within a language."),
    )
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    translation_key = models.CharField(
        _("translation key"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("The same key links the language versions of one exercise, e.g. ‘prone-leg-lift’."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("One or two sentences shown in search results and on cards (about 150 characters)."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_("Markdown. Use ‘## Benefits’, ‘## Common Mistakes to Avoid’ … for sections."),
    )
    body_html = models.TextField(editable=False, blank=True)
    difficulty = models.CharField(
        _("difficulty"), max_length=12, choices=Difficulty.choices, default=Difficulty.BEGINNER
    )
    duration = models.PositiveIntegerField(
        _("duration (seconds)"), null=True, blank=True, help_text=_("How long the exercise takes, e.g. 60.")
    )
    video_id = models.CharField(
        _("YouTube video"),
        max_length=11,
        blank=True,
        validators=[RegexValidator(VIDEO_ID, _("A YouTube video id has 11 letters, digits, - or _."))],
        help_text=_("Paste the YouTube address (watch, youtu.be, embed or shorts link) or the 11-character id."),
    )
    image = models.ImageField(_("image"), upload_to="exercises/%Y/%m/", blank=True, max_length=255)
    image_path = models.CharField(
        _("original image path"),
        max_length=255,
        blank=True,
        help_text=_("The image's path on the old site, kept when the file itself could not be imported."),
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required with an image."),
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    keywords = models.JSONField(
        _("keywords"),
        default=list,
        blank=True,
        help_text=_("Search phrases, comma-separated, e.g. ‘leg lift, glutes’."),
    )
    muscles = TaggableManager(
        verbose_name=_("muscles"),
        through=TaggedMuscle,
        manager=SlugTaggableManager,
        blank=True,
        related_name="exercises",
        help_text=_("Comma-separated, e.g. ‘glutes, hamstrings’."),
    )
    equipment = TaggableManager(
        verbose_name=_("equipment"),
        through=TaggedEquipment,
        manager=SlugTaggableManager,
        blank=True,
        related_name="exercises",
        help_text=_("Comma-separated, e.g. ‘mat, ankle weights’. Leave empty if none is needed."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish date"),
        default=timezone.now,
        help_text=_("A published exercise appears on the site from this moment; set a future date to schedule it."),
    )
    date = models.DateTimeField(_("first published"), null=True, blank=True)
    lastmod = models.DateTimeField(_("last content change"), null=True, blank=True)
    url = models.CharField(
        _("custom URL"),
        max_length=255,
        blank=True,
        help_text=_("The page's address on the old Hugo site when it was set by hand, e.g. ‘/pilates/the-hundred/’."),
    )
    section = models.CharField(
        _("section"),
        max_length=500,
        blank=True,
        db_index=True,
        help_text=_("Its folder on the old site, e.g. ‘exercises/mat’; the section's page lists it."),
    )
    aliases = models.JSONField(
        _("old addresses"), default=list, blank=True, help_text=_("Earlier addresses that redirect here.")
    )
    weight = models.IntegerField(_("weight"), default=0, help_text=_("Lower numbers sort first in Hugo lists."))
    featured = models.BooleanField(
        _("featured"), default=False, db_index=True, help_text=_("Shown under “Featured exercises” on the home page.")
    )
    extra = models.JSONField(
        _("extra front matter"),
        default=dict,
        blank=True,
        help_text=_("Front-matter keys this site does not use, kept so they are written back on export."),
    )
    # Normalised title, description, keywords, steps and tag names, kept current by search.refresh_search_text.
    search_text = models.TextField(editable=False, blank=True, default="")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        ordering = ["-publish_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["language", "slug"], name="unique_slug_per_language")]
        indexes = [
            # Public lists, in publish order (the index's own order, so no sort).
            models.Index(fields=["language", "status", "publish_at"], name="exercise_public_idx"),
            # Difficulty and duration facet counts read this index instead of the (wide) rows.
            models.Index(
                fields=["language", "status", "publish_at", "difficulty", "duration"], name="exercise_facet_counts_idx"
            ),
            # The home page's few featured exercises, without reading every public one.
            models.Index(
                fields=["language", "status", "publish_at"], condition=Q(featured=True), name="exercise_featured_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        self.date_first_publication()
        kwargs["update_fields"] = self.bump_edit_version(kwargs.get("update_fields"))
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html", "translation_key", "date"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("exercises:detail", kwargs={"slug": self.slug})

    def translatable_text(self):
        text = super().translatable_text()
        for number, step in enumerate(self.steps.all(), 1):
            text[f"step {number}"] = step.text
        for number, modification in enumerate(self.modifications.all(), 1):
            text[f"modification {number}"] = f"{modification.name}: {modification.description}"
        for number, faq in enumerate(self.faqs.all(), 1):
            text[f"FAQ {number}"] = f"{faq.question}\n{faq.answer}"
        return text

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Describe the image for people who cannot see it.")})
        if not isinstance(self.keywords, list) or not all(isinstance(k, str) for k in self.keywords):
            raise ValidationError({"keywords": _("Keywords must be a list of text values.")})
        if not isinstance(self.extra, dict):
            raise ValidationError({"extra": _("Extra front matter must be a JSON object.")})

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED and self.publish_at <= timezone.now()

    def fill_derived_fields(self):
        """Set the fields computed from others. save() calls it; bulk writers, which skip save(), call it too."""
        # Text written before the steps stays before them: each part is rendered alone, the marker kept between.
        before, marker, after = self.body.partition(STEPS_MARKER)
        self.body_html = render_markdown(before) + (marker + render_markdown(after) if marker else "")
        if not self.translation_key:
            self.translation_key = self.slug

    def body_around_steps(self) -> tuple[str, str]:
        """(HTML shown before the steps, HTML shown after them): the body's text before STEPS_MARKER comes
        first, else its introduction before the first section heading."""
        before, marker, after = self.body_html.partition(STEPS_MARKER)
        if marker:
            return before, after
        # No marker: the introduction (the text before the first section heading) leads, as readers expect.
        intro, heading, rest = self.body_html.partition("<h2")
        return (intro, heading + rest) if heading and intro.strip() else ("", self.body_html)

    def translations(self):
        """The other language versions of this exercise."""
        return Exercise.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)

    def make_translation(self, language, title="", slug=""):
        """Copy this exercise, its steps, modifications, FAQs and tags into `language` as a linked draft
        titled `title` at `slug` (by default its own, made free), recording this exercise as its source."""
        if not self.translation_key:
            self.translation_key = self.slug
            self.save(update_fields=["translation_key"])
        slug = slug or free_value(Exercise, "slug", language, self.slug)
        copy = Exercise.objects.get(pk=self.pk)
        copy.pk = None
        copy._state.adding = True
        copy.language, copy.slug, copy.status = language, slug, Status.DRAFT
        copy.title = title or self.title
        copy.date = copy.lastmod = None
        copy.aliases, copy.url = [], ""
        copy.edit_version = copy.content_version = 1
        copy.record_source(self)
        copy.save()
        for related in (self.steps, self.modifications, self.faqs):
            model = related.model
            rows = list(related.all())
            for row in rows:
                row.pk, row.exercise = None, copy
                if model is Modification and row.links_to_id:
                    row.links_to = row.links_to.translations().filter(language=language).first()
            model.objects.bulk_create(rows)
        # Tags become the same concepts' names in the new language, muscles in their listed order (main first).
        from .taxonomy import translated_terms

        muscles = self.muscles.select_related("concept").order_by("exercise_links__id")
        copy.muscles.set(list(translated_terms(muscles, language)))
        copy.equipment.set(list(translated_terms(self.equipment.select_related("concept"), language)))
        return copy


class OrderedChild(models.Model):
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "id"]


class Step(OrderedChild):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="steps")
    text = models.TextField(_("text"))

    class Meta(OrderedChild.Meta):
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return self.text[:80]


class FoundBy(models.TextChoices):
    """Who linked a modification to its exercise: the importer's links are found again on every import."""

    HAND = "", _("an editor or the file")
    NAME = "name", _("the importer, by the modification's name")
    SLUG = "slug", _("the importer, by the two exercises' slugs")


class ModificationQuerySet(models.QuerySet):
    def touching(self, exercise):
        """The exercise's modifications and those of other exercises that link to it, with both ends read
        in the same query: what its page needs for the modifications and the progression ladder."""
        return (
            self.filter(Q(exercise=exercise) | Q(links_to=exercise))
            .select_related("exercise", "links_to")
            .order_by("order", "id")
        )


class Modification(OrderedChild):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="modifications")
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    description = models.TextField(_("description"), blank=True)
    links_to = models.ForeignKey(
        Exercise,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="linked_from",
        verbose_name=_("exercise"),
        help_text=_("The exercise this modification is, in the same language: its easier or harder version."),
    )
    found_by = models.CharField(
        _("linked by"), max_length=4, choices=FoundBy.choices, default=FoundBy.HAND, blank=True, editable=False
    )

    objects = ModificationQuerySet.as_manager()

    class Meta(OrderedChild.Meta):
        verbose_name = _("modification")
        verbose_name_plural = _("modifications")

    def __str__(self):
        return self.name


class FAQ(OrderedChild):
    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))

    class Meta(OrderedChild.Meta):
        verbose_name = _("FAQ")
        verbose_name_plural = _("FAQs")

    def __str__(self):
        return self.question


class OldURL(OldAddress):
    """An address the old site used for an exercise; the public site redirects it (301)."""

    exercise = models.ForeignKey(Exercise, on_delete=models.CASCADE, related_name="old_urls")


class ContentVersion(models.Model):
    """One row: a number bumped by every content change, so cached pages know when they are stale.

    It lives in the database so that every app server sees the same value, and so a bump inside an
    import's transaction takes effect exactly when the import commits.
    """

    version = models.BigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)
    # The next moment a scheduled exercise goes public: the content changes then without any save.
    next_change_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"content version {self.version}"


# Revision history: an exercise's revision holds its steps, modifications, FAQs and tag links, so a revert
# restores them together (and removes rows added since).
for child in (Step, Modification, FAQ, TaggedMuscle, TaggedEquipment, OldURL):
    reversion.register(child)
# Terms and concepts: a merge saves their state first, so it can be reverted from the term's history.
for taxonomy_model in (Muscle, Equipment, MuscleConcept, EquipmentConcept):
    reversion.register(taxonomy_model)
reversion.register(
    Exercise,
    exclude=["muscles", "equipment"],
    follow=["steps", "modifications", "faqs", "muscle_links", "equipment_links", "old_urls"],
)
