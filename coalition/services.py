"""Writes of the core: coalitions, memberships, invitations, and the e-mail outbox."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import timedelta
from email.utils import make_msgid
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import access, smtp
from coalition.models import (
    Coalition,
    EmailMessage,
    MemberOrganisation,
    Membership,
    Role,
    User,
    Vendor,
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
    vendor: Vendor | None = None,
) -> Membership | None:
    """A lead invites someone into their coalition (or a vendor's user: see
    `vendor_user_invite`).

    A new user gets the role and a one-time link to set a password. An existing account
    is never taken over: its owner gets a link to accept the role after logging in
    (`invitation_accept`), and nothing changes until they do; the programme office's
    account is never invited (and the lead is not told it exists). Returns the
    membership when one was made now, None when it waits for acceptance.
    """
    if role == Role.VENDOR or vendor is not None:
        return vendor_user_invite(
            by=by,
            email=email,
            vendor=vendor,
            first_name=first_name,
            last_name=last_name,
            coalition=coalition,
        )
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


@transaction.atomic
def vendor_user_invite(
    *,
    by: User,
    email: str,
    vendor: Vendor | None,
    first_name: str = "",
    last_name: str = "",
    coalition: Coalition | None = None,
) -> Membership | None:
    """The office, or a lead whose coalition works with the vendor, invites one of the
    vendor's people (issue 16). Same rules as `user_invite`: a new account gets a link
    to set a password, an existing one a link to accept after logging in. `coalition`
    only names who invites in the e-mail; the role belongs to no coalition."""
    if vendor is None:
        raise ValidationError({"vendor": _("Kies de leverancier.")})
    if not access.can_invite_vendor_user(by, vendor):
        raise PermissionError("may not invite this vendor's users")
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    context = {
        "role_label": Role.VENDOR.label,
        "invited_by": by,
        "coalition": coalition,
        "vendor": vendor,
    }
    if user is not None:
        if access.scope(user).office or user.is_superuser or not user.is_active:
            return None
        if Membership.objects.filter(user=user, role=Role.VENDOR).exists():
            raise ValidationError(
                _("Deze persoon is al gebruiker van een leverancier.")
            )
        token = signing.dumps(
            {"u": user.pk, "r": Role.VENDOR, "v": vendor.pk, "b": by.pk},
            salt=INVITATION_SALT,
        )
        path = reverse("coalition:invitation_accept", kwargs={"token": token})
        email_queue(
            key=f"invite:{user.pk}:vendor:{vendor.pk}:{timezone.now():%Y%m%d%H%M%S}",
            to=user.email,
            template="coalition/email/invitation",
            context={
                **context,
                "user": user,
                "is_new": False,
                "accept_url": settings.SITE_URL.rstrip("/") + path,
            },
            coalition=coalition,
        )
        return None
    user = User(email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    membership = membership_create(user=user, role=Role.VENDOR, vendor=vendor)
    email_queue(
        key=f"invite:{membership.pk}",
        to=user.email,
        template="coalition/email/invitation",
        context={
            **context,
            "user": user,
            "membership": membership,
            "is_new": True,
            "setup_url": password_setup_url(user),
        },
        coalition=coalition,
    )
    return membership


def _vendor_invitation_read(data: dict, user: User, invalid: ValidationError) -> dict:
    vendor = Vendor.objects.filter(pk=data.get("v")).first()
    by = User.objects.filter(pk=data.get("b"), is_active=True).first()
    if vendor is None or by is None or not access.can_invite_vendor_user(by, vendor):
        raise invalid
    return {
        "role": Role.VENDOR.value,
        "role_label": Role.VENDOR.label,
        "coalition": None,
        "practice": None,
        "vendor": vendor,
        "by": by,
    }


def invitation_read(*, token: str, user: User) -> dict:
    """What an invitation link offers this user; ValidationError when it is not for
    them, expired or tampered with, or its inviter no longer leads the coalition."""
    from practices.selectors import practice_of_coalition

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
    if data["r"] == Role.VENDOR:
        return _vendor_invitation_read(data, user, invalid)
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
        practice = practice_of_coalition(coalition, data["p"])
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
    if offer["role"] == Role.VENDOR:
        if Membership.objects.filter(user=user, role=Role.VENDOR).exists():
            raise ValidationError(_("U heeft deze rol al."))
        return membership_create(user=user, role=Role.VENDOR, vendor=offer["vendor"])
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
                message_id=_new_message_id(),
            )
    except IntegrityError:
        return None
    _send_on_commit(message.pk)
    return message


def _send_on_commit(message_id: int) -> None:
    from coalition.tasks import enqueue, send_email

    # robust: in-process (eager) sending must not break the request that queued it.
    enqueue(send_email, message_id)


def _new_message_id() -> str:
    """The Message-ID of every attempt at one message: a retry is recognisable."""
    return make_msgid(idstring="outbox", domain=urlsplit(settings.SITE_URL).hostname)


class EmailDeliveryError(Exception):
    """The mail server did not take the message; the task retries with back-off."""


def email_claim_timeout() -> timedelta:
    """How long a claim holds: longer than a task may live (the hard time limit kills
    it), so a claim this old belongs to a worker that is gone."""
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def _claimable(now) -> Q:
    return Q(status__in=[EmailMessage.Status.QUEUED, EmailMessage.Status.FAILED]) | Q(
        status=EmailMessage.Status.SENDING,
        handed_over_at__isnull=True,
        claimed_at__lt=now - email_claim_timeout(),
    )


def email_send(*, message_id: int) -> bool:
    """Send one recorded message unless it was sent, or is being sent, already. True
    when it was sent now.

    Exactly once where that can be known: the row is claimed in one conditional UPDATE
    (committed before the mail server is contacted), the handover — the final "." of
    DATA — is recorded before it happens (coalition.smtp), and "sent" after the server's
    250. A failure before the handover, or the server's refusal, is retried; a lost
    connection after the handover leaves the message "unconfirmed" and it is not sent
    again: a second copy is worse than the office checking one message.
    """
    now = timezone.now()
    claimed = EmailMessage.objects.filter(_claimable(now), pk=message_id).update(
        status=EmailMessage.Status.SENDING,
        claimed_at=now,
        handed_over_at=None,
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return False  # sent, being sent, unconfirmed, or gone
    message = EmailMessage.objects.get(pk=message_id)
    if not message.message_id:  # a row from before Message-IDs were recorded
        message.message_id = _new_message_id()
        message.save(update_fields=["message_id"])
    mine = EmailMessage.objects.filter(
        pk=message_id, status=EmailMessage.Status.SENDING, claimed_at=now
    )

    def hand_over() -> None:
        if not mine.update(handed_over_at=timezone.now()):
            raise EmailDeliveryError("claim lost before the handover")

    mail = EmailMultiAlternatives(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers={"Message-ID": message.message_id},
    )
    if message.html_body:
        mail.attach_alternative(message.html_body, "text/html")
    for item in message.attachments:
        mail.attach(item["filename"], item["content"], item.get("mimetype"))
    failure: Exception | None = None
    with smtp.delivery(hand_over) as delivery:
        try:
            mail.send()
        except Exception as exc:  # noqa: BLE001 - recorded, then retried or not
            failure = exc
    if failure is None or delivery.accepted:
        mine.update(
            status=EmailMessage.Status.SENT, sent_at=timezone.now(), last_error=""
        )
        return True
    error = f"{type(failure).__name__}: {failure}"[:2000]
    refused = isinstance(failure, smtplib.SMTPResponseException)
    if delivery.handed_over and not refused:
        mine.update(status=EmailMessage.Status.UNCONFIRMED, last_error=error)
        log.error(
            "e-mail %s handed over, answer lost (%s): not sent again", message_id, error
        )
        return False
    mine.update(status=EmailMessage.Status.FAILED, last_error=error)
    log.warning("e-mail %s not sent: %s", message_id, error)
    raise EmailDeliveryError(error)


def email_retry_unsent(
    *, older_than_minutes: int = 10, claim_timeout: timedelta | None = None
) -> int:
    """Queue again the messages that are still unsent (worker down, mail server away,
    a worker killed before its handover); a claim whose worker died after the handover
    becomes "unconfirmed" and is not sent again."""
    now = timezone.now()
    stale = now - (email_claim_timeout() if claim_timeout is None else claim_timeout)
    lost = EmailMessage.objects.filter(
        status=EmailMessage.Status.SENDING,
        handed_over_at__isnull=False,
        claimed_at__lt=stale,
    ).update(
        status=EmailMessage.Status.UNCONFIRMED,
        last_error="worker stopped after the handover; not sent again",
    )
    if lost:
        log.error("%s e-mail(s) handed over without a recorded answer", lost)
    # Claims of workers that died before the handover: taken back (one conditional
    # UPDATE each, so a claim renewed meanwhile is left alone) and queued at once.
    dead = EmailMessage.objects.filter(
        status=EmailMessage.Status.SENDING,
        handed_over_at__isnull=True,
        claimed_at__lt=stale,
    )
    taken_back = [
        pk
        for pk, attempts in dead.values_list("pk", "attempts")[:500]
        if dead.filter(pk=pk).update(
            status=EmailMessage.Status.FAILED,
            last_error="worker stopped before the handover",
        )
        and attempts < 10
    ]
    cutoff = now - timedelta(minutes=older_than_minutes)
    ids = taken_back + list(
        EmailMessage.objects.filter(
            status__in=[EmailMessage.Status.QUEUED, EmailMessage.Status.FAILED],
            created__lt=cutoff,
            attempts__lt=10,
        )
        .exclude(pk__in=taken_back)
        .values_list("pk", flat=True)[: 500 - len(taken_back)]
    )
    for pk in ids:
        _send_on_commit(pk)
    return len(ids)
