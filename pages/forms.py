"""The page admin form: where a page lives (path, section) checked the way the public site resolves it."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from publishing.forms import ExtraFrontMatterField, PublishableAdminForm

from .mapping import PAGE_CORE_KEYS
from .models import Page


def reserved_prefixes():
    """First path segments that belong to the site itself, not to pages."""
    return [url.strip("/") for url in (settings.ADMIN_URL, settings.STATIC_URL, settings.MEDIA_URL) if url.strip("/")]


def check_path(path: str) -> str:
    """The path if a page may live there; raise ValidationError saying what to change."""
    if path.startswith("/") or path.endswith("/"):
        raise forms.ValidationError(_("Write the path without a slash at the start or end, e.g. ‘learn/roll-up’."))
    segments = path.split("/")
    if path and "" in segments:
        raise forms.ValidationError(_("The path has an empty part (‘//’); remove the extra slash."))
    if ".." in segments or "." in segments:
        raise forms.ValidationError(_("The path may not contain ‘.’ or ‘..’ parts."))
    for prefix in reserved_prefixes():
        if path == prefix or path.startswith(prefix + "/"):
            raise forms.ValidationError(
                _("Addresses starting with ‘%(prefix)s/’ belong to the site itself; choose another path."),
                params={"prefix": prefix},
            )
    return path


def layout_choices(current: str):
    """No layout, each layout the site replaces with a feature, and the page's own value if it is another."""
    layouts = [*settings.PAGE_FEATURES, *([current] if current else [])]
    return [("", _("Normal page")), *((name, name) for name in dict.fromkeys(layouts))]


class PageAdminForm(PublishableAdminForm):
    core_keys = PAGE_CORE_KEYS
    layout = forms.ChoiceField(
        label=_("Layout"),
        required=False,
        help_text=_("A special page the site builds itself, e.g. ‘workout-builder’. Leave on ‘Normal page’ otherwise."),
    )

    class Meta:
        model = Page
        fields = [
            "title", "path", "language", "kind", "description", "body", "image_path", "image_alt", "section",
            "layout", "page_type", "translation_key", "url", "aliases", "weight", "status", "publish_at", "author",
            "date", "lastmod", "extra",
        ]  # fmt: skip
        field_classes = {"extra": ExtraFrontMatterField}
        widgets = {
            "title": forms.TextInput(attrs={"size": 60}),
            "path": forms.TextInput(attrs={"size": 60}),
            "section": forms.TextInput(attrs={"size": 60}),
            "description": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "body": forms.Textarea(attrs={"rows": 24, "cols": 80}),
        }
        help_texts = {
            "section": _("The section it is listed under, e.g. ‘learn/fundamentals’. Left empty: the path's parent."),
            "aliases": _('A list of old addresses, e.g. ["/old/roll-up/"].'),
            "extra": _('Other front-matter keys kept for export, e.g. {"subtitle": "Ten minutes a day"}.'),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layout"].choices = layout_choices(self.instance.layout)

    def clean_path(self):
        return check_path(self.cleaned_data["path"].strip())

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("section") and "path" in cleaned_data:
            cleaned_data["section"] = cleaned_data["path"].rpartition("/")[0]
        return cleaned_data
