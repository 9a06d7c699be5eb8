from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Vragenlijsten")

    def ready(self) -> None:
        from coalition import navigation as nav
        from coalition import panels
        from surveys import panels as survey_panels

        nav.register(
            nav.NavItem(_("Vragenlijst"), "surveys:my", frozenset({"practice"}), 60),
            nav.NavItem(
                _("Vragenlijsten"),
                "surveys:questionnaire_list",
                frozenset({"lead", "office"}),
                60,
            ),
        )
        panels.register(
            panels.Panel(
                slot="start:practice",
                template="surveys/panels/practice.html",
                context=survey_panels.practice_panel,
                order=30,
            ),
            panels.Panel(
                slot="start:lead",
                template="surveys/panels/lead.html",
                context=survey_panels.lead_panel,
                order=30,
            ),
        )
