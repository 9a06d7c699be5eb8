"""Writes of the training app: sessions, registrations, attendance, invitations.

Seats are decided while the session row is locked (`select_for_update`), so two
requests at the same moment cannot both take the last seat; on SQLite the settings'
IMMEDIATE transactions serialise writers the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import StaffRole, User
from coalition.services import email_queue
from training.models import (
    Course,
    Registration,
    Session,
    SessionMessage,
    TrainerFeed,
)

if TYPE_CHECKING:
    from practices.models import Practice

# Fields whose change a calendar must pick up (raises the iCalendar SEQUENCE).
CALENDAR_FIELDS = (
    "starts_at",
    "ends_at",
    "mode",
    "address",
    "online_url",
    "status",
    "course_id",
)


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# --- courses --------------------------------------------------------------------------


@transaction.atomic
def course_save(*, course: Course) -> Course:
    course.full_clean()
    course.save()
    return course


# --- sessions -------------------------------------------------------------------------


@transaction.atomic
def session_create(
    *, course: Course, trainers: Iterable[User], by: User | None = None, **fields
) -> Session:
    """A new session; a trainer who plans it (not a lead of its coalition) gives it."""
    trainers = list(trainers)
    if (
        by is not None
        and course.coalition_id not in access.scope(by).lead_coalitions
        and by not in trainers
    ):
        trainers.append(by)
    session = Session(course=course, **fields)
    session.full_clean()
    session.save()
    session.trainers.set(trainers)
    return session


@transaction.atomic
def session_update(
    *, session: Session, trainers: Iterable[User] | None = None, **fields
) -> Session:
    """Change a session. Capacity can not drop below the confirmed registrations; more
    seats promote people from the waitlist; a change a calendar shows raises SEQUENCE."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.status == Session.Status.CANCELLED:
        raise ValidationError(
            _("Een geannuleerde sessie kan niet meer worden gewijzigd.")
        )
    before = {name: getattr(locked, name) for name in CALENDAR_FIELDS}
    for name, value in fields.items():
        setattr(locked, name, value)
    confirmed = locked.registrations.confirmed().count()
    if locked.capacity < confirmed:
        raise ValidationError(
            {
                "capacity": _(
                    "Er zijn al %(n)d bevestigde aanmeldingen; het aantal plaatsen kan "
                    "niet lager worden dan dat."
                )
                % {"n": confirmed}
            }
        )
    if any(getattr(locked, name) != value for name, value in before.items()):
        locked.sequence += 1
    locked.full_clean()
    locked.save()
    if trainers is not None:
        locked.trainers.set(list(trainers))
    _fill_from_waitlist(locked, confirmed=confirmed)
    return locked


@transaction.atomic
def session_cancel(*, session: Session) -> Session:
    """Cancel a session and tell everyone registered (confirmed and waitlisted)."""
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.status == Session.Status.CANCELLED:
        return locked
    if locked.status == Session.Status.HELD:
        raise ValidationError(_("Een gehouden sessie kan niet worden geannuleerd."))
    locked.status = Session.Status.CANCELLED
    locked.sequence += 1
    locked.save(update_fields=["status", "sequence", "updated"])
    from training.tasks import notify_session_cancelled

    pk = locked.pk
    transaction.on_commit(lambda: notify_session_cancelled.delay(pk), robust=True)
    return locked


def session_notify_cancelled(*, session_id: int) -> int:
    """E-mail everyone who was registered that the session is cancelled (once each)."""
    from training import ical

    session = Session.objects.select_related("course__coalition").get(pk=session_id)
    if session.status != Session.Status.CANCELLED:
        return 0
    attachment = ical.attachment(session, filename="geannuleerd.ics")
    sent = 0
    for registration in session.registrations.active():
        message = email_queue(
            key=f"training:session-cancelled:{registration.pk}",
            to=registration.email,
            template="training/email/session_cancelled",
            context=_email_context(registration),
            coalition=session.course.coalition,
            attachments=[attachment],
        )
        sent += message is not None
    return sent


# --- registrations --------------------------------------------------------------------


def _email_context(registration: Registration) -> dict:
    session = registration.session
    return {
        "registration": registration,
        "session": session,
        "course": session.course,
        "starts": timezone.localtime(session.starts_at),
        "ends": timezone.localtime(session.ends_at),
        "public_url": _site(session.get_absolute_url()),
    }


def _send_confirmation(registration: Registration, *, promoted: bool) -> None:
    from training import ical

    kind = "promoted" if promoted else "confirmed"
    email_queue(
        key=f"training:{kind}:{registration.pk}",
        to=registration.email,
        template=f"training/email/{kind}",
        context=_email_context(registration),
        coalition=registration.session.course.coalition,
        attachments=[ical.attachment(registration.session)],
    )
    _copy_to_registrar(registration, kind)


def _copy_to_registrar(registration: Registration, kind: str) -> None:
    """The person who registered someone else gets a copy of what that person got."""
    by = registration.registered_by
    if by is None or not by.email or by.email.lower() == registration.email.lower():
        return
    email_queue(
        key=f"training:{kind}:{registration.pk}:copy",
        to=by.email,
        template="training/email/copy",
        context={
            **_email_context(registration),
            "original_subject": f"training/email/{kind}_subject.txt",
            "original_body": f"training/email/{kind}.txt",
        },
        coalition=registration.session.course.coalition,
    )


def _fill_from_waitlist(session: Session, *, confirmed: int) -> list[Registration]:
    """Promote the first on the waitlist into free seats (the session row is locked)."""
    free = session.capacity - confirmed
    if free <= 0 or session.status != Session.Status.PLANNED:
        return []
    promoted = list(session.registrations.waitlisted()[:free])
    now = timezone.now()
    for registration in promoted:
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
        _send_confirmation(registration, promoted=True)
    return promoted


@transaction.atomic
def registration_create(
    *,
    session: Session,
    practice: Practice,
    name: str,
    email: str,
    role: str,
    by: User | None = None,
) -> Registration:
    """Register one staff member: a seat if one is free, else the end of the waitlist."""
    email = (email or "").strip().lower()
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Vul een geldig e-mailadres in.")]
    if not name:
        errors["name"] = [_("Vul de naam in.")]
    if role not in StaffRole.values:
        errors["role"] = [_("Kies een functie.")]
    if errors:
        raise ValidationError(errors)

    # The lock: every registration for this session waits here for the one before.
    locked = (
        Session.objects.select_for_update()
        .select_related("course__coalition")
        .get(pk=session.pk)
    )
    now = timezone.now()
    if locked.status == Session.Status.CANCELLED:
        raise ValidationError(_("Deze sessie is geannuleerd; aanmelden kan niet meer."))
    if locked.starts_at <= now or locked.status == Session.Status.HELD:
        raise ValidationError(_("Deze sessie is al geweest; aanmelden kan niet meer."))
    if locked.registration_deadline < now:
        raise ValidationError(
            _("De aanmeldtermijn is verlopen op %(when)s.")
            % {
                "when": f"{timezone.localtime(locked.registration_deadline):%d-%m-%Y %H:%M}"
            }
        )
    if practice.coalition_id != locked.course.coalition_id:
        raise ValidationError(
            _("Deze praktijk hoort niet bij de coalitie van de sessie.")
        )
    if locked.registrations.active().filter(email=email).exists():
        raise ValidationError(
            {
                "email": [
                    _("%(email)s is al aangemeld voor deze sessie.") % {"email": email}
                ]
            }
        )
    confirmed = locked.registrations.confirmed().count()
    registration = Registration(
        session=locked,
        practice=practice,
        name=name,
        email=email,
        role=role,
        status=(
            Registration.Status.CONFIRMED
            if confirmed < locked.capacity
            else Registration.Status.WAITLISTED
        ),
        registered_by=by,
        created=now,
    )
    registration.full_clean()
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise ValidationError(
            {
                "email": [
                    _("%(email)s is al aangemeld voor deze sessie.") % {"email": email}
                ]
            }
        ) from None
    if registration.status == Registration.Status.CONFIRMED:
        _send_confirmation(registration, promoted=False)
    else:
        email_queue(
            key=f"training:waitlisted:{registration.pk}",
            to=registration.email,
            template="training/email/waitlisted",
            context=_email_context(registration),
            coalition=locked.course.coalition,
        )
        _copy_to_registrar(registration, "waitlisted")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration) -> Registration | None:
    """Cancel a registration; a freed seat goes to the first on the waitlist.

    Returns the promoted registration, if any.
    """
    session = Session.objects.select_for_update().get(pk=registration.session_id)
    current = Registration.objects.get(pk=registration.pk)
    if current.status == Registration.Status.CANCELLED:
        return None
    if session.starts_at <= timezone.now():
        raise ValidationError(_("Deze sessie is al begonnen; afmelden kan niet meer."))
    current.status = Registration.Status.CANCELLED
    current.cancelled_at = timezone.now()
    current.save(update_fields=["status", "cancelled_at"])
    registration.status, registration.cancelled_at = (
        current.status,
        current.cancelled_at,
    )
    # The person whose place is given up hears it from us, once.
    email_queue(
        key=f"training:cancelled:{current.pk}",
        to=current.email,
        template="training/email/registration_cancelled",
        context=_email_context(current),
        coalition=session.course.coalition,
    )
    promoted = _fill_from_waitlist(
        session, confirmed=session.registrations.confirmed().count()
    )
    return promoted[0] if promoted else None


@transaction.atomic
def registration_set_attendance(
    *, registration: Registration, attendance: str, notes: str = ""
) -> Registration:
    """Attended or no-show, from the day of the session on; only confirmed people."""
    session = registration.session
    if session.status == Session.Status.CANCELLED:
        raise ValidationError(_("Deze sessie is geannuleerd; er is geen aanwezigheid."))
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(
            _("Alleen bevestigde deelnemers hebben een aanwezigheid.")
        )
    if timezone.localdate(session.starts_at) > timezone.localdate():
        raise ValidationError(
            _("Aanwezigheid kan pas worden bijgehouden vanaf de dag van de sessie.")
        )
    if attendance not in Registration.Attendance.values:
        raise ValidationError(_("Onbekende aanwezigheid."))
    registration.attendance = attendance
    registration.notes = notes.strip()
    registration.full_clean()
    registration.save(update_fields=["attendance", "notes"])
    if session.status == Session.Status.PLANNED:
        Session.objects.filter(pk=session.pk).update(
            status=Session.Status.HELD, updated=timezone.now()
        )
        session.status = Session.Status.HELD
    return registration


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


# --- trainer feeds --------------------------------------------------------------------


def trainer_feed_get(*, user: User) -> TrainerFeed:
    """The trainer's feed address, made on first use."""
    feed, _created = TrainerFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def trainer_feed_renew(*, user: User) -> TrainerFeed:
    """A new secret address; the old one stops working at once."""
    from training.models import _feed_token

    feed, created = TrainerFeed.objects.select_for_update().get_or_create(user=user)
    if not created:
        feed.token = _feed_token()
        feed.renewed_at = timezone.now()
        feed.full_clean()
        feed.save(update_fields=["token", "renewed_at"])
    return feed


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
