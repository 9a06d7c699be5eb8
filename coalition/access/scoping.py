"""A user's scope: what their memberships add up to, computed once per request."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
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
    # Whether the user had an authenticator app (TOTP) when the scope was read: for
    # RequireMFAMiddleware, which needs it on every request of a lead, trainer or
    # the office, so it comes with the memberships rather than in a query of its own.
    # Only meaningful for a user with a membership (without one, no MFA is required).
    has_totp: bool = False

    @property
    def all_coalitions(self) -> frozenset[int]:
        return (
            self.lead_coalitions
            | self.trainer_coalitions
            | self.funder_coalitions
            | self.practice_coalitions
        )


_EMPTY = Scope(frozenset(), False, *(frozenset(),) * 5)


@functools.cache
def _scope_sql() -> tuple[str, str]:
    """The user's memberships (role, coalition, practice) and, on each row, whether
    the user has an authenticator app: written out once, because this runs on every
    request of a logged-in user and the ORM took longer to build the query (with its
    EXISTS, and a join for Membership's default ordering by user) than PostgreSQL
    took to answer it. With it, the parameter for the authenticator's type."""
    from allauth.mfa.models import Authenticator

    q = connection.ops.quote_name

    def col(model, name: str) -> str:
        return q(model._meta.get_field(name).column)

    m, a = Membership, Authenticator
    sql = (
        f"SELECT m.{col(m, 'role')}, m.{col(m, 'coalition')}, m.{col(m, 'practice')}, "
        f"EXISTS (SELECT 1 FROM {q(a._meta.db_table)} a "
        f"WHERE a.{col(a, 'user')} = m.{col(m, 'user')} AND a.{col(a, 'type')} = %s) "
        f"FROM {q(m._meta.db_table)} m WHERE m.{col(m, 'user')} = %s"
    )
    return sql, str(Authenticator.Type.TOTP)


def scope(user: AnyUser) -> Scope:
    if not user.is_authenticated or not user.is_active:
        return _EMPTY
    cached = getattr(user, "_coalition_scope", None)
    if cached is not None:
        return cached
    with connection.cursor() as cursor:
        sql, totp = _scope_sql()
        cursor.execute(sql, [totp, user.pk])
        rows = [(r, c, p, bool(t)) for r, c, p, t in cursor.fetchall()]

    def coalitions(role: str) -> frozenset[int]:
        return frozenset(c for r, c, _p, _t in rows if r == role and c)

    result = Scope(
        roles=frozenset(r for r, _c, _p, _t in rows),
        office=any(r == Role.OFFICE for r, _c, _p, _t in rows),
        lead_coalitions=coalitions(Role.LEAD),
        trainer_coalitions=coalitions(Role.TRAINER),
        funder_coalitions=coalitions(Role.FUNDER),
        practice_ids=frozenset(p for r, _c, p, _t in rows if r == Role.PRACTICE and p),
        practice_coalitions=coalitions(Role.PRACTICE),
        has_totp=any(t for _r, _c, _p, t in rows),
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
