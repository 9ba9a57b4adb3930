"""What the admin forms of every content type share: the edit-conflict check, the importer's date range and
the extra front matter, checked as safely as a content file and never holding a key the type maps itself."""

import sys

from django import forms
from django.conf import settings
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext_lazy as _

from exercises.content import FrontMatterError, checked_datetime, checked_nesting
from exercises.content.dates import EARLIEST_DATE, LATEST_DATE
from exercises.content.frontmatter import MAX_NESTING

DATE_FIELDS = ("publish_at", "date", "lastmod")


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
    """A JSON object of the front-matter keys the type has no field for, read as safely as a content file.

    `core_keys` (lowercase) are the keys the type maps itself; the form sets them.
    """

    core_keys: frozenset = frozenset()
    default_error_messages = {
        "unreadable": _(
            "Enter JSON whose numbers have at most %(digits)s digits and whose lists and objects nest at most "
            "%(depth)s levels deep."
        ),
        "not_mapping": _('Write a mapping of keys to values, e.g. {"subtitle": "Ten minutes a day"}.'),
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

    def clean(self, value):
        return super().clean(value) or {}

    def validate(self, value):
        super().validate(value)
        try:
            checked_nesting(value)
        except FrontMatterError:
            raise self._unreadable()
        if not isinstance(value, dict):
            raise forms.ValidationError(self.error_messages["not_mapping"], code="not_mapping")
        if keys := sorted(key for key in value if str(key).lower() in self.core_keys):
            raise forms.ValidationError(
                self.error_messages["core_keys"], code="core_keys", params={"keys": ", ".join(keys)}
            )

    def _unreadable(self):
        return forms.ValidationError(
            self.error_messages["unreadable"],
            code="unreadable",
            params={"digits": sys.get_int_max_str_digits(), "depth": MAX_NESTING},
        )


class PublishableAdminForm(forms.ModelForm):
    """Base of the admin forms: optimistic locking, the date range, and the extra front matter.

    Subclasses set `core_keys` and `Meta.field_classes = {"extra": ExtraFrontMatterField}`.
    """

    core_keys: frozenset = frozenset()
    # The `updated` time the editor loaded, compared with the database on save.
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DATE_FIELDS:
            if name in self.fields:
                self.fields[name].validators.append(validate_content_date)
        if isinstance(self.fields.get("extra"), ExtraFrontMatterField):
            self.fields["extra"].core_keys = self.core_keys
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.updated.isoformat()

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk:
            rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
            current = rows.values_list("updated", flat=True).first()
            if current and cleaned_data.get("loaded_version") != current.isoformat():
                raise forms.ValidationError(
                    _(
                        "Someone else saved this %(thing)s after you opened it. Your changes were not saved: "
                        "copy them, reload the page to see the other changes, then apply yours again."
                    ),
                    code="edit_conflict",
                    params={"thing": self.instance._meta.verbose_name},
                )
        return cleaned_data


class TranslationForm(forms.Form):
    """The language to copy a row into: one it has no version in yet."""

    language = forms.ChoiceField(label=_("Language"))

    def __init__(self, *args, original, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set(original.translations().values_list("language", flat=True)) | {original.language}
        self.fields["language"].choices = [(code, name) for code, name in settings.LANGUAGES if code not in taken]
