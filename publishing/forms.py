"""What the admin forms of every publishable type share: the edit-conflict check and the extra front matter."""

from django import forms
from django.utils.translation import gettext_lazy as _


class EditConflictForm(forms.ModelForm):
    """Optimistic locking: refuse a save when the row changed after the editor opened the form.

    The same check as ExerciseAdminForm, for any model with an `updated` auto_now field; subclasses add Meta.
    """

    # The `updated` time the editor loaded, compared with the database on save.
    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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


class PublishableAdminForm(EditConflictForm):
    """Base of the page and workout admin forms; `core_keys` are the front-matter keys `extra` may not hold."""

    core_keys: frozenset = frozenset()

    def clean_extra(self):
        extra = self.cleaned_data.get("extra")
        if extra in (None, ""):
            return {}
        if not isinstance(extra, dict):
            raise forms.ValidationError(
                _('Write a mapping of keys to values, e.g. {"subtitle": "Ten minutes a day"}.'), code="not_mapping"
            )
        clashes = sorted(key for key in extra if str(key).lower() in self.core_keys)
        if clashes:
            raise forms.ValidationError(
                _("These keys have their own fields above; set them there instead: %(keys)s."),
                code="core_key",
                params={"keys": ", ".join(clashes)},
            )
        return extra
