from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from publishing.admin import OldURLInline, PublicationFilter, PublishableAdmin, TranslationStateFilter

from . import views
from .forms import WorkoutAdminForm, WorkoutItemForm
from .models import Workout, WorkoutItem, WorkoutOldURL


class WorkoutItemInline(admin.TabularInline):
    model = WorkoutItem
    form = WorkoutItemForm
    extra = 1
    autocomplete_fields = ["exercise"]
    verbose_name_plural = _("items, in order")


class WorkoutOldURLInline(OldURLInline):
    model = WorkoutOldURL


@admin.register(Workout)
class WorkoutAdmin(PublishableAdmin):
    form = WorkoutAdminForm
    inlines = [WorkoutItemInline, WorkoutOldURLInline]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (_("Publishing"), {"fields": [("status", "publish_at"), "publish_untranslated", "loaded_version"]}),
        (
            _("Content"),
            {"fields": ["title", ("slug", "language"), "description", ("difficulty", "duration"), "body"]},
        ),
        (_("Media"), {"fields": ["video_id", "related_videos", ("image_path", "image_alt")]}),
        (_("Taxonomy"), {"fields": ["equipment", "focus"]}),
        (
            _("Old site and translations"),
            {
                "fields": [
                    "translation_key",
                    "section",
                    "data_id",
                    "data_file",
                    "url",
                    "aliases",
                    "weight",
                    "author",
                    ("date", "lastmod"),
                    "extra",
                ],  # fmt: skip
                "classes": ["collapse"],
            },
        ),
    ]
    list_display = ["title", "language", "difficulty", "publication", "translation_state", "publish_at", "lastmod"]
    list_filter = [PublicationFilter, TranslationStateFilter, "difficulty", "language"]
    search_fields = ["title", "slug", "description"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_total()

    def preview_response(self, request, workout):
        workout = Workout.objects.with_items().get(pk=workout.pk)
        with translation.override(workout.language):
            context = {**views.detail_context(request, workout), "preview": True}
            return TemplateResponse(request, "workouts/detail.html", context).render()
