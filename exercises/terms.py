"""The taxonomy's models: muscles and equipment as concepts with a name per language.

A concept (MuscleConcept, EquipmentConcept) is the thing itself, the same in every language: "the glutes".
A term (Muscle, Equipment) is its name in one language, "Glutes" or "Glúteos", and is the taggit tag that
exercises of that language link to. So facets, chips and landing pages of a language only ever meet that
language's names, and a page links to its other languages through the concept.
"""

from django.apps import apps
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from taggit.models import TagBase, TaggedItemBase

from publishing.models import language_choices


class BodyRegion(models.TextChoices):
    """Where a muscle sits, for the body map; front and back views draw the regions they show."""

    NECK = "neck", _("Neck")
    SHOULDERS = "shoulders", _("Shoulders")
    CHEST = "chest", _("Chest")
    ARMS = "arms", _("Arms")
    ABS = "abs", _("Abdominals")
    OBLIQUES = "obliques", _("Obliques")
    UPPER_BACK = "upper-back", _("Upper back")
    LOWER_BACK = "lower-back", _("Lower back")
    HIPS = "hips", _("Hips")
    GLUTES = "glutes", _("Glutes")
    FRONT_THIGHS = "front-thighs", _("Front of the thighs")
    BACK_THIGHS = "back-thighs", _("Back of the thighs")
    INNER_THIGHS = "inner-thighs", _("Inner thighs")
    OUTER_THIGHS = "outer-thighs", _("Outer thighs")
    CALVES = "calves", _("Calves")
    FEET = "feet", _("Feet")
    WHOLE_BODY = "whole-body", _("Whole body")


class Concept(models.Model):
    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        allow_unicode=True,
        help_text=_("A stable identifier, the same in every language, e.g. ‘glutes’ (the vocabulary file's key)."),
    )

    class Meta:
        abstract = True
        ordering = ["key"]

    def __str__(self):
        return self.key


class MuscleConcept(Concept):
    region = models.CharField(_("body region"), max_length=16, choices=BodyRegion.choices, blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name=_("group"),
        help_text=_("The muscle group this muscle belongs to, e.g. glutes for the gluteus medius."),
    )

    class Meta(Concept.Meta):
        verbose_name = _("muscle concept")
        verbose_name_plural = _("muscle concepts")


class EquipmentConcept(Concept):
    class Meta(Concept.Meta):
        verbose_name = _("equipment concept")
        verbose_name_plural = _("equipment concepts")


class TermQuerySet(models.QuerySet):
    def with_public_exercises(self, concept_id=None):
        """Terms some published exercise links to (of one concept, when given)."""
        links = self.model._meta.get_field("exercise_links").related_model
        public = apps.get_model("exercises", "Exercise").objects.published()
        used = Exists(links.objects.filter(tag=OuterRef("pk"), content_object__in=public.values("pk")))
        terms = self.filter(used)
        return terms if concept_id is None else terms.filter(concept_id=concept_id)


class Term(TagBase):
    # Not unique on their own as in taggit: "Core" may name a concept in English and in Spanish.
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=True)
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    synonyms = models.JSONField(
        _("other spellings"),
        default=list,
        blank=True,
        help_text=_(
            "Other names and old spellings in this language; imports map them here and their old "
            "addresses redirect here."
        ),
    )
    description = models.TextField(_("description"), blank=True)

    url_name = ""  # the landing page's URL name, set by each kind

    objects = TermQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["language", "slug"], name="%(class)s_unique_slug_per_language"),
            models.UniqueConstraint(fields=["concept", "language"], name="%(class)s_one_name_per_language"),
        ]

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse(self.url_name, kwargs={"slug": self.slug})

    def translations(self):
        """This concept's names in the other languages."""
        return type(self).objects.filter(concept_id=self.concept_id).exclude(pk=self.pk)


class Muscle(Term):
    concept = models.ForeignKey(MuscleConcept, on_delete=models.PROTECT, related_name="terms")
    url_name = "exercises:muscle"

    class Meta(Term.Meta):
        verbose_name = _("muscle")
        verbose_name_plural = _("muscles")


class Equipment(Term):
    concept = models.ForeignKey(EquipmentConcept, on_delete=models.PROTECT, related_name="terms")
    url_name = "exercises:equipment"

    class Meta(Term.Meta):
        verbose_name = _("equipment")
        verbose_name_plural = _("equipment")


class TaggedMuscle(TaggedItemBase):
    content_object = models.ForeignKey("Exercise", on_delete=models.CASCADE, related_name="muscle_links")
    # Indexed by the (tag, exercise) index below.
    tag = models.ForeignKey(Muscle, on_delete=models.CASCADE, related_name="exercise_links", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_muscle_per_exercise")]
        # Tag first: related exercises and facet counts read tag → exercises from the index alone.
        indexes = [models.Index(fields=["tag", "content_object"], name="muscle_link_by_tag_idx")]


class TaggedEquipment(TaggedItemBase):
    content_object = models.ForeignKey("Exercise", on_delete=models.CASCADE, related_name="equipment_links")
    # Indexed by the (tag, exercise) index below.
    tag = models.ForeignKey(Equipment, on_delete=models.CASCADE, related_name="exercise_links", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_object", "tag"], name="unique_equipment_per_exercise")]
        # Tag first: related exercises and facet counts read tag → exercises from the index alone.
        indexes = [models.Index(fields=["tag", "content_object"], name="equipment_link_by_tag_idx")]
