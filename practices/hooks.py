"""Menu items and cards of the registry and go-live tracking (called from ready())."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition import access, navigation, panels
from coalition.models import Role, Service


def _lead_panel(request, coalition):
    """Go-live of online access on the lead's start page: three queries (the
    deadlines, the practices, their rollouts by step and state)."""
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


def _public_page_panel(request, practice):
    """The practice user switches its public page on or off; the lead sees it."""
    from practices import public

    user = request.user
    can_set = access.can_publish_practice_page(user, practice)
    if not (can_set or access.can_manage_practice(user, practice)):
        return None
    since = timezone.localdate() - dt.timedelta(days=30)
    return {
        "practice": practice,
        "can_set": can_set,
        "views_30": public.page_views_since(practice, since)
        if practice.public_page
        else 0,
    }


def _proposals_panel(request, practice):
    from practices import proposals

    user = request.user
    can_propose = access.can_propose_practice_change(user, practice)
    can_decide = access.can_manage_practice(user, practice)
    if not (can_propose or can_decide):
        return None
    rows = proposals.proposal_rows(
        access.visible_change_proposals(user).filter(practice=practice)[:20]
    )
    return {
        "practice": practice,
        "can_propose": can_propose,
        "can_decide": can_decide,
        "pending": [r for r in rows if r["proposal"].status == "pending"],
        "decided": [r for r in rows if r["proposal"].status != "pending"],
    }


def register() -> None:
    lead_office = frozenset({Role.LEAD, Role.OFFICE})
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
        panels.Panel(
            slot="practice_detail",
            template="practices/panels/public_page.html",
            context=_public_page_panel,
            order=5,
        ),
        panels.Panel(
            slot="practice_detail",
            template="practices/panels/proposals.html",
            context=_proposals_panel,
            order=6,
        ),
    )
