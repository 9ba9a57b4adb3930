"""What the admins of every content type share: history and revert, publish actions, preview, add translation."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from .forms import TranslationForm
from .models import Status


class OldURLInline(admin.TabularInline):
    """The old addresses of a row; subclasses set `model`."""

    extra = 0
    fields = ["path"]
    verbose_name_plural = _("old addresses that redirect here")


class PublishableAdmin(VersionAdmin):
    """A VersionAdmin for a Publishable model; subclasses say how a draft is previewed (`preview_response`)."""

    change_form_template = "admin/publishing/change_form.html"
    translate_template = "admin/publishing/translate.html"
    save_on_top = True
    actions = ["publish", "unpublish"]
    date_hierarchy = "publish_at"
    list_per_page = 50

    def url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def view_on_site(self, obj):
        if obj.is_public:
            return obj.get_absolute_url()
        return reverse(f"admin:{self.url_name('preview')}", args=[obj.pk])

    def _set_status(self, queryset, status):
        # One save per row, so each change gets its revision and the derived fields stay right.
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
        count = self._set_status(queryset, Status.PUBLISHED)
        message = ngettext("%(count)d %(name)s published.", "%(count)d %(name)s published.", count)
        self.message_user(request, message % self._names(count), messages.SUCCESS)

    @admin.action(description=_("Unpublish selected %(verbose_name_plural)s (back to draft)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self._set_status(queryset, Status.DRAFT)
        message = ngettext("%(count)d %(name)s unpublished.", "%(count)d %(name)s unpublished.", count)
        self.message_user(request, message % self._names(count), messages.SUCCESS)

    def get_urls(self):
        return [
            path(
                "<int:object_id>/preview/", self.admin_site.admin_view(self.preview_view), name=self.url_name("preview")
            ),
            path(
                "<int:object_id>/translate/",
                self.admin_site.admin_view(self.translate_view),
                name=self.url_name("translate"),
            ),
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

    def translate_view(self, request, object_id):
        obj = get_object_or_404(self.model, pk=object_id)
        if not (self.has_add_permission(request) and self.has_view_permission(request, obj)):
            raise PermissionDenied
        form = TranslationForm(request.POST or None, original=obj)
        if request.method == "POST" and form.is_valid():
            with transaction.atomic(), self.create_revision(request):
                copy = obj.make_translation(form.cleaned_data["language"])
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
