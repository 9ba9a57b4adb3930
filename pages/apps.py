from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages and articles")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from publishing import redirects

        from . import signals
        from .models import PageOldURL

        signals.connect()
        redirects.register(PageOldURL, "page")
