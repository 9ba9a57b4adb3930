from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkoutsConfig(AppConfig):
    name = "workouts"
    verbose_name = _("Workouts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from publishing import redirects

        from . import signals
        from .models import WorkoutOldURL

        signals.connect()
        redirects.register(WorkoutOldURL, "workout")
