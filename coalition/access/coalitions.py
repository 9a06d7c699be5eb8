"""Coalitions and what belongs to them: members, vendors, grants, memberships."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from coalition.access.scoping import scope
from coalition.models import (
    Coalition,
    FrameworkAgreement,
    Grant,
    MemberOrganisation,
    Membership,
    Vendor,
)

if TYPE_CHECKING:
    from coalition.access.scoping import AnyUser


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


def can_read_progress_report(user: AnyUser) -> bool:
    """The funder progress report is for leads, funders and the office; anyone else
    would only see an empty page."""
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.funder_coalitions)


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
    """The Wagtail admin is for project leads, the programme office (the national
    pages) and superusers."""
    if not user.is_authenticated:
        return False
    s = scope(user)
    return user.is_superuser or s.office or bool(s.lead_coalitions)


def can_see_practice_level(user: AnyUser) -> bool:
    """Funders see aggregates only; every other role sees some practice-level data."""
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.practice_ids or s.trainer_coalitions)
