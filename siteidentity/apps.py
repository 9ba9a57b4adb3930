from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteIdentityConfig(AppConfig):
    name = "siteidentity"
    verbose_name = _("Site identity")

    def ready(self):
        from . import signals

        signals.connect()
