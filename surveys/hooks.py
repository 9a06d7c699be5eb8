"""What the surveys app registers: its menu items (coalition.navigation) and its cards
on the start pages (coalition.panels): a practice sees its questionnaire, a lead the
response. Called from SurveysConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coalition import navigation as nav
from coalition import panels
from coalition.models import Role
from surveys import selectors
from surveys.models import Questionnaire


def practice_panel(request, practice) -> dict | None:
    items = selectors.practice_open_responses(practice)
    if not items:
        return None
    return {"practice": practice, "items": items}


def lead_panel(request, coalition) -> dict | None:
    questionnaires = list(
        selectors.questionnaires_with_counts(
            Questionnaire.objects.filter(coalition=coalition).exclude(
                status=Questionnaire.Status.DRAFT
            )
        ).order_by("-year", "-quarter")[:2]
    )
    if not questionnaires:
        return None
    return {"coalition": coalition, "questionnaires": questionnaires}


def register() -> None:
    nav.register(
        nav.NavItem(_("Vragenlijst"), "surveys:my", frozenset({Role.PRACTICE}), 60),
        nav.NavItem(
            _("Vragenlijsten"),
            "surveys:questionnaire_list",
            frozenset({Role.LEAD, Role.OFFICE}),
            60,
        ),
    )
    panels.register(
        panels.Panel(
            slot="start:practice",
            template="surveys/panels/practice.html",
            context=practice_panel,
            order=30,
        ),
        panels.Panel(
            slot="start:lead",
            template="surveys/panels/lead.html",
            context=lead_panel,
            order=30,
        ),
    )
