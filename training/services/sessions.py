"""Courses and sessions: creating, changing and cancelling them, and the trainers'
calendar feeds."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import User
from coalition.services import email_queue
from training.models import Course, Session, TrainerFeed
from training.services.registrations import _email_context, _fill_from_waitlist

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
