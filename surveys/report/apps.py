from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The regional report: its frozen editions are this app's only model."""

    name = "surveys.report"
    label = "reports"
    verbose_name = _("Rapporten")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from surveys.report import hooks
        from surveys.report.percentile import register_sqlite

        connection_created.connect(register_sqlite, dispatch_uid="report_percentile")
        hooks.register()  # menu items
