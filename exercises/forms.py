"""Admin forms: the same rules the importer applies, in the shape editors type them."""

import sys

from django import forms
from django.conf import settings
from django.forms.fields import InvalidJSONInput
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from taggit.forms import TagWidget

from .content import FrontMatterError, checked_datetime, checked_nesting, core_keys_in
from .content.dates import EARLIEST_DATE, LATEST_DATE
from .content.frontmatter import MAX_NESTING
from .images import SafeImageField
from .models import Exercise
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


def validate_content_date(value):
    """The importer's date range (content.dates), so no stored date breaks a page."""
    try:
        checked_datetime(value)
    except ValueError:
        raise forms.ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s (UTC)."),
            code="date_out_of_range",
            params={"earliest": f"{EARLIEST_DATE:%Y-%m-%d}", "latest": f"{LATEST_DATE:%Y-%m-%d}"},
        )


class ExtraFrontMatterField(forms.JSONField):
    """A JSON object of the front-matter keys this site has no field for, read as safely as a content file."""

    default_error_messages = {
        "unreadable": _(
            "Enter JSON whose numbers have at most %(digits)s digits and whose lists and objects nest at most "
            "%(depth)s levels deep."
        ),
        "core_keys": _("These keys have their own fields on this form; set them there and remove them here: %(keys)s."),
    }

    def to_python(self, value):
        try:
            return super().to_python(value)
        except (ValueError, RecursionError):  # json.loads' int-digit limit and deep nesting, not JSONDecodeError
            raise self._unreadable()

    def bound_data(self, data, initial):
        try:
            return super().bound_data(data, initial)
        except (ValueError, RecursionError):
            return InvalidJSONInput(data)

    def validate(self, value):
        super().validate(value)
        try:
            checked_nesting(value)
        except FrontMatterError:
            raise self._unreadable()
        if isinstance(value, dict) and (keys := core_keys_in(value)):
            raise forms.ValidationError(
                self.error_messages["core_keys"], code="core_keys", params={"keys": ", ".join(keys)}
            )

    def _unreadable(self):
        return forms.ValidationError(
            self.error_messages["unreadable"],
            code="unreadable",
            params={"digits": sys.get_int_max_str_digits(), "depth": MAX_NESTING},
        )


class ExerciseAdminForm(forms.ModelForm):
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

    # Optimistic locking: the version the editor loaded, compared with the database on save.
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Exercise
        fields = [
            "title", "slug", "language", "description", "difficulty", "duration", "body", "video_id", "image",
            "image_alt", "image_path", "muscles", "equipment", "keywords", "translation_key", "url", "aliases",
            "weight", "status", "publish_at", "author", "date", "lastmod", "extra",
        ]  # fmt: skip
        field_classes = {"extra": ExtraFrontMatterField}
        widgets = {
            "title": forms.TextInput(attrs={"size": 60}),
            "description": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "body": forms.Textarea(attrs={"rows": 24, "cols": 80}),
            "muscles": TagWidget(attrs={"size": 80}),
            "equipment": TagWidget(attrs={"size": 80}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("publish_at", "date", "lastmod"):
            self.fields[name].validators.append(validate_content_date)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.updated.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            current = Exercise.objects.filter(pk=self.instance.pk).values_list("updated", flat=True).first()
            loaded = cleaned_data.get("loaded_version")
            if current and loaded != current.isoformat():
                raise forms.ValidationError(
                    _(
                        "Someone else saved this exercise after you opened it. Your changes were not saved: "
                        "copy them, reload the page to see the other changes, then apply yours again."
                    ),
                    code="edit_conflict",
                )
        return cleaned_data

    def clean_video_id(self):
        value = self.cleaned_data["video_id"].strip()
        if not value:
            return ""
        try:
            return parse_video_id(value)
        except ValueError as error:
            raise forms.ValidationError(str(error), code="invalid_video")


class TranslationForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, exercise, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set(exercise.translations().values_list("language", flat=True)) | {exercise.language}
        self.fields["language"].choices = [(code, name) for code, name in settings.LANGUAGES if code not in taken]
