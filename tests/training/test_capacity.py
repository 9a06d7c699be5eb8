"""Seats, the waitlist and the input a registration refuses."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from coalition.models import EmailMessage, StaffRole
from tests.conftest import requires_postgres
from tests.factories import PracticeFactory
from tests.training.factories import CourseFactory, SessionFactory
from training import services
from training.models import Registration, Session


def register(session, practice, n, **kw):
    return services.registration_create(
        session=session,
        practice=practice,
        name=kw.get("name", f"Persoon {n}"),
        email=kw.get("email", f"persoon{n}@praktijk.example.test"),
        role=kw.get("role", StaffRole.GP),
    )


def test_seats_then_waitlist_in_order(session, practice):
    made = [register(session, practice, n) for n in range(5)]
    assert [r.status for r in made] == ["confirmed", "confirmed"] + ["waitlisted"] * 3
    waitlist = list(session.registrations.waitlisted().values_list("name", flat=True))
    assert waitlist == ["Persoon 2", "Persoon 3", "Persoon 4"]


def test_cancel_promotes_first_waitlisted_and_emails_them(
    session, practice, django_capture_on_commit_callbacks
):
    first, _second, third, fourth = (register(session, practice, n) for n in range(4))
    with django_capture_on_commit_callbacks(execute=False):
        promoted = services.registration_cancel(registration=first)
    assert promoted.pk == third.pk
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert third.status == Registration.Status.CONFIRMED
    assert third.promoted_at is not None
    assert fourth.status == Registration.Status.WAITLISTED
    assert session.registrations.confirmed().count() == 2
    mail = EmailMessage.objects.get(key=f"training:promoted:{third.pk}")
    assert mail.to == third.email
    assert "plaats" in mail.subject
    assert mail.attachments[0]["mimetype"] == "text/calendar"
    # cancelling again changes nothing and promotes nobody
    assert services.registration_cancel(registration=first) is None
    fourth.refresh_from_db()
    assert fourth.status == Registration.Status.WAITLISTED


def test_cancelling_a_waitlisted_person_promotes_nobody(session, practice):
    regs = [register(session, practice, n) for n in range(4)]
    assert services.registration_cancel(registration=regs[2]) is None
    regs[3].refresh_from_db()
    assert regs[3].status == Registration.Status.WAITLISTED


def test_same_email_twice_is_refused(session, practice):
    register(session, practice, 1, email="Anna@Praktijk.example.test")
    with pytest.raises(ValidationError) as exc:
        register(session, practice, 2, email="anna@praktijk.example.test ")
    assert "anna@praktijk.example.test is al aangemeld" in str(exc.value)
    assert session.registrations.count() == 1


def test_same_email_may_register_again_after_cancelling(session, practice):
    first = register(session, practice, 1)
    services.registration_cancel(registration=first)
    again = register(session, practice, 1)
    assert again.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": Session.Status.CANCELLED}, "geannuleerd"),
        ({"registration_deadline": -1}, "aanmeldtermijn is verlopen"),
        ({"starts_at": -2}, "al geweest"),
    ],
)
def test_closed_sessions_refuse_registration(course, practice, change, message):
    session = SessionFactory(course=course)
    if "registration_deadline" in change:
        Session.objects.filter(pk=session.pk).update(
            registration_deadline=timezone.now() - dt.timedelta(hours=1)
        )
    elif "starts_at" in change:
        start = timezone.now() - dt.timedelta(days=2)
        Session.objects.filter(pk=session.pk).update(
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            registration_deadline=start,
        )
    else:
        Session.objects.filter(pk=session.pk).update(**change)
    with pytest.raises(ValidationError) as exc:
        register(session, practice, 1)
    assert message in " ".join(exc.value.messages)
    assert not Registration.objects.exists()
    assert not EmailMessage.objects.exists()


def test_invalid_email_is_refused(session, practice):
    with pytest.raises(ValidationError) as exc:
        register(session, practice, 1, email="geen-adres")
    assert exc.value.message_dict["email"] == ["Vul een geldig e-mailadres in."]
    assert not Registration.objects.exists()


def test_practice_of_another_coalition_is_refused(session, other_coalition):
    stranger = PracticeFactory(coalition=other_coalition)
    with pytest.raises(ValidationError):
        register(session, stranger, 1)
    assert not Registration.objects.exists()


def test_capacity_can_not_drop_below_confirmed(session, practice):
    register(session, practice, 1)
    register(session, practice, 2)
    with pytest.raises(ValidationError) as exc:
        services.session_update(session=session, capacity=1)
    assert "2 bevestigde aanmeldingen" in exc.value.message_dict["capacity"][0]
    session.refresh_from_db()
    assert session.capacity == 2
    assert session.sequence == 0


def test_more_seats_promote_the_waitlist(session, practice):
    regs = [register(session, practice, n) for n in range(4)]
    services.session_update(session=session, capacity=3)
    statuses = [Registration.objects.get(pk=r.pk).status for r in regs]
    assert statuses == ["confirmed", "confirmed", "confirmed", "waitlisted"]


def test_end_before_start_is_refused(course, trainer):
    start = timezone.now() + dt.timedelta(days=5)
    with pytest.raises(ValidationError) as exc:
        services.session_create(
            course=course,
            trainers=[trainer],
            starts_at=start,
            ends_at=start - dt.timedelta(hours=1),
            mode=Session.Mode.ON_SITE,
            address="Coolsingel 40, Rotterdam",
            capacity=10,
            registration_deadline=start - dt.timedelta(days=1),
        )
    assert "Het einde moet na het begin liggen." in exc.value.message_dict["ends_at"]
    assert not Session.objects.exists()


@requires_postgres
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_never_exceed_capacity(coalition):
    """Real threads, each with its own database connection, register at once."""
    session = SessionFactory(course=CourseFactory(coalition=coalition), capacity=5)
    practice = PracticeFactory(coalition=coalition)
    n = 16
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def worker(i: int) -> None:
        try:
            barrier.wait()
            register(session, practice, i)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert session.registrations.confirmed().count() == 5
    assert session.registrations.waitlisted().count() == n - 5
