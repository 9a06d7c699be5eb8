"""Reminders before a session, invitations to close a practice's training gap, and
messages to a session's participants."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import User
from coalition.services import email_queue
from training.models import Registration, Session, SessionMessage
from training.services.registrations import _email_context, _site

if TYPE_CHECKING:
    from practices.models import Practice

# --- reminders and invitations --------------------------------------------------------


def session_send_reminders(*, today=None) -> int:
    """Remind confirmed people two days before their session, once each."""
    today = today or timezone.localdate()
    day = today + timedelta(days=2)
    sent = 0
    registrations = (
        Registration.objects.confirmed()
        .filter(
            session__status=Session.Status.PLANNED,
            session__starts_at__date=day,
            reminder_sent_at__isnull=True,
        )
        .select_related("session__course__coalition")
    )
    for registration in registrations:
        with transaction.atomic():
            message = email_queue(
                key=f"training:reminder:{registration.pk}",
                to=registration.email,
                template="training/email/reminder",
                context=_email_context(registration),
                coalition=registration.session.course.coalition,
            )
            Registration.objects.filter(pk=registration.pk).update(
                reminder_sent_at=timezone.now()
            )
        sent += message is not None
    return sent


def coverage_invite(*, practice: Practice, by: User | None = None) -> int:
    """Invite a practice to upcoming sessions of the required module, naming exactly
    the roles it still misses. Idempotent per practice, roles and sessions offered."""
    from coalition.models import Membership, Role
    from training.selectors import coverage_for_practice, sessions_for_roles

    coverage = coverage_for_practice(practice)
    missing = [r for r in coverage["roles"] if r["required"] and not r["trained"]]
    if not missing:
        return 0
    codes = [r["role"] for r in missing]
    sessions = list(sessions_for_roles(coalition_id=practice.coalition_id, roles=codes))
    if not sessions:
        raise ValidationError(
            _("Er zijn geen komende sessies van de verplichte module voor deze rollen.")
        )
    recipients = {c.email.lower() for c in practice.contacts.all()}
    recipients |= {
        email.lower()
        for email in Membership.objects.filter(
            practice=practice, role=Role.PRACTICE, user__is_active=True
        ).values_list("user__email", flat=True)
    }
    offered = "-".join(str(s.pk) for s in sessions)
    context = {
        "practice": practice,
        "missing": missing,
        "sessions": [
            {
                "session": s,
                "starts": timezone.localtime(s.starts_at),
                "url": _site(s.get_absolute_url()),
            }
            for s in sessions
        ],
        "register_url": _site(reverse("training:session_list")),
    }
    sent = 0
    for to in sorted(recipients):
        message = email_queue(
            key=f"training:invite:{practice.pk}:{'+'.join(codes)}:{offered}:{to}",
            to=to,
            template="training/email/coverage_invite",
            context=context,
            coalition=practice.coalition,
        )
        sent += message is not None
    return sent


# --- messages to participants ---------------------------------------------------------

MESSAGE_REPEAT_WINDOW = timedelta(minutes=30)

AUDIENCE_STATUSES = {
    SessionMessage.Audience.CONFIRMED: [Registration.Status.CONFIRMED],
    SessionMessage.Audience.WAITLISTED: [Registration.Status.WAITLISTED],
    SessionMessage.Audience.BOTH: [
        Registration.Status.CONFIRMED,
        Registration.Status.WAITLISTED,
    ],
}


@transaction.atomic
def session_message_send(
    *,
    session: Session,
    audience: str,
    subject: str,
    body: str,
    by: User,
    key: str,
) -> tuple[SessionMessage, bool]:
    """E-mail the session's people (through the outbox) and keep the message.

    `key` comes from the form: the same form sent twice sends once. Returns the
    message and whether it was sent now (False for a repeat).
    """
    subject, body = (subject or "").strip(), (body or "").strip()
    existing = SessionMessage.objects.filter(idempotency_key=key).first()
    if existing is None:
        # The back button brings the filled-in form back with a fresh key: the same
        # text to the same people from the same sender a moment ago is that repeat.
        existing = SessionMessage.objects.filter(
            session=session,
            audience=audience,
            subject=subject,
            body=body,
            sent_by=by,
            sent_at__gte=timezone.now() - MESSAGE_REPEAT_WINDOW,
        ).first()
    if existing is not None:
        return existing, False
    locked = (
        Session.objects.select_for_update()
        .select_related("course__coalition")
        .get(pk=session.pk)
    )
    message = SessionMessage(
        session=locked,
        audience=audience,
        subject=subject,
        body=body,
        sent_by=by,
        idempotency_key=key,
    )
    message.full_clean()
    try:
        with transaction.atomic():
            message.save()
    except IntegrityError:
        return SessionMessage.objects.get(idempotency_key=key), False
    registrations = locked.registrations.filter(
        status__in=AUDIENCE_STATUSES[audience]
    ).order_by("created", "pk")
    sent = 0
    for registration in registrations:
        context = {**_email_context(registration), "message": message}
        queued = email_queue(
            key=f"training:message:{message.pk}:{registration.pk}",
            to=registration.email,
            template="training/email/session_message",
            context=context,
            coalition=locked.course.coalition,
        )
        sent += queued is not None
    message.recipients = sent
    message.save(update_fields=["recipients"])
    return message, True
