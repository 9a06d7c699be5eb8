"""Registrations: taking a seat (the session row locked), cancelling, the waiting
list and attendance, with their confirmation e-mails."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import StaffRole, User
from coalition.services import email_queue
from training.models import Registration, Session

if TYPE_CHECKING:
    from practices.models import Practice


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


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
