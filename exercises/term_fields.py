"""The exercise form's muscle and equipment fields: pick existing terms by autocomplete; new ones on purpose.

Picking is the default — the admin's own autocomplete searches names and other spellings in every language —
and whatever is picked is stored as the same concepts' names in the exercise's language. Typing a new name
is a separate, explicit field; it still goes through the taxonomy, so a known spelling finds its concept.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Exercise

TERM_FIELDS = ("muscles", "equipment")
NEW_HELP = {
    "muscles": _("Only for a muscle that is not in the list above: its name, or several comma-separated."),
    "equipment": _("Only for equipment that is not in the list above: its name, or several comma-separated."),
}


class TermAutocomplete(AutocompleteSelectMultiple):
    def optgroups(self, name, value, attr=None):
        # Django looks the submitted values up as ids; a value that is not one (a hostile or stale form)
        # would fail there with a server error instead of the field's "not a valid choice" message.
        return super().optgroups(name, [item for item in value if str(item).isdigit()], attr)


def term_choice_field(name):
    model_field = Exercise._meta.get_field(name)
    return forms.ModelMultipleChoiceField(
        queryset=model_field.remote_field.model.objects.all(),
        required=False,
        label=capfirst(model_field.verbose_name),
        widget=TermAutocomplete(model_field, admin.site),
        help_text=_(
            "Type to search names and other spellings in any language; the names in this exercise's "
            "language are stored."
        ),
    )


def new_terms_field(name):
    return forms.CharField(
        label=_("New %(things)s") % {"things": Exercise._meta.get_field(name).verbose_name},
        required=False,
        max_length=1000,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text=NEW_HELP[name],
    )


class TermFieldsMixin(forms.Form):
    muscles = term_choice_field("muscles")
    new_muscles = new_terms_field("muscles")
    equipment = term_choice_field("equipment")
    new_equipment = new_terms_field("equipment")

    def clean(self):
        cleaned = super().clean()
        for name in TERM_FIELDS:
            new = [part.strip()[:100] for part in cleaned.get(f"new_{name}", "").split(",") if part.strip()]
            # Terms and names together: the tag manager maps both into the exercise's language on save.
            cleaned[name] = [*cleaned.get(name, []), *new]
        return cleaned
