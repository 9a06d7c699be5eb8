"""Practice visits, follow-up actions and bottlenecks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from coalition.access.scoping import scope
from coalition.models import Coalition, Role

if TYPE_CHECKING:
    from coalition.access.scoping import AnyUser
    from practices.models import Practice
    from practices.visits.models import Bottleneck, FollowUpAction, Visit


# --- practices: visits, actions, bottlenecks (issue 4) -------------------------------


def visible_visits(user: AnyUser) -> QuerySet[Visit]:
    """Leads: every visit in their coalitions; office: all; a practice user: the visits
    of their own practice whose feedback has been shared (before that a visit is the
    lead's working notes)."""
    from practices.visits.models import Visit

    s = scope(user)
    qs = Visit.objects.select_related("practice")
    if s.office:
        return qs
    return qs.filter(
        Q(practice__coalition__in=s.lead_coalitions)
        | Q(practice__in=s.practice_ids, feedback_shared_at__isnull=False)
    )


def visible_actions(user: AnyUser) -> QuerySet[FollowUpAction]:
    """Follow-up actions of the visits the user sees."""
    from practices.visits.models import FollowUpAction

    s = scope(user)
    qs = FollowUpAction.objects.select_related("visit__practice", "owner_user")
    if s.office:
        return qs
    return qs.filter(
        Q(visit__practice__coalition__in=s.lead_coalitions)
        | Q(
            visit__practice__in=s.practice_ids,
            visit__feedback_shared_at__isnull=False,
        )
    )


def visible_bottlenecks(user: AnyUser) -> QuerySet[Bottleneck]:
    """Leads: their coalitions'; office: all; a practice user: their practice's own,
    except those from a visit whose feedback is not shared yet."""
    from practices.visits.models import Bottleneck

    s = scope(user)
    qs = Bottleneck.objects.select_related("practice", "vendor", "visit")
    if s.office:
        return qs
    return qs.filter(
        Q(practice__coalition__in=s.lead_coalitions)
        | (
            Q(practice__in=s.practice_ids)
            & (Q(visit__isnull=True) | Q(visit__feedback_shared_at__isnull=False))
        )
    )


def can_see_visits(user: AnyUser) -> bool:
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.practice_ids)


def can_plan_visits(user: AnyUser) -> bool:
    """Planning and writing visits is the project lead's work."""
    return bool(scope(user).lead_coalitions)


def can_edit_visit(user: AnyUser, visit: Visit) -> bool:
    return visit.practice.coalition_id in scope(user).lead_coalitions


def can_reply_to_visit(user: AnyUser, visit: Visit) -> bool:
    """The practice answers feedback that was shared with it."""
    return visit.practice_id in scope(user).practice_ids and visit.is_shared


def can_complete_action(user: AnyUser, action: FollowUpAction) -> bool:
    """Leads close any action of their coalition; the practice closes its own."""
    s = scope(user)
    practice = action.visit.practice
    if practice.coalition_id in s.lead_coalitions:
        return True
    return (
        action.owner == "practice"
        and practice.pk in s.practice_ids
        and action.visit.is_shared
    )


def can_raise_bottleneck(user: AnyUser, practice: Practice) -> bool:
    s = scope(user)
    return practice.coalition_id in s.lead_coalitions or practice.pk in s.practice_ids


def can_manage_bottleneck(user: AnyUser, bottleneck: Bottleneck) -> bool:
    """Passing on and closing bottlenecks is the lead's."""
    return bottleneck.practice.coalition_id in scope(user).lead_coalitions


def visible_office_inbox(user: AnyUser) -> QuerySet[Bottleneck]:
    """Bottlenecks passed on to the national programme office: the office's inbox.
    Nobody else has one (a lead follows their own on the bottleneck list)."""
    from practices.visits.models import Bottleneck

    if not scope(user).office:
        return Bottleneck.objects.none()
    return Bottleneck.objects.select_related(
        "practice__coalition", "vendor", "visit"
    ).filter(passed_to=Bottleneck.PassedTo.OFFICE)


def can_see_office_inbox(user: AnyUser) -> bool:
    return scope(user).office


def can_handle_office_bottleneck(user: AnyUser, bottleneck: Bottleneck) -> bool:
    """The office passes on to the vendor, or resolves, what was passed on to it."""
    return (
        scope(user).office
        and bottleneck.passed_to == "office"
        and bottleneck.status == "passed_on"
    )


def visit_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """Coalitions whose visits, actions or bottlenecks the user may see: the choices
    of the lists' coalition filter."""
    s = scope(user)
    if s.office:
        return Coalition.objects.all()
    return Coalition.objects.filter(pk__in=s.lead_coalitions | s.practice_coalitions)


def sees_several_visit_coalitions(user: AnyUser) -> bool:
    """Whether the visit lists mix coalitions (then they show a coalition column)."""
    s = scope(user)
    if s.office:
        return Coalition.objects.count() > 1
    return len(s.lead_coalitions | s.practice_coalitions) > 1


def can_see_visit_planning(user: AnyUser) -> bool:
    """The yearly planning, the calendar and the bottlenecks per vendor: leads and the
    office (as those views' roles say)."""
    return bool(scope(user).roles & {Role.LEAD, Role.OFFICE})


def can_see_shared_visits(user: AnyUser) -> bool:
    """A practice sees the visits whose feedback was shared with it (the list says
    so)."""
    return Role.PRACTICE in scope(user).roles
