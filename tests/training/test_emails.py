"""E-mails are recorded once per key: confirmation, promotion, reminder, cancellation."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import time_machine

from coalition.models import EmailMessage, StaffRole
from tests.training.factories import RegistrationFactory, SessionFactory, in_days
from training import services, tasks
from training.models import Registration


def _register(session, practice, n):
    return services.registration_create(
        session=session,
        practice=practice,
        name=f"Persoon {n}",
        email=f"p{n}@praktijk.example.test",
        role=StaffRole.ASSISTANT,
    )


def test_confirmation_and_waitlist_notices_are_recorded(session, practice):
    a, b, c = (_register(session, practice, n) for n in range(3))
    keys = set(EmailMessage.objects.values_list("key", flat=True))
    assert keys == {
        f"training:confirmed:{a.pk}",
        f"training:confirmed:{b.pk}",
        f"training:waitlisted:{c.pk}",
    }
    confirmed = EmailMessage.objects.get(key=f"training:confirmed:{a.pk}")
    assert confirmed.to == "p0@praktijk.example.test"
    assert "Aanmelding bevestigd: Module 1: online inzage" in confirmed.subject
    assert "Coolsingel 40, Rotterdam" in confirmed.body


def test_reminder_two_days_before_is_sent_once(course, practice):
    soon = SessionFactory(course=course, starts_at=in_days(2, hour=14), capacity=5)
    later = SessionFactory(course=course, starts_at=in_days(3, hour=14), capacity=5)
    mine = RegistrationFactory(session=soon, practice=practice)
    RegistrationFactory(session=later, practice=practice)
    RegistrationFactory(
        session=soon, practice=practice, status=Registration.Status.WAITLISTED
    )
    assert tasks.send_session_reminders() == 1
    assert tasks.send_session_reminders() == 0
    (mail,) = EmailMessage.objects.filter(key__startswith="training:reminder:")
    assert mail.key == f"training:reminder:{mine.pk}"
    assert mail.subject.startswith("Herinnering: ")
    mine.refresh_from_db()
    assert mine.reminder_sent_at is not None


def test_reminder_uses_amsterdam_days(course, practice):
    """A session at 00:30 Amsterdam time is 'the day after tomorrow' there, even though
    it is still the day before in UTC."""
    with time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)):
        start = dt.datetime(
            2026, 3, 12, 0, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Amsterdam")
        )
        session = SessionFactory(
            course=course,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            registration_deadline=start - dt.timedelta(days=1),
        )
        RegistrationFactory(session=session, practice=practice)
        assert services.session_send_reminders() == 1


def test_session_cancellation_tells_everyone_registered_once(
    session, practice, django_capture_on_commit_callbacks
):
    regs = [_register(session, practice, n) for n in range(3)]  # 2 seats + 1 waiting
    gone = _register(session, practice, 9)
    services.registration_cancel(registration=gone)
    with django_capture_on_commit_callbacks(execute=True):
        services.session_cancel(session=session)
    cancelled = EmailMessage.objects.filter(
        key__startswith="training:session-cancelled:"
    )
    assert sorted(cancelled.values_list("to", flat=True)) == sorted(
        r.email for r in regs
    )
    assert all(m.attachments[0]["mimetype"] == "text/calendar" for m in cancelled)
    assert "STATUS:CANCELLED" in cancelled[0].attachments[0]["content"]
    # the task running again (a retry) sends nothing new
    assert tasks.notify_session_cancelled(session.pk) == 0
    assert cancelled.count() == 3
