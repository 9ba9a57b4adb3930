"""The workout admin form and its items, in the shape editors type them."""

from django import forms
from django.utils.translation import gettext_lazy as _

from exercises.forms import CommaSeparatedField, ExerciseAdminForm
from publishing.forms import ExtraFrontMatterField, PublishableAdminForm

from .mapping import WORKOUT_CORE_KEYS
from .models import Workout, WorkoutItem


class LinesField(forms.CharField):
    """A list of strings edited one per line."""

    widget = forms.Textarea(attrs={"rows": 3, "cols": 40})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def has_changed(self, initial, data):
        # A blank extra inline row has no initial value; an empty list is no change, or the row becomes required.
        return super().has_changed(initial or [], data)


class WorkoutItemForm(forms.ModelForm):
    instructions = LinesField(
        label=_("Instructions"),
        required=False,
        help_text=_("One per line, e.g. ‘Keep your back flat’."),
        widget=forms.Textarea(attrs={"rows": 2, "cols": 22}),
    )

    class Meta:
        model = WorkoutItem
        fields = ["order", "name", "exercise", "kind", "duration", "reps", "instructions"]
        # Narrow enough that a row fits a 1366 px screen.
        widgets = {"name": forms.TextInput(attrs={"size": 16}), "reps": forms.TextInput(attrs={"size": 8})}


class WorkoutAdminForm(PublishableAdminForm):
    core_keys = WORKOUT_CORE_KEYS
    video_id = forms.CharField(
        label=_("Follow-along video"),
        required=False,
        max_length=500,
        widget=forms.TextInput(attrs={"size": 60}),
        help_text=_("A YouTube URL or id, e.g. ‘https://youtu.be/dQw4w9WgXcQ’."),
    )
    equipment = CommaSeparatedField(
        label=_("Equipment"), required=False, help_text=_("Comma-separated, e.g. ‘mat, ball’.")
    )
    focus = CommaSeparatedField(
        label=_("Focus"), required=False, help_text=_("Comma-separated, e.g. ‘core, morning, at home’.")
    )
    related_videos = LinesField(
        label=_("Related videos"),
        required=False,
        help_text=_("One YouTube URL or id per line, e.g. ‘https://www.youtube.com/watch?v=dQw4w9WgXcQ’."),
    )

    class Meta:
        model = Workout
        fields = [
            "title", "slug", "language", "description", "difficulty", "duration", "body", "video_id", "equipment",
            "focus", "related_videos", "image_path", "image_alt", "section", "data_id", "data_file",
            "translation_key", "url", "aliases", "weight", "status", "publish_at", "author", "date", "lastmod",
            "extra",
        ]  # fmt: skip
        field_classes = {"extra": ExtraFrontMatterField}
        widgets = {
            "title": forms.TextInput(attrs={"size": 60}),
            "description": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "body": forms.Textarea(attrs={"rows": 16, "cols": 80}),
        }
        help_texts = {
            "slug": _("The last part of the address, e.g. ‘ten-minute-core’."),
            "section": _("Its folder on the old site, e.g. ‘workouts’."),
            "aliases": _('A list of old addresses, e.g. ["/old/ten-minute-core/"].'),
            "extra": _('Other front-matter keys kept for export, e.g. {"subtitle": "Ten minutes a day"}.'),
        }

    # The exercise form's rule: any YouTube URL or id, stored as the id.
    clean_video_id = ExerciseAdminForm.clean_video_id
