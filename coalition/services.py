"""Writes of the core: coalitions, memberships, invitations, and the e-mail outbox."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import (
    Coalition,
    EmailMessage,
    MemberOrganisation,
    Membership,
    Role,
    User,
)

if TYPE_CHECKING:
    from practices.models import Practice

log = logging.getLogger(__name__)

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


# --- memberships and invitations ------------------------------------------------------


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
) -> Membership:
    if practice is not None and coalition is None:
        coalition = practice.coalition
    membership = Membership(
        user=user, role=role, coalition=coalition, practice=practice
    )
    membership.full_clean()
    membership.save()
    membership_sync_groups(user=user)
    access.forget_scope(user)
    return membership


def password_setup_url(user: User) -> str:
    """A one-time link to choose a password: it stops working once one is set."""
    from allauth.account.forms import default_token_generator
    from allauth.account.utils import user_pk_to_url_str

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.SITE_URL.rstrip("/") + path


INVITATION_SALT = "coalition.invitation"
INVITATION_MAX_AGE = timedelta(days=14)


@transaction.atomic
def user_invite(
    *,
    by: User,
    email: str,
    role: str,
    coalition: Coalition,
    practice: Practice | None = None,
    first_name: str = "",
    last_name: str = "",
) -> Membership | None:
    """A lead invites someone into their coalition.

    A new user gets the role and a one-time link to set a password. An existing account
    is never taken over: its owner gets a link to accept the role after logging in
    (`invitation_accept`), and nothing changes until they do; the programme office's
    account is never invited (and the lead is not told it exists). Returns the
    membership when one was made now, None when it waits for acceptance.
    """
    if not access.can_invite_into(by, coalition, role):
        raise PermissionError("may not invite into this coalition")
    if role == Role.OFFICE:
        raise ValidationError(
            _("Een projectleider kan geen programmabureau uitnodigen.")
        )
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        _invite_existing(
            by=by, user=user, role=role, coalition=coalition, practice=practice
        )
        return None
    user = User(email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    membership = membership_create(
        user=user, role=role, coalition=coalition, practice=practice
    )
    context = {
        "user": user,
        "membership": membership,
        "role_label": membership.get_role_display(),
        "invited_by": by,
        "coalition": coalition,
        "is_new": True,
        "setup_url": password_setup_url(user),
    }
    email_queue(
        key=f"invite:{membership.pk}",
        to=user.email,
        template="coalition/email/invitation",
        context=context,
        coalition=coalition,
    )
    return membership


def _invite_existing(
    *,
    by: User,
    user: User,
    role: str,
    coalition: Coalition,
    practice: Practice | None,
) -> None:
    if access.scope(user).office or user.is_superuser or not user.is_active:
        return
    if Membership.objects.filter(
        user=user, role=role, coalition=coalition, practice=practice
    ).exists():
        raise ValidationError(_("Deze persoon heeft deze rol al."))
    token = signing.dumps(
        {
            "u": user.pk,
            "r": role,
            "c": coalition.pk,
            "p": practice.pk if practice else None,
            "b": by.pk,
        },
        salt=INVITATION_SALT,
    )
    path = reverse("coalition:invitation_accept", kwargs={"token": token})
    context = {
        "user": user,
        "role_label": Role(role).label,
        "invited_by": by,
        "coalition": coalition,
        "practice": practice,
        "is_new": False,
        "accept_url": settings.SITE_URL.rstrip("/") + path,
    }
    email_queue(
        key=f"invite:{user.pk}:{role}:{coalition.pk}:{practice.pk if practice else 0}:"
        f"{timezone.now():%Y%m%d%H%M%S}",
        to=user.email,
        template="coalition/email/invitation",
        context=context,
        coalition=coalition,
    )


def invitation_read(*, token: str, user: User) -> dict:
    """What an invitation link offers this user; ValidationError when it is not for
    them, expired or tampered with, or its inviter no longer leads the coalition."""
    from practices.models import Practice

    invalid = ValidationError(
        _(
            "Deze uitnodiging is niet (meer) geldig. Vraag de projectleider om een nieuwe."
        )
    )
    try:
        data = signing.loads(
            token,
            salt=INVITATION_SALT,
            max_age=INVITATION_MAX_AGE.total_seconds(),
        )
    except signing.BadSignature:
        raise invalid from None
    if data.get("u") != user.pk or data.get("r") not in Role.values:
        raise invalid
    coalition = Coalition.objects.filter(pk=data.get("c")).first()
    by = User.objects.filter(pk=data.get("b"), is_active=True).first()
    if (
        coalition is None
        or by is None
        or not access.can_invite_into(by, coalition, data["r"])
    ):
        raise invalid
    practice = None
    if data.get("p") is not None:
        practice = Practice.objects.filter(pk=data["p"], coalition=coalition).first()
        if practice is None:
            raise invalid
    return {
        "role": data["r"],
        "role_label": Role(data["r"]).label,
        "coalition": coalition,
        "practice": practice,
        "by": by,
    }


@transaction.atomic
def invitation_accept(*, token: str, user: User) -> Membership:
    """The invited person takes the role, logged in as themselves."""
    offer = invitation_read(token=token, user=user)
    if Membership.objects.filter(
        user=user,
        role=offer["role"],
        coalition=offer["coalition"],
        practice=offer["practice"],
    ).exists():
        raise ValidationError(_("U heeft deze rol al."))
    return membership_create(
        user=user,
        role=offer["role"],
        coalition=offer["coalition"],
        practice=offer["practice"],
    )


# --- the e-mail outbox ----------------------------------------------------------------


def email_queue(
    *,
    key: str,
    to: str,
    template: str,
    context: dict,
    coalition: Coalition | None = None,
    attachments: list[dict] | None = None,
) -> EmailMessage | None:
    """Record an e-mail under an idempotency key and send it after commit.

    `template` names `<template>_subject.txt`, `<template>.txt` and, optionally,
    `<template>.html`. Returns None when a message with this key exists already: the
    same notice is never sent twice. Attachments: dicts with filename, content (text)
    and mimetype.
    """
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context)
    try:
        html = render_to_string(f"{template}.html", context)
    except TemplateDoesNotExist:  # the html part is optional; a broken one is a bug
        html = ""
    try:
        with transaction.atomic():
            message = EmailMessage.objects.create(
                key=key,
                to=to,
                subject=subject[:250],
                body=body,
                html_body=html,
                coalition=coalition,
                attachments=attachments or [],
            )
    except IntegrityError:
        return None
    _send_on_commit(message.pk)
    return message


def _send_on_commit(message_id: int) -> None:
    from coalition.tasks import enqueue, send_email

    # robust: in-process (eager) sending must not break the request that queued it.
    enqueue(send_email, message_id)


class EmailDeliveryError(Exception):
    """The mail server did not take the message; the task retries with back-off."""


def email_send(*, message_id: int) -> bool:
    """Send one recorded message unless it was sent already. True when it was sent now."""
    with transaction.atomic():
        message = EmailMessage.objects.select_for_update().get(pk=message_id)
        if message.status == EmailMessage.Status.SENT:
            return False
        mail = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[message.to],
        )
        if message.html_body:
            mail.attach_alternative(message.html_body, "text/html")
        for item in message.attachments:
            mail.attach(item["filename"], item["content"], item.get("mimetype"))
        try:
            mail.send()
        except Exception as exc:  # noqa: BLE001 - recorded, then retried by the task
            error = f"{type(exc).__name__}: {exc}"
        else:
            message.status = EmailMessage.Status.SENT
            message.sent_at = timezone.now()
            message.attempts += 1
            message.last_error = ""
            message.save(update_fields=["status", "sent_at", "attempts", "last_error"])
            return True
    EmailMessage.objects.filter(pk=message_id).exclude(
        status=EmailMessage.Status.SENT
    ).update(
        status=EmailMessage.Status.FAILED,
        last_error=error[:2000],
        attempts=F("attempts") + 1,
    )
    log.warning("e-mail %s not sent: %s", message_id, error)
    raise EmailDeliveryError(error)


def email_retry_unsent(*, older_than_minutes: int = 10) -> int:
    """Queue again the messages that are still unsent (worker down, mail server away)."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    ids = list(
        EmailMessage.objects.exclude(status=EmailMessage.Status.SENT)
        .filter(created__lt=cutoff, attempts__lt=10)
        .values_list("pk", flat=True)[:500]
    )
    for pk in ids:
        _send_on_commit(pk)
    return len(ids)
