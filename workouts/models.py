"""Workouts: an ordered routine of items, each linked to a library exercise when one matches."""

import reversion
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from exercises.models import Difficulty, Exercise
from exercises.youtube import VIDEO_ID
from publishing.models import OldAddress, Publishable, PublishableQuerySet


class Kind(models.TextChoices):
    WARM_UP = "warm-up", _("Warm-up")
    MAIN = "main", _("Main")
    COOL_DOWN = "cool-down", _("Cool-down")


class WorkoutQuerySet(PublishableQuerySet):
    def with_items(self):
        return self.prefetch_related(
            models.Prefetch("items", WorkoutItem.objects.select_related("exercise").order_by("order", "id"))
        )


class Workout(Publishable):
    slug = models.SlugField(
        _("slug"), max_length=200, allow_unicode=True, help_text=_("The last part of the page address.")
    )
    section = models.CharField(_("section"), max_length=500, blank=True, help_text=_("Its folder on the old site."))
    difficulty = models.CharField(_("difficulty"), max_length=12, choices=Difficulty.choices, blank=True)
    duration = models.PositiveIntegerField(
        _("stated duration (seconds)"),
        null=True,
        blank=True,
        help_text=_("As the old site stated it; the page shows the sum of the items' times."),
    )
    equipment = models.JSONField(_("equipment"), default=list, blank=True, help_text=_("e.g. ‘mat, ball’."))
    focus = models.JSONField(
        _("focus"), default=list, blank=True, help_text=_("Body focus, time, place or mood, e.g. ‘core, morning’.")
    )
    video_id = models.CharField(
        _("follow-along video"), max_length=11, blank=True, validators=[RegexValidator(VIDEO_ID)]
    )
    related_videos = models.JSONField(_("related videos"), default=list, blank=True)
    data_id = models.CharField(
        _("data record"),
        max_length=200,
        blank=True,
        help_text=_("The id of the Hugo data-file record its items came from, e.g. ‘10min-hip-opener’."),
    )
    data_file = models.CharField(_("data file"), max_length=200, blank=True)
    total_seconds = models.PositiveIntegerField(editable=False, default=0)

    objects = WorkoutQuerySet.as_manager()

    class Meta:
        verbose_name = _("workout")
        verbose_name_plural = _("workouts")
        ordering = ["weight", "-publish_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["language", "slug"], name="unique_workout_slug_per_language")]
        indexes = [models.Index(fields=["language", "status", "publish_at"], name="workout_public_idx")]

    def identity_key(self):
        return self.slug

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("workouts:detail", kwargs={"slug": self.slug})

    def refresh_total(self):
        """The total time from the items; items with only reps count as nothing."""
        total = self.items.aggregate(total=Sum("duration"))["total"] or 0
        type(self).objects.filter(pk=self.pk).update(total_seconds=total)
        self.total_seconds = total

    def translatable_text(self):
        text = super().translatable_text()
        for number, item in enumerate(self.items.all(), 1):
            text[f"item {number}"] = "\n".join([item.name, item.reps, *item.instructions]).strip()
        return text

    def copy_children_to(self, copy):
        items = list(self.items.all())
        for item in items:
            item.pk, item.workout = None, copy
        WorkoutItem.objects.bulk_create(items)


class WorkoutItem(models.Model):
    workout = models.ForeignKey(Workout, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField(_("order"), default=0)
    name = models.CharField(_("exercise name"), max_length=200)
    exercise = models.ForeignKey(
        Exercise,
        verbose_name=_("library exercise"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workout_items",
        help_text=_("Filled in on import when the name matches an exercise in the same language."),
    )
    kind = models.CharField(_("part"), max_length=10, choices=Kind.choices, default=Kind.MAIN)
    duration = models.PositiveIntegerField(_("seconds"), null=True, blank=True)
    reps = models.CharField(_("reps"), max_length=100, blank=True, help_text=_("e.g. ‘10 each side’."))
    instructions = models.JSONField(_("instructions"), default=list, blank=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["order", "id"]

    def __str__(self):
        return self.name


class WorkoutOldURL(OldAddress):
    """An address the old site used for a workout; the public site redirects it (301)."""

    workout = models.ForeignKey(Workout, on_delete=models.CASCADE, related_name="old_urls")


reversion.register(WorkoutItem)
reversion.register(WorkoutOldURL)
reversion.register(Workout, follow=["items", "old_urls"])
