"""What visits register: menu items (coalition.navigation) and cards on pages of
others (coalition.panels). Called from PracticesConfig.ready()."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _practice_panel(request, practice):
    """Visits and open actions on the practice page (for whoever may see them)."""
    from coalition import access
    from practices.visits import selectors

    user = request.user
    if not access.can_see_visits(user):
        return None
    visits = list(
        access.visible_visits(user)
        .filter(practice=practice)
        .prefetch_related("visitors")
        .order_by("-planned_on", "-pk")[:5]
    )
    actions = list(
        selectors.open_actions(
            access.visible_actions(user).filter(visit__practice=practice)
        )[:10]
    )
    return {
        "practice": practice,
        "visits": visits,
        "actions": actions,
        "can_plan": access.can_edit_practice(user, practice)
        and access.can_plan_visits(user)
        and practice.coalition_id in access.scope(user).lead_coalitions,
        "today": timezone.localdate(),
    }


def _lead_panel(request, coalition):
    from practices.visits import selectors

    return {
        "coalition": coalition,
        "counts": selectors.lead_start_counts(coalition, today=timezone.localdate()),
    }


def _practice_start_panel(request, practice):
    from coalition import access
    from practices.visits import selectors

    user = request.user
    visits = list(
        access.visible_visits(user)
        .filter(practice=practice, feedback_shared_at__isnull=False)
        .order_by("-feedback_shared_at")[:3]
    )
    actions = list(
        selectors.open_actions(
            access.visible_actions(user).filter(visit__practice=practice)
        )[:10]
    )
    return {
        "practice": practice,
        "visits": visits,
        "actions": actions,
        "today": timezone.localdate(),
    }


def _vendor_start_panel(request, _obj):
    """The vendor's start page: what waits for an answer, and its response times."""
    from coalition import access
    from practices.visits import vendor

    bottlenecks = list(vendor.vendor_inbox(request.user))
    return {
        "vendors": list(access.own_vendors(request.user)),
        "n_passed_on": len(bottlenecks),
        "n_unanswered": sum(
            1 for b in bottlenecks if not b.n_answers and b.status != "resolved"
        ),
        "response_times": vendor.vendor_response_times(
            vendors=access.own_vendors(request.user)
        ),
    }


def register() -> None:
    from coalition import navigation as nav
    from coalition import panels
    from coalition.models import Role

    readers = frozenset({Role.LEAD, Role.OFFICE, Role.PRACTICE})
    # One menu item: actions, planning, calendar and bottlenecks are one click away
    # in the section's own sub-menu (the main menu is shared by every app).
    nav.register(nav.NavItem(_("Bezoeken"), "visits:visit_list", readers, 30))
    # The office's inbox of bottlenecks passed on to it (issue 11.7).
    nav.register(
        nav.NavItem(
            _("Inbox knelpunten"),
            "visits:bottleneck_inbox",
            frozenset({Role.OFFICE}),
            31,
        )
    )
    # A vendor's user (issue 16): the bottlenecks passed on to their vendor.
    nav.register(
        nav.NavItem(_("Knelpunten"), "visits:vendor_home", frozenset({Role.VENDOR}), 30)
    )
    panels.register(
        panels.Panel(
            slot="start:vendor",
            template="practices/visits/vendor/start_panel.html",
            context=_vendor_start_panel,
            order=10,
        ),
    )
    panels.register(
        panels.Panel(
            slot="practice_detail",
            template="practices/visits/panels/practice_detail.html",
            context=_practice_panel,
            order=40,
        ),
        panels.Panel(
            slot="start:lead",
            template="practices/visits/panels/start_lead.html",
            context=_lead_panel,
            order=30,
        ),
        panels.Panel(
            slot="start:practice",
            template="practices/visits/panels/start_practice.html",
            context=_practice_start_panel,
            order=30,
        ),
    )
