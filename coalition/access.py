"""The one place that decides who sees what.

Every query that feeds a page starts from a `visible_*` function here, and every write is
allowed by a `can_*` predicate here. Views never filter by role themselves. An object
outside a user's scope is looked up through the visible queryset, so it answers 404 and
its existence does not leak.

Apps add their own `visible_*` and `can_*` functions below, in their own section; this
module may import the apps' models, no model module imports this one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from coalition.models import (
    Coalition,
    FrameworkAgreement,
    Grant,
    MemberOrganisation,
    Membership,
    Role,
    User,
    Vendor,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from practices.models import Practice

    AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Scope:
    """What a user's memberships add up to; computed once per request."""

    roles: frozenset[str]
    office: bool
    lead_coalitions: frozenset[int]
    trainer_coalitions: frozenset[int]
    funder_coalitions: frozenset[int]
    practice_ids: frozenset[int]
    practice_coalitions: frozenset[int]

    @property
    def all_coalitions(self) -> frozenset[int]:
        return (
            self.lead_coalitions
            | self.trainer_coalitions
            | self.funder_coalitions
            | self.practice_coalitions
        )


_EMPTY = Scope(frozenset(), False, *(frozenset(),) * 5)


def scope(user: AnyUser) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return _EMPTY
    cached = getattr(user, "_coalition_scope", None)
    if cached is not None:
        return cached
    rows = list(
        Membership.objects.filter(user=user).values_list(
            "role", "coalition_id", "practice_id"
        )
    )

    def coalitions(role: str) -> frozenset[int]:
        return frozenset(c for r, c, _p in rows if r == role and c)

    result = Scope(
        roles=frozenset(r for r, _c, _p in rows),
        office=any(r == Role.OFFICE for r, _c, _p in rows),
        lead_coalitions=coalitions(Role.LEAD),
        trainer_coalitions=coalitions(Role.TRAINER),
        funder_coalitions=coalitions(Role.FUNDER),
        practice_ids=frozenset(p for r, _c, p in rows if r == Role.PRACTICE and p),
        practice_coalitions=coalitions(Role.PRACTICE),
    )
    user._coalition_scope = result
    return result


def forget_scope(user: AnyUser) -> None:
    """Drop the cached scope after memberships changed."""
    if hasattr(user, "_coalition_scope"):
        del user._coalition_scope


def roles(user: AnyUser) -> frozenset[str]:
    return scope(user).roles


def has_role(user: AnyUser, role: str) -> bool:
    return role in scope(user).roles


def get_or_404[M: Model](queryset: QuerySet[M], **lookup) -> M:
    """Fetch one object from a visible queryset; outside the scope it does not exist."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None


# --- coalitions and what belongs to them ---------------------------------------------


def managed_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """Coalitions the user runs as project lead."""
    return Coalition.objects.filter(pk__in=scope(user).lead_coalitions)


def visible_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    s = scope(user)
    if s.office:
        return Coalition.objects.all()
    return Coalition.objects.filter(pk__in=s.all_coalitions)


def report_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """Coalitions whose (aggregated) progress report the user may read."""
    s = scope(user)
    if s.office:
        return Coalition.objects.all()
    return Coalition.objects.filter(pk__in=s.lead_coalitions | s.funder_coalitions)


def visible_member_organisations(user: AnyUser) -> QuerySet[MemberOrganisation]:
    s = scope(user)
    qs = MemberOrganisation.objects.select_related("coalition")
    if s.office:
        return qs
    return qs.filter(coalition__in=s.lead_coalitions)


def visible_vendors(user: AnyUser) -> QuerySet[Vendor]:
    """Leads see the vendors their coalition works with; the office sees all."""
    s = scope(user)
    if s.office:
        return Vendor.objects.all()
    if not s.lead_coalitions:
        return Vendor.objects.none()
    from practices.models import Practice

    coalitions = s.lead_coalitions
    agreed = FrameworkAgreement.objects.filter(coalition__in=coalitions).values(
        "vendor"
    )
    his = Practice.objects.filter(coalition__in=coalitions).values("his_vendor")
    portal = Practice.objects.filter(coalition__in=coalitions).values("portal_vendor")
    return Vendor.objects.filter(pk__in=agreed.union(his, portal))


def visible_grants(user: AnyUser) -> QuerySet[Grant]:
    s = scope(user)
    qs = Grant.objects.select_related("funder", "coalition")
    if s.office:
        return qs
    return qs.filter(coalition__in=s.lead_coalitions | s.funder_coalitions)


def visible_memberships(user: AnyUser) -> QuerySet[Membership]:
    """The people a lead manages: memberships in the coalitions they lead."""
    s = scope(user)
    qs = Membership.objects.select_related("user", "coalition", "practice")
    if s.office:
        return qs
    return qs.filter(coalition__in=s.lead_coalitions)


def can_manage_coalition(user: AnyUser, coalition: Coalition | int) -> bool:
    pk = coalition if isinstance(coalition, int) else coalition.pk
    return pk in scope(user).lead_coalitions


def can_invite_users(user: AnyUser) -> bool:
    return bool(scope(user).lead_coalitions)


def can_use_cms(user: AnyUser) -> bool:
    """The Wagtail admin is for project leads (and superusers) only."""
    return user.is_authenticated and (
        user.is_superuser or bool(scope(user).lead_coalitions)
    )


def can_see_practice_level(user: AnyUser) -> bool:
    """Funders see aggregates only; every other role sees some practice-level data."""
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.practice_ids or s.trainer_coalitions)


# --- practices ------------------------------------------------------------------------


def visible_practices(user: AnyUser) -> QuerySet[Practice]:
    """Leads: their coalitions' practices; practice users: their own; office: all.

    Trainers and funders see no practice list (trainers see registrations through the
    sessions they give; funders see aggregates only).
    """
    from practices.models import Practice

    s = scope(user)
    if s.office:
        return Practice.objects.all()
    return Practice.objects.filter(
        Q(coalition__in=s.lead_coalitions) | Q(pk__in=s.practice_ids)
    )


def can_edit_practice(user: AnyUser, practice: Practice) -> bool:
    """Leads edit their coalition's practices; a practice user keeps its own details."""
    s = scope(user)
    return practice.coalition_id in s.lead_coalitions or practice.pk in s.practice_ids


def can_manage_practice(user: AnyUser, practice: Practice) -> bool:
    """Registry-level changes (rollout, cohort, leaving) are the lead's."""
    return practice.coalition_id in scope(user).lead_coalitions


# --- practices: rollout and registry (issue 3) ---------------------------------------


# --- practices: visits, actions, bottlenecks (issue 4) -------------------------------


# --- training (issue 5) ---------------------------------------------------------------


# --- content (issue 6) ----------------------------------------------------------------


# --- surveys (issue 7) ----------------------------------------------------------------
