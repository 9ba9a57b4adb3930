from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HugoConfig(AppConfig):
    name = "hugo"
    verbose_name = _("Hugo site import and export")
