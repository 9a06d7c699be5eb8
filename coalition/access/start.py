"""The start page: which sections a user's memberships open, as capabilities."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coalition.access.coalitions import report_coalitions, visible_coalitions
from coalition.access.practices import visible_practices
from coalition.access.scoping import scope
from coalition.models import Role

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from coalition.access.scoping import AnyUser
    from coalition.models import Coalition
    from practices.models import Practice


def has_any_role(user: AnyUser) -> bool:
    """Without one the platform shows nothing but how to get one."""
    return bool(scope(user).roles)


def can_see_lead_overview(user: AnyUser) -> bool:
    return bool(scope(user).lead_coalitions)


def can_see_all_coalitions(user: AnyUser) -> bool:
    """Every coalition side by side is the programme office's view."""
    return scope(user).office


def can_see_funded_coalitions(user: AnyUser) -> bool:
    return bool(scope(user).funder_coalitions)


def funded_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """The coalitions a funder funds (as funder; not those they also lead)."""
    return report_coalitions(user).filter(pk__in=scope(user).funder_coalitions)


def can_see_own_practice(user: AnyUser) -> bool:
    return bool(scope(user).practice_ids)


def own_practices(user: AnyUser) -> QuerySet[Practice]:
    """The practices a practice user works at (not those they see as lead)."""
    return visible_practices(user).filter(pk__in=scope(user).practice_ids)


def can_give_training(user: AnyUser) -> bool:
    return bool(scope(user).trainer_coalitions)


def trainer_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """The coalitions a trainer gives training for."""
    return visible_coalitions(user).filter(pk__in=scope(user).trainer_coalitions)


def can_see_vendor_inbox(user: AnyUser) -> bool:
    """A vendor's people answer what was passed on to their vendor."""
    return Role.VENDOR in scope(user).roles
