"""What the admins of every content type share: history, revert and comparison, publish actions, preview, add
translation, the out-of-date mark, drag-and-drop order, Markdown preview and old addresses that redirect."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from exercises.content.tree import normalise_path
from exercises.rendering import render_markdown

from . import history
from .forms import OldAddressForm, TranslationForm
from .models import Status

PUBLICATION_FIELDS = ["status", "publish_at", "date"]


class OldURLInline(admin.TabularInline):
    """The old addresses of a row; subclasses set `model`."""

    form = OldAddressForm
    extra = 0
    fields = ["path"]
    classes = ["collapse"]
    verbose_name_plural = _("old addresses that redirect here")


class PublicationFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "publication"

    def lookups(self, request, model_admin):
        return [("draft", _("Draft")), ("scheduled", _("Scheduled")), ("published", _("Published"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        match self.value():
            case "draft":
                return queryset.exclude(status=Status.PUBLISHED)
            case "scheduled":
                return queryset.filter(status=Status.PUBLISHED, publish_at__gt=now)
            case "published":
                return queryset.filter(status=Status.PUBLISHED, publish_at__lte=now)
        return queryset


class TranslationStateFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("out_of_date", _("Out of date")), ("up_to_date", _("Up to date")), ("original", _("Original"))]

    def queryset(self, request, queryset):
        match self.value():
            case "out_of_date":
                return queryset.out_of_date()
            case "up_to_date":
                return queryset.exclude(source_language="").out_of_date(False)
            case "original":
                return queryset.filter(source_language="")
        return queryset


class PublishableAdmin(VersionAdmin):
    """A VersionAdmin for a Publishable model; subclasses say how a draft is previewed (`preview_response`)."""

    change_form_template = "admin/publishing/change_form.html"
    object_history_template = "admin/publishing/object_history.html"
    revision_form_template = "admin/publishing/revision_form.html"
    translate_template = "admin/publishing/translate.html"
    save_on_top = True
    actions = ["publish", "unpublish"]
    date_hierarchy = "publish_at"
    list_per_page = 50

    class Media:
        # Drag-and-drop order for every inline with an order column, and the Markdown preview of the body.
        js = ["publishing/admin/reorder.js", "publishing/admin/preview.js"]
        css = {"all": ["publishing/admin/editor.css"]}

    def url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def view_on_site(self, obj):
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse(f"admin:{self.url_name('preview')}", args=[obj.pk])

    # The changelist

    @admin.display(description=_("status"), ordering="status")
    def publication(self, obj):
        """Draft, Scheduled (with its date) or Published: what a visitor sees now."""
        if obj.status != Status.PUBLISHED:
            return _("Draft")
        if obj.publish_at > timezone.now():
            when = formats.date_format(timezone.localtime(obj.publish_at), "SHORT_DATETIME_FORMAT")
            return format_html("{} ({})", _("Scheduled"), when)
        return _("Published")

    @admin.display(description=_("translation"))
    def translation_state(self, obj):
        if not obj.source_language:
            return ""
        if obj.source_moved_on:
            return format_html('<strong class="out-of-date">{}</strong>', _("Out of date"))
        return _("Up to date")

    def get_queryset(self, request):
        return super().get_queryset(request).with_translation_state()

    # Actions

    def _set_status(self, queryset, status):
        # One save per row, so each change gets its revision, its version bump and the right derived fields.
        with transaction.atomic():
            rows = list(queryset.select_for_update())
            for row in rows:
                row.status = status
                row.save(update_fields=["status"])
        return len(rows)

    def _names(self, count):
        return {"count": count, "name": self.opts.verbose_name if count == 1 else self.opts.verbose_name_plural}

    @admin.action(description=_("Publish selected %(verbose_name_plural)s"), permissions=["change"])
    def publish(self, request, queryset):
        untranslated = [row for row in queryset if row.is_untranslated()]
        if untranslated and request.POST.get("confirm_untranslated") != "yes":
            context = {
                **self.admin_site.each_context(request),
                "title": _("Publish untranslated text?"),
                "opts": self.opts,
                "untranslated": untranslated,
                "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            }
            return TemplateResponse(request, "admin/publishing/confirm_untranslated.html", context)
        count = self._set_status(queryset, Status.PUBLISHED)
        message = ngettext("%(count)d %(name)s published.", "%(count)d %(name)s published.", count)
        self.message_user(request, message % self._names(count), messages.SUCCESS)

    @admin.action(description=_("Unpublish selected %(verbose_name_plural)s (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self._set_status(queryset, Status.DRAFT)
        message = ngettext("%(count)d %(name)s unpublished.", "%(count)d %(name)s unpublished.", count)
        self.message_user(request, message % self._names(count), messages.SUCCESS)

    # Saving

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        reverting = getattr(request, "revert_keeps", None)
        with transaction.atomic(using=router.db_for_write(self.model)):
            if reverting and object_id:
                # The version's content is back; its publication state and version numbers are today's.
                self.model._default_manager.filter(pk=unquote(object_id)).update(**reverting)
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if request.method == "POST" and "adminform" in (getattr(response, "context_data", None) or {}):
                # The form came back with errors: a refused save leaves nothing behind, not even its claim on
                # the next version number. (A save in a popup also answers 200, without the form.)
                transaction.set_rollback(True)
        return response

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.source_language:
            return fieldsets
        # Only a translation can be "untranslated".
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "publish_untranslated"]})
            for name, options in fieldsets
        ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "body":
            field.widget.attrs["data-markdown"] = reverse(f"admin:{self.url_name('markdown')}")
        return field

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.source_language:
            source = obj.source()
            context["source"] = source
            context["source_text"] = source.translatable_text() if source else {}
            if obj.out_of_date_with(source):
                context["source_changes"] = history.changes(obj.source_text, context["source_text"])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        form.text_before = type(obj)._default_manager.get(pk=obj.pk).translatable_text() if change else None
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if "order" in {field.name for field in formset.model._meta.fields}:
            close_gaps(formset.model, formset.fk.name, form.instance)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        self.record_old_addresses(obj)
        if change and form.text_before != obj.translatable_text():
            obj.mark_content_changed()
        source = obj.source() if request.POST.get("mark_up_to_date") == "yes" else None
        if source is not None:
            obj.record_source(source)
            type(obj)._default_manager.filter(pk=obj.pk).update(
                source_version=obj.source_version, source_text=obj.source_text
            )

    def record_old_addresses(self, obj):
        """The aliases typed on the form redirect here, like an import's (the form has checked them)."""
        old_urls = obj._meta.get_field("old_urls")
        model, target = old_urls.related_model, old_urls.field.name
        paths = {normalise_path(alias) for alias in obj.aliases}
        # A path recorded already (here, or for another row by an import) stays where it is.
        recorded = set(model.objects.filter(path__in=paths).values_list("path", flat=True))
        model.objects.bulk_create([model(path=path, **{target: obj}) for path in sorted(paths - recorded)])

    # History: revert and compare

    def revision_view(self, request, object_id, version_id, extra_context=None):
        current = (
            self.model._default_manager.filter(pk=unquote(object_id))
            .values(*PUBLICATION_FIELDS, "edit_version", "content_version")
            .first()
        )
        version = get_object_or_404(Version, pk=version_id, object_id=unquote(object_id))
        if current is None:
            return redirect(f"admin:{self.url_name('changelist')}")
        request.revert_keeps = current
        restore_status = request.POST.get("restore_status") == "yes"
        old = version.field_dict
        context = {
            **(extra_context or {}),
            "current_state": self.state_label(current["status"], current["publish_at"]),
            "version_state": self.state_label(old.get("status"), old.get("publish_at")),
        }
        response = super().revision_view(request, object_id, version_id, context)
        if request.method == "POST" and response.status_code == 302:
            rows = self.model._default_manager.filter(pk=unquote(object_id))
            if restore_status:
                rows.update(**{name: old.get(name) for name in PUBLICATION_FIELDS})
            rows.get().mark_content_changed()
            state = context["version_state"] if restore_status else context["current_state"]
            self.message_user(
                request,
                _("The content is back as it was; the status is now: %(state)s.") % {"state": state},
                messages.INFO,
            )
        return response

    def state_label(self, status, publish_at):
        return self.publication(self.model(status=status or Status.DRAFT, publish_at=publish_at or timezone.now()))

    def history_view(self, request, object_id, extra_context=None):
        # reversion's list, with each version's id so two can be ticked and compared.
        versions = Version.objects.get_for_object_reference(self.model, unquote(object_id))
        versions = self._reversion_order_version_queryset(request, versions.select_related("revision__user"))
        context = {
            **(extra_context or {}),
            "compare_url": reverse(f"admin:{self.url_name('compare')}", args=[object_id]),
            "action_list": [
                {
                    "revision": version.revision,
                    "version_id": version.pk,
                    "url": reverse(f"admin:{self.url_name('revision')}", args=[object_id, version.pk]),
                }
                for version in versions
            ],
        }
        return super().history_view(request, object_id, context)

    def compare_view(self, request, object_id):
        obj = get_object_or_404(self.model, pk=object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        versions = Version.objects.get_for_object(obj).select_related("revision__user")
        ids = sorted(int(v) for v in request.GET.getlist("version") if v.isdigit())
        if len(ids) != 2:
            self.message_user(request, _("Choose two versions to compare."), messages.WARNING)
            return redirect(f"admin:{self.url_name('history')}", object_id)
        older, newer = get_object_or_404(versions, pk=ids[0]), get_object_or_404(versions, pk=ids[1])
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare versions of “%(title)s”") % {"title": obj},
            "opts": self.opts,
            "original": obj,
            "older": older,
            "newer": newer,
            "changes": history.changes(history.version_text(older), history.version_text(newer)),
        }
        return TemplateResponse(request, "admin/publishing/compare.html", context)

    # Views of their own

    def get_urls(self):
        def view(name, route, function):
            return path(route, self.admin_site.admin_view(function), name=self.url_name(name))

        return [
            view("preview", "<int:object_id>/preview/", self.preview_view),
            view("translate", "<int:object_id>/translate/", self.translate_view),
            view("compare", "<int:object_id>/history/compare/", self.compare_view),
            view("markdown", "markdown-preview/", self.markdown_view),
            *super().get_urls(),
        ]

    def preview_response(self, request, obj):
        """The public page of `obj` as visitors will see it once it is published."""
        raise NotImplementedError

    def preview_view(self, request, object_id):
        obj = get_object_or_404(self.model, pk=object_id)
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return self.preview_response(request, obj)

    def markdown_view(self, request):
        """The body as the site will show it: the site's own renderer and sanitiser."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return JsonResponse({"html": render_markdown(request.POST.get("text", ""))})

    def translate_view(self, request, object_id):
        obj = get_object_or_404(self.model, pk=object_id)
        if not (self.has_add_permission(request) and self.has_view_permission(request, obj)):
            raise PermissionDenied
        form = TranslationForm(request.POST or None, original=obj)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic(), self.create_revision(request):
                copy = obj.make_translation(
                    form.cleaned_data["language"], form.cleaned_data["title"], form.cleaned_data["identity"]
                )
                self.log_addition(request, copy, [{"added": {}}])
            self.message_user(
                request, _("Draft translation created. Translate the text, then publish it."), messages.SUCCESS
            )
            return redirect(f"admin:{self.url_name('change')}", copy.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Add translation of “%(title)s”") % {"title": obj.title},
            "original": obj,
            "form": form,
            "opts": self.opts,
        }
        return render(request, self.translate_template, context)


def close_gaps(model, parent_field, parent):
    """Number the children of `parent` 1, 2, 3… in their current order, saving only the rows that move."""
    for position, row in enumerate(model._default_manager.filter(**{parent_field: parent}).order_by("order", "pk"), 1):
        if row.order != position:
            row.order = position
            row.save(update_fields=["order"])
