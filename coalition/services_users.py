"""Writes a project lead makes to the accounts of their coalition: change a role, move
a practice user, deactivate and reactivate, send an invitation again.

Role changes and moves are saved on the membership, whose history (django-simple-history,
with the request's user) says who changed what and when; the account-level changes are
recorded as `UserEvent` rows. `coalition.access` decides whose account a lead may touch
(`admin_users`, `can_deactivate_user`), and the views ask it before they call these
services (README, "Services trust their caller's access check").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import Membership, Role, User, UserEvent
from coalition.services import email_queue, membership_sync_groups, password_setup_url

if TYPE_CHECKING:
    from practices.models import Practice


def _not_own(by: User, membership: Membership) -> Membership:
    if membership.user_id == by.pk:
        raise ValidationError(_("Uw eigen rol wijzigt een andere projectleider."))
    return membership


@transaction.atomic
def membership_change_role(
    *, by: User, membership: Membership, role: str, practice: Practice | None = None
) -> Membership:
    """Another role in the same coalition; a practice user needs a practice of it."""
    _not_own(by, membership)
    if role == Role.OFFICE or role not in Role.values:
        raise ValidationError(_("Deze rol kan een projectleider niet toekennen."))
    if role == Role.PRACTICE:
        if practice is None:
            raise ValidationError(_("Kies de praktijk van deze praktijkgebruiker."))
    else:
        practice = None
    if practice is not None and practice.coalition_id != membership.coalition_id:
        raise ValidationError(_("Deze praktijk hoort niet bij deze coalitie."))
    membership.role = role
    membership.practice = practice
    membership._change_reason = "role"
    membership.full_clean()
    membership.save()
    membership_sync_groups(user=membership.user)
    access.forget_scope(membership.user)
    return membership


@transaction.atomic
def membership_move_practice(
    *, by: User, membership: Membership, practice: Practice
) -> Membership:
    """A practice user goes to another practice of the same coalition."""
    _not_own(by, membership)
    if membership.role != Role.PRACTICE:
        raise ValidationError(
            _("Alleen een praktijkgebruiker verhuist naar een praktijk.")
        )
    if practice.coalition_id != membership.coalition_id:
        raise ValidationError(_("Deze praktijk hoort niet bij deze coalitie."))
    if practice.pk == membership.practice_id:
        raise ValidationError(_("Deze gebruiker hoort al bij deze praktijk."))
    membership.practice = practice
    membership._change_reason = "move"
    membership.full_clean()
    membership.save()
    access.forget_scope(membership.user)
    return membership


def _end_sessions(user: User) -> int:
    """Delete every stored session of this user. (Django's auth also refuses an inactive
    user on the next request; this clears what is left behind.)"""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, by: User, user: User) -> User:
    if not user.is_active:
        raise ValidationError(_("Dit account is al gedeactiveerd."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    UserEvent.objects.create(
        user=user, kind=UserEvent.Kind.DEACTIVATED, by=by, coalition=_first(by, user)
    )
    transaction.on_commit(lambda: _end_sessions(user))
    return user


@transaction.atomic
def user_reactivate(*, by: User, user: User) -> User:
    if user.is_active:
        raise ValidationError(_("Dit account is al actief."))
    user.is_active = True
    user.save(update_fields=["is_active"])
    UserEvent.objects.create(
        user=user, kind=UserEvent.Kind.REACTIVATED, by=by, coalition=_first(by, user)
    )
    return user


def _first(by: User, user: User):
    m = (
        Membership.objects.filter(
            user=user, coalition__in=access.scope(by).lead_coalitions
        )
        .select_related("coalition")
        .order_by("pk")
        .first()
    )
    return m.coalition if m else None


@transaction.atomic
def user_resend_invitation(*, by: User, user: User) -> None:
    """Send the invitation again with a fresh link to choose a password: for someone
    who never logged in and has no password yet (anyone else logs in or resets)."""
    if not user.is_active:
        raise ValidationError(_("Dit account is gedeactiveerd."))
    if user.last_login is not None or user.has_usable_password():
        raise ValidationError(
            _("Deze persoon heeft al een wachtwoord; een uitnodiging is niet nodig.")
        )
    membership = (
        Membership.objects.filter(
            user=user, coalition__in=access.scope(by).lead_coalitions
        )
        .select_related("coalition")
        .order_by("pk")
        .first()
    )
    event = UserEvent.objects.create(
        user=user,
        kind=UserEvent.Kind.INVITATION_RESENT,
        by=by,
        coalition=membership.coalition,
    )
    email_queue(
        key=f"invite:{membership.pk}:again:{event.pk}",
        to=user.email,
        template="coalition/email/invitation",
        context={
            "user": user,
            "membership": membership,
            "role_label": membership.get_role_display(),
            "invited_by": by,
            "coalition": membership.coalition,
            "is_new": True,
            "setup_url": password_setup_url(user),
        },
        coalition=membership.coalition,
    )
