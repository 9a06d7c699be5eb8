"""Menu items and cards of the registry and go-live tracking (called from ready())."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition import access, navigation, panels
from coalition.models import Service


def _lead_panel(request, coalition):
    """Go-live of online access on the lead's start page: two queries."""
    from practices import selectors

    practices = access.visible_practices(request.user).filter(
        coalition=coalition, is_active=True
    )
    summary = selectors.service_summaries(
        practices,
        coalition=coalition,
        today=timezone.localdate(),
        services=[Service.RECORD_ACCESS],
    )[0]
    return {"coalition": coalition, "summary": summary}


def _practice_panel(request, practice):
    """The practice's own go-live per service on its start page (read-only)."""
    from practices import selectors

    return {
        "practice": practice,
        "rows": selectors.rollout_matrix(practice),
    }


def register() -> None:
    lead_office = frozenset({"lead", "office"})
    navigation.register(
        navigation.NavItem(_("Praktijken"), "practices:list", lead_office, 10),
        navigation.NavItem(_("Go-live"), "practices:dashboard", lead_office, 11),
        navigation.NavItem(_("Leveranciers"), "practices:vendor_list", lead_office, 40),
    )
    panels.register(
        panels.Panel(
            slot="start:lead",
            template="practices/panels/golive_lead.html",
            context=_lead_panel,
            order=10,
        ),
        panels.Panel(
            slot="start:practice",
            template="practices/panels/golive_practice.html",
            context=_practice_panel,
            order=10,
        ),
    )
