"""What the admin forms of every content type share: the edit-conflict check, the importer's date range and
the extra front matter, checked as safely as a content file and never holding a key the type maps itself."""

import sys

from django import forms
from django.conf import settings
from django.db import connection
from django.forms.fields import InvalidJSONInput
from django.utils.translation import gettext_lazy as _

from exercises.content import FrontMatterError, checked_datetime, checked_nesting
from exercises.content.dates import EARLIEST_DATE, LATEST_DATE
from exercises.content.frontmatter import MAX_NESTING
from exercises.content.tree import normalise_path

from .models import Status, free_value, still_source_text
from .redirects import address_problem

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

    Subclasses set `core_keys` and `Meta.field_classes = {"extra": ExtraFrontMatterField}`. The admin view runs
    the form in a transaction that it rolls back when the save is refused, so a claimed version is given back.
    """

    core_keys: frozenset = frozenset()
    # The edit_version the editor loaded; the save claims the next one atomically.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    publish_untranslated = forms.BooleanField(
        label=_("Publish untranslated"),
        required=False,
        help_text=_("Publish this translation although its text is still the original's."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DATE_FIELDS:
            if name in self.fields:
                self.fields[name].validators.append(validate_content_date)
        if isinstance(self.fields.get("extra"), ExtraFrontMatterField):
            self.fields["extra"].core_keys = self.core_keys
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.edit_version

    def clean_aliases(self):
        aliases = self.cleaned_data.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(alias, str) for alias in aliases):
            raise forms.ValidationError(_('Write a list of paths, e.g. ["/old/roll-up/"].'), code="not_paths")
        owner = self.instance if self.instance.pk else None
        # Only the aliases typed now are checked: those saved before keep working as they are.
        typed = [alias for alias in aliases if alias not in (self.instance.aliases or [])]
        problems = [problem for alias in typed if (problem := address_problem(alias, owner))]
        if problems:
            raise forms.ValidationError(problems)
        return aliases

    def clean(self):
        cleaned_data = super().clean()
        self.check_untranslated(cleaned_data)
        if self.instance.pk:
            self.claim_version(cleaned_data.get("loaded_version"))
        self.wait_for_identity(cleaned_data)
        return cleaned_data

    def claim_version(self, loaded):
        """Compare-and-set: move the row from the version the editor loaded to the next one, or refuse.

        One UPDATE ... WHERE edit_version = loaded, so of two simultaneous saves exactly one matches; the other
        waits for the row lock and then finds the version moved on.
        """
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk, edit_version=loaded)
        if loaded is None or not rows.update(edit_version=loaded + 1):
            raise forms.ValidationError(
                _(
                    "Someone else saved this %(thing)s after you opened it. Your changes were not saved: "
                    "copy them, reload the page to see the other changes, then apply yours again."
                ),
                code="edit_conflict",
                params={"thing": self.instance._meta.verbose_name},
            )
        self.instance.edit_version = loaded + 1

    def check_untranslated(self, cleaned_data):
        """Publishing a translation whose text is still its source's asks for a second, explicit yes."""
        if cleaned_data.get("status") != Status.PUBLISHED or self.instance.status == Status.PUBLISHED:
            return
        source = self.instance.source() if self.instance.pk else None
        if source is None or cleaned_data.get("publish_untranslated"):
            return
        if still_source_text(lambda name: cleaned_data.get(name, getattr(self.instance, name)), source):
            self.add_error(
                "status",
                forms.ValidationError(
                    _(
                        "The title, description and body are still those of the original (%(language)s). "
                        "Translate them, or tick “Publish untranslated” to publish it as it is."
                    ),
                    code="untranslated",
                    params={"language": source.get_language_display()},
                ),
            )

    def wait_for_identity(self, cleaned_data):
        """Two simultaneous saves of one slug (or path) in one language: the second waits here until the first
        commits, so the uniqueness check that follows sees it and answers with a form error, not a crash."""
        model = type(self.instance)
        field = identity_field(model)
        value, language = cleaned_data.get(field), cleaned_data.get("language")
        if value and language:
            lock_name(f"{model._meta.label}:{language}:{value}")


def lock_name(name):
    """A lock on `name` held until the transaction ends. PostgreSQL needs one; SQLite runs every write
    transaction one at a time already (transaction_mode IMMEDIATE in the settings)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [name])


class TranslationForm(forms.Form):
    """The language to copy a row into (one it has no version in yet), and the copy's title and slug (or path)
    in that language, so the new draft does not keep the original's address."""

    language = forms.ChoiceField(label=_("Language"))
    title = forms.CharField(label=_("Title in that language"), max_length=200)

    def __init__(self, *args, original, **kwargs):
        super().__init__(*args, **kwargs)
        self.original = original
        taken = set(original.translations().values_list("language", flat=True)) | {original.language}
        self.fields["language"].choices = [(code, name) for code, name in settings.LANGUAGES if code not in taken]
        self.identity_field = identity_field(type(original))
        model_field = type(original)._meta.get_field(self.identity_field)
        self.fields["identity"] = model_field.formfield(required=True)
        self.fields["identity"].help_text = _("Its address in that language, e.g. ‘%(example)s’.") % {
            "example": "elevacion-de-pierna" if self.identity_field == "slug" else "aprender/elevacion-de-pierna"
        }
        self.fields["title"].initial = original.title
        if choices := self.fields["language"].choices:
            self.fields["identity"].initial = free_value(
                type(original), self.identity_field, choices[0][0], getattr(original, self.identity_field)
            )

    def clean(self):
        cleaned_data = super().clean()
        language, identity = cleaned_data.get("language"), cleaned_data.get("identity")
        if language and identity:
            rows = type(self.original)._default_manager.filter(language=language, **{self.identity_field: identity})
            if rows.exists():
                self.add_error("identity", _("Another row in that language already uses this address."))
        return cleaned_data


def identity_field(model):
    """The field unique within a language: a page's path, anything else's slug."""
    return model.identity_field() if hasattr(model, "identity_field") else "slug"


class OldAddressForm(forms.ModelForm):
    """An old address typed by an editor: a local path that no other content owns."""

    def clean_path(self):
        path = self.cleaned_data["path"]
        if self.instance.pk and "path" not in self.changed_data:
            # Checked when it was saved. Not again: each costs queries, and an import that since gave the address
            # to other content must not hold up the editor's unrelated edit (the content's own page wins anyway).
            return path
        parent_field = next(f for f in self.instance._meta.fields if f.is_relation and f.name != "id")
        parent_id = getattr(self.instance, parent_field.attname)
        owner = parent_field.related_model._default_manager.filter(pk=parent_id).first() if parent_id else None
        if problem := address_problem(path, owner):
            raise forms.ValidationError(problem, code="bad_old_address")
        return normalise_path(path)
