"""A user's scope: what their memberships add up to, computed once per request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet
from django.http import Http404

from coalition.models import Membership, Role, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

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


def get_or_404[M: Model](queryset: QuerySet[M], **lookup: Any) -> M:
    """Fetch one object from a visible queryset; outside the scope it does not exist."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None
