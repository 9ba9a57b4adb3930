from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = _("Exercise library")

    def ready(self):
        from publishing import redirects

        from . import signals
        from .models import OldURL

        signals.connect()
        redirects.register(OldURL, "exercise")
