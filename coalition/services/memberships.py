"""Coalitions and memberships: creating them and keeping the leads' group in step."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import (
    Coalition,
    MemberOrganisation,
    Membership,
    Role,
    User,
    Vendor,
)

if TYPE_CHECKING:
    from practices.models import Practice

LEADS_GROUP = "Projectleiders"


# --- coalitions -------------------------------------------------------------------------


@transaction.atomic
def coalition_create(
    *,
    name: str,
    slug: str,
    region: str,
    members: Iterable[tuple[str, str]],
    province: str = "",
) -> Coalition:
    """Create a coalition with its member organisations (name, kind); at least two."""
    members = list(members)
    if len(members) < Coalition.MIN_MEMBER_ORGANISATIONS:
        raise ValidationError(
            _("Een coalitie bestaat uit minstens twee lidorganisaties.")
        )
    coalition = Coalition(name=name, slug=slug, region=region, province=province)
    coalition.full_clean()
    coalition.save()
    for member_name, kind in members:
        org = MemberOrganisation(coalition=coalition, name=member_name, kind=kind)
        org.full_clean()
        org.save()
    return coalition


# --- memberships ----------------------------------------------------------------------


def _leads_group() -> Group:
    group, created = Group.objects.get_or_create(name=LEADS_GROUP)
    if created or not group.permissions.filter(codename="access_admin").exists():
        group.permissions.add(
            Permission.objects.get(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
        )
    return group


def membership_sync_groups(*, user: User) -> None:
    """Project leads get the Wagtail admin (content editing); nobody else does."""
    is_lead = user.memberships.filter(role=Role.LEAD).exists()
    group = _leads_group()
    if is_lead:
        user.groups.add(group)
    else:
        user.groups.remove(group)


@transaction.atomic
def membership_create(
    *,
    user: User,
    role: str,
    coalition: Coalition | None = None,
    practice: Practice | None = None,
    vendor: Vendor | None = None,
) -> Membership:
    if practice is not None and coalition is None:
        coalition = practice.coalition
    membership = Membership(
        user=user, role=role, coalition=coalition, practice=practice, vendor=vendor
    )
    membership.full_clean()
    membership.save()
    membership_sync_groups(user=user)
    access.forget_scope(user)
    return membership
