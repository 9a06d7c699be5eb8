"""Cards on the practice page: its public page (issue 16) and change proposals
(issue 11.13). Registered from PracticesConfig.ready()."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from coalition import access, panels


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
    panels.register(
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
