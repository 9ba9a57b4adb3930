"""The site identity in the admin: one record, opened directly from the admin index."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import lazy

from .models import IDENTITY_PK, SiteIdentity, SiteLink, SiteText


class SiteTextInline(admin.TabularInline):
    model = SiteText
    extra = 0


class SiteLinkInline(admin.TabularInline):
    model = SiteLink
    extra = 1
    fields = ["place", "language", "column", "title", "url", "order"]


@admin.register(SiteIdentity)
class SiteIdentityAdmin(admin.ModelAdmin):
    inlines = [SiteTextInline, SiteLinkInline]
    fieldsets = [
        (None, {"fields": ["name", "logo", "accent"]}),
    ]

    def has_add_permission(self, request):
        return not SiteIdentity.objects.filter(pk=IDENTITY_PK).exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """There is only one record: open it (or the form to create it)."""
        if SiteIdentity.objects.filter(pk=IDENTITY_PK).exists():
            return redirect(reverse("admin:siteidentity_siteidentity_change", args=[IDENTITY_PK]))
        return redirect(reverse("admin:siteidentity_siteidentity_add"))


def _site_name():
    from . import identity

    return identity.current().name


# The admin's header and browser title follow the identity (read when an admin page is drawn).
admin.site.site_header = lazy(_site_name, str)()
admin.site.site_title = lazy(_site_name, str)()
