"""Admin forms: the same rules the importer applies, in the shape editors type them."""

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from publishing.forms import ExtraFrontMatterField, PublishableAdminForm

from .content.document import EXERCISE_KEYS
from .images import SafeImageField
from .models import Exercise, FoundBy
from .progressions import check_exercise_links
from .term_fields import TermFieldsMixin
from .youtube import parse_video_id


class CommaSeparatedField(forms.CharField):
    """A list of strings edited as ‘one, two, three’."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return list(dict.fromkeys(item.strip() for item in text.split(",") if item.strip()))


class ExerciseAdminForm(TermFieldsMixin, PublishableAdminForm):
    core_keys = EXERCISE_KEYS

    video_id = forms.CharField(
        label=_("YouTube video"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text=Exercise._meta.get_field("video_id").help_text,
    )
    keywords = CommaSeparatedField(
        label=capfirst(_("keywords")),
        required=False,
        max_length=2000,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text=_("Search phrases, comma-separated, e.g. ‘leg lift, glute exercise’."),
    )
    image = SafeImageField(
        label=capfirst(_("image")),
        required=False,
        help_text=_("JPEG, PNG or WebP, at most 10 MB and 40 megapixels. Location data (EXIF) is removed."),
    )

    class Meta:
        model = Exercise
        fields = [
            "title", "slug", "language", "description", "difficulty", "duration", "body", "video_id", "image",
            "image_alt", "image_path", "muscles", "equipment", "keywords", "translation_key", "url", "aliases",
            "weight", "featured", "status", "publish_at", "author", "date", "lastmod", "extra",
        ]  # fmt: skip
        field_classes = {"extra": ExtraFrontMatterField}
        widgets = {
            "title": forms.TextInput(attrs={"size": 60}),
            "description": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "body": forms.Textarea(attrs={"rows": 16, "cols": 80}),
        }

    def clean_video_id(self):
        value = self.cleaned_data["video_id"].strip()
        if not value:
            return ""
        try:
            return parse_video_id(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid_video")


class ModificationFormSet(BaseInlineFormSet):
    """An exercise's modifications, with the progression rules: a linked exercise is another one of the same
    language, and the links of the language form no circle. `link_warnings` says when an "easier" version is
    of a harder difficulty."""

    def clean(self):
        super().clean()
        self.link_warnings = []
        if any(self.errors):
            return
        links = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            if form.has_changed():
                form.instance.found_by = FoundBy.HAND  # an editor's row is written back on export as it is
            if data.get("links_to") is not None and data.get("level"):
                links.append((data["level"], data["links_to"]))
        errors, self.link_warnings = check_exercise_links(self.instance, links)
        if errors:
            raise forms.ValidationError(errors)
