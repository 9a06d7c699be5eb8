from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Vragenlijsten")

    def ready(self) -> None:
        from surveys import hooks

        hooks.register()  # menu items and cards
