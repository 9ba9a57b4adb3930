from django import forms
from django.contrib import admin, messages
from django.db import models
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from health.admin import HealthFilter
from publishing.admin import OldURLInline, PublicationFilter, PublishableAdmin, TranslationStateFilter

from . import media, taxonomy_admin
from .forms import ExerciseAdminForm, ModificationFormSet
from .models import FAQ, Exercise, Modification, OldURL, Step

admin.site.site_header = _("Exercise Library")
admin.site.site_title = _("Exercise Library")
admin.site.index_title = _("Content")


class StepInline(admin.TabularInline):
    model = Step
    extra = 1
    fields = ["order", "text"]
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 90})}}


class ModificationInline(admin.TabularInline):
    model = Modification
    fk_name = "exercise"
    formset = ModificationFormSet
    extra = 1
    fields = ["order", "name", "level", "description", "links_to"]
    autocomplete_fields = ["links_to"]
    formfield_overrides = {
        models.CharField: {"widget": forms.TextInput(attrs={"size": 20})},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})},
    }


class FAQInline(admin.StackedInline):
    model = FAQ
    extra = 1
    fields = ["order", "question", "answer"]
    formfield_overrides = {
        models.CharField: {"widget": forms.TextInput(attrs={"size": 80})},
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})},
    }


class ExerciseOldURLInline(OldURLInline):
    model = OldURL


@admin.register(Exercise)
class ExerciseAdmin(PublishableAdmin):
    form = ExerciseAdminForm
    inlines = [StepInline, ModificationInline, FAQInline, ExerciseOldURLInline]
    prepopulated_fields = {"slug": ["title"]}
    translate_template = "admin/exercises/exercise/translate.html"
    # Status and schedule first; rare things collapsed, so the form fits a 1366 px screen.
    fieldsets = [
        (
            _("Publishing"),
            {"fields": [("status", "publish_at"), "featured", "publish_untranslated", "loaded_version"]},
        ),
        (
            _("Content"),
            {"fields": ["title", ("slug", "language"), "description", ("difficulty", "duration"), "body"]},
        ),
        (_("Media"), {"fields": ["video_id", ("image", "image_alt"), "image_path"]}),
        (_("Taxonomy"), {"fields": ["muscles", "new_muscles", "equipment", "new_equipment"]}),
        (
            _("SEO and dates"),
            {
                "fields": ["keywords", "translation_key", "url", "weight", "author", ("date", "lastmod")],
                "classes": ["collapse"],
            },
        ),
        (_("Old addresses"), {"fields": ["aliases"], "classes": ["collapse"]}),
        (_("Other front matter"), {"fields": ["extra"], "classes": ["collapse"]}),
    ]
    list_display = [
        "title", "language", "difficulty", "publication", "translation_state", "publish_at", "lastmod", "thumbnail"
    ]  # fmt: skip
    list_filter = [
        PublicationFilter,
        TranslationStateFilter,
        "language",
        "difficulty",
        "featured",
        ("muscles", taxonomy_admin.TermListFilter),
        ("equipment", taxonomy_admin.TermListFilter),
        HealthFilter,
    ]
    search_fields = ["title", "description", "keywords"]

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

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        for warning in getattr(formset, "link_warnings", []):
            self.message_user(request, warning, messages.WARNING)

    @admin.display(description=_("image"))
    def thumbnail(self, exercise):
        if not exercise.image:
            return ""
        return format_html('<img src="{}" alt="" width="64" height="48" style="object-fit:cover">', exercise.image.url)

    def preview_response(self, request, exercise):
        from .detail import detail_context

        context = {**detail_context(request, exercise), "preview": True}
        return TemplateResponse(request, "exercises/detail.html", context)
