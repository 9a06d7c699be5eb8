"""Coalition administration: users, member organisations, agreements, grants."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from coalition.access.coalitions import can_manage_coalition
from coalition.access.scoping import scope
from coalition.models import (
    Coalition,
    FrameworkAgreement,
    Grant,
    MemberOrganisation,
    Membership,
    Role,
    User,
)

if TYPE_CHECKING:
    from coalition.access.scoping import AnyUser


# --- users of a coalition (issue 11.4) ------------------------------------------------


def admin_users(user: AnyUser) -> QuerySet[User]:
    """The accounts a lead manages: everyone with a role in a coalition they lead,
    except the programme office and superusers (never a lead's to change)."""
    s = scope(user)
    if not s.lead_coalitions:
        return User.objects.none()
    office = Membership.objects.filter(role=Role.OFFICE).values("user")
    return (
        User.objects.filter(memberships__coalition__in=s.lead_coalitions)
        .exclude(pk__in=office)
        .exclude(is_superuser=True)
        .distinct()
    )


def can_deactivate_user(user: AnyUser, target: User) -> bool:
    """A lead switches off an account only when every role it holds is in a coalition
    they lead (an account shared with another coalition is not theirs alone), and never
    their own."""
    s = scope(user)
    if not s.lead_coalitions or target.pk == user.pk:
        return False
    coalitions = set(
        Membership.objects.filter(user=target).values_list("coalition_id", flat=True)
    )
    return (
        bool(coalitions) and None not in coalitions and coalitions <= s.lead_coalitions
    )


# --- coalition administration: member organisations, agreements, grants, the office's
# coalitions (issue 11, parts 1, 3 and 8) ---------------------------------------------


def managed_member_organisations(user: AnyUser) -> QuerySet[MemberOrganisation]:
    """Member organisations a lead maintains: those of the coalitions they lead (the
    office reads them on its own coalition pages, it does not edit them)."""
    return MemberOrganisation.objects.select_related("coalition").filter(
        coalition__in=scope(user).lead_coalitions
    )


def managed_agreements(user: AnyUser) -> QuerySet[FrameworkAgreement]:
    return FrameworkAgreement.objects.select_related("coalition", "vendor").filter(
        coalition__in=scope(user).lead_coalitions
    )


def managed_grants(user: AnyUser) -> QuerySet[Grant]:
    return Grant.objects.select_related("coalition", "funder").filter(
        coalition__in=scope(user).lead_coalitions
    )


def can_administer_coalitions(user: AnyUser) -> bool:
    """Founding coalitions, editing their details and inviting their leads is the
    national programme office's work."""
    return scope(user).office


def administered_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    if not can_administer_coalitions(user):
        return Coalition.objects.none()
    return Coalition.objects.all()


def can_invite_into(user: AnyUser, coalition: Coalition | int, role: str) -> bool:
    """Who may invite someone to a role in a coalition: its leads (any role but the
    office's: the invitation service refuses that role), and the programme office (a
    coalition's leads)."""
    if can_manage_coalition(user, coalition):
        return True
    return role == Role.LEAD and can_administer_coalitions(user)
