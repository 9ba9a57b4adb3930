from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from publishing.admin import OldURLInline, PublicationFilter, PublishableAdmin, TranslationStateFilter

from .forms import PageAdminForm
from .models import Page, PageOldURL


class PageOldURLInline(OldURLInline):
    model = PageOldURL


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    form = PageAdminForm
    inlines = [PageOldURLInline]
    fieldsets = [
        (_("Publishing"), {"fields": [("status", "publish_at"), "publish_untranslated", "loaded_version"]}),
        (_("Content"), {"fields": ["title", ("path", "language"), "kind", "description", "body"]}),
        (_("Image"), {"fields": [("image_path", "image_alt")]}),
        (_("Place on the site"), {"fields": ["section", "layout", "weight"]}),
        (
            _("Old site and translations"),
            {
                "fields": ["translation_key", "url", "aliases", "page_type", "author", ("date", "lastmod"), "extra"],
                "classes": ["collapse"],
            },
        ),
    ]
    list_display = ["title", "path", "language", "kind", "publication", "translation_state", "publish_at", "lastmod"]
    list_filter = [PublicationFilter, TranslationStateFilter, "language", "kind"]
    search_fields = ["title", "path", "description"]

    def preview_response(self, request, page):
        from .views import render_page

        return render_page(request, page, preview=True)
