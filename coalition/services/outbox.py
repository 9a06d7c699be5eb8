"""The e-mail outbox: queueing a message, sending it once, retrying what was not sent."""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone

from coalition import smtp
from coalition.models import Coalition, EmailMessage

log = logging.getLogger("coalition.services")  # the name it had before the split


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
