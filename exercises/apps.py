from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExercisesConfig(AppConfig):
    name = "exercises"
    verbose_name = _("Exercise library")

    def ready(self):
        from publishing import redirects

        from . import renditions  # noqa: F401  (connects the signal that makes image renditions on save)
        from .caching import connect_signals
        from .models import OldURL
        from .search import connect_signals as connect_search_signals

        connect_signals()
        connect_search_signals()
        redirects.register(OldURL, "exercise")
