from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from . import media
from .forms import ExerciseAdminForm, TranslationForm
from .models import FAQ, Equipment, Exercise, Modification, Muscle, OldURL, Status, Step

admin.site.site_header = _("Exercise Library")
admin.site.site_title = _("Exercise Library")
admin.site.index_title = _("Content")


class StepInline(admin.TabularInline):
    model = Step
    extra = 1
    fields = ["order", "text"]


class ModificationInline(admin.TabularInline):
    model = Modification
    extra = 1
    fields = ["order", "name", "level", "description"]


class FAQInline(admin.StackedInline):
    model = FAQ
    extra = 1
    fields = ["order", "question", "answer"]


class OldURLInline(admin.TabularInline):
    model = OldURL
    extra = 0
    fields = ["path"]
    verbose_name_plural = _("old addresses that redirect here")


@admin.register(Exercise)
class ExerciseAdmin(VersionAdmin):
    form = ExerciseAdminForm
    inlines = [StepInline, ModificationInline, FAQInline, OldURLInline]
    prepopulated_fields = {"slug": ["title"]}
    save_on_top = True
    fieldsets = [
        (_("Content"), {"fields": ["title", "slug", "language", "description", "difficulty", "duration", "body"]}),
        (_("Media"), {"fields": ["video_id", "image", "image_alt", "image_path"]}),
        (_("Taxonomy"), {"fields": ["muscles", "equipment"]}),
        (_("SEO"), {"fields": ["keywords", "translation_key", "url", "aliases", "weight"], "classes": ["collapse"]}),
        (_("Publishing"), {"fields": ["status", "publish_at", "author", "date", "lastmod", "loaded_version"]}),
        (_("Other front matter"), {"fields": ["extra"], "classes": ["collapse"]}),
    ]
    list_display = ["title", "language", "difficulty", "status", "publish_at", "lastmod", "thumbnail"]
    list_filter = ["status", "language", "difficulty", "muscles", "equipment"]
    search_fields = ["title", "description", "keywords"]
    date_hierarchy = "publish_at"
    actions = ["publish", "unpublish"]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("muscles", "equipment")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A save that fails after the image was written rolls the row back; the file must go as well.
        with media.delete_new_files_on_error():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        try:
            super().save_model(request, obj, form, change)
        finally:
            # _committed: the upload is in storage, even when the row's own save then failed.
            if "image" in form.changed_data and obj.image and obj.image._committed:
                media.written(obj.image.name)

    @admin.display(description=_("image"))
    def thumbnail(self, exercise):
        if not exercise.image:
            return ""
        return format_html('<img src="{}" alt="" width="64" height="48" style="object-fit:cover">', exercise.image.url)

    def view_on_site(self, exercise):
        if exercise.is_public:
            return exercise.get_absolute_url()
        return reverse("admin:exercises_exercise_preview", args=[exercise.pk])

    def _set_status(self, request, queryset, status):
        # Save one by one so each change gets its revision and the derived fields stay right.
        with transaction.atomic():
            exercises = list(queryset.select_for_update())
            for exercise in exercises:
                exercise.status = status
                exercise.save(update_fields=["status"])
        return len(exercises)

    @admin.action(description=_("Publish selected exercises"), permissions=["change"])
    def publish(self, request, queryset):
        count = self._set_status(request, queryset, Status.PUBLISHED)
        self.message_user(
            request, ngettext("%d exercise published.", "%d exercises published.", count) % count, messages.SUCCESS
        )

    @admin.action(description=_("Unpublish selected exercises (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self._set_status(request, queryset, Status.DRAFT)
        self.message_user(
            request, ngettext("%d exercise unpublished.", "%d exercises unpublished.", count) % count, messages.SUCCESS
        )

    def get_urls(self):
        return [
            path(
                "<int:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="exercises_exercise_preview",
            ),
            path(
                "<int:object_id>/translate/",
                self.admin_site.admin_view(self.translate_view),
                name="exercises_exercise_translate",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id):
        """The public page as visitors will see it, for drafts and scheduled exercises too."""
        exercise = get_object_or_404(Exercise, pk=object_id)
        if not self.has_view_permission(request, exercise):
            raise PermissionDenied
        from .views import detail_context

        context = {**detail_context(request, exercise), "preview": True}
        return TemplateResponse(request, "exercises/detail.html", context)

    def translate_view(self, request, object_id):
        exercise = get_object_or_404(Exercise, pk=object_id)
        if not (self.has_add_permission(request) and self.has_view_permission(request, exercise)):
            raise PermissionDenied
        form = TranslationForm(request.POST or None, exercise=exercise)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic(), self.create_revision(request):
                copy = exercise.make_translation(form.cleaned_data["language"])
                self.log_addition(request, copy, [{"added": {}}])
            self.message_user(
                request,
                _("Draft translation created. Translate the text, then publish it."),
                messages.SUCCESS,
            )
            return redirect("admin:exercises_exercise_change", copy.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Add translation of “%(title)s”") % {"title": exercise.title},
            "exercise": exercise,
            "form": form,
            "opts": self.model._meta,
        }
        return render(request, "admin/exercises/exercise/translate.html", context)


@admin.register(Muscle, Equipment)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "exercise_count"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(exercise_count=Count("exercise_links"))

    @admin.display(description=_("exercises"), ordering="exercise_count")
    def exercise_count(self, tag):
        return tag.exercise_count
