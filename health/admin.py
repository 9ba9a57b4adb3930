"""The changelist filter behind each content-health count (exercises, muscles, equipment)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .checks import check_named, checks


class HealthFilter(admin.SimpleListFilter):
    title = _("content health")
    parameter_name = "health"

    def lookups(self, request, model_admin):
        return [(check.key, check.label) for check in checks() if check.model is model_admin.model]

    def queryset(self, request, queryset):
        check = check_named(self.value()) if self.value() else None
        if check is None:
            return queryset
        return queryset.filter(pk__in=check.rows().values("pk"))
