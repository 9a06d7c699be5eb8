"""The feeds and the confirmation's .ics, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
from django.urls import reverse

from coalition.models import EmailMessage, StaffRole
from tests.training.factories import SessionFactory
from training import ical, services
from training.models import Session

AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


def _events(content: bytes | str) -> list[icalendar.Event]:
    cal = icalendar.Calendar.from_ical(content)
    return list(cal.walk("VEVENT"))


def test_feed_is_valid_rfc5545_with_timezone_and_stable_uid(client, session):
    response = client.get(reverse("training:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"]
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    (event,) = cal.walk("VEVENT")
    assert event["UID"] == f"scholing-{session.uid}@127.0.0.1"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART") == session.starts_at.astimezone(AMS)
    assert event.decoded("DTEND") == session.ends_at.astimezone(AMS)
    assert event["SUMMARY"] == "Module 1: online inzage"
    assert event["STATUS"] == "CONFIRMED"
    assert event["SEQUENCE"] == 0
    assert "DTSTAMP" in event
    # The UID does not change between requests.
    again = _events(client.get(reverse("training:feed")).content)[0]
    assert again["UID"] == event["UID"]


def test_update_raises_sequence_and_cancel_publishes_cancelled(client, session):
    services.session_update(
        session=session,
        starts_at=session.starts_at + dt.timedelta(hours=1),
        ends_at=session.ends_at + dt.timedelta(hours=1),
    )
    (event,) = _events(client.get(reverse("training:feed")).content)
    assert event["SEQUENCE"] == 1
    services.session_cancel(session=session)
    (event,) = _events(client.get(reverse("training:feed")).content)
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == 2
    assert event["UID"] == f"scholing-{session.uid}@127.0.0.1"


def test_capacity_change_does_not_raise_sequence(session):
    services.session_update(session=session, capacity=10)
    session.refresh_from_db()
    assert session.sequence == 0


def test_trainer_feed_lists_only_their_sessions(client, session, course):
    SessionFactory(course=course)  # someone else's
    feed = services.trainer_feed_get(user=session.trainers.get())
    response = client.get(feed.get_absolute_url())
    events = _events(response.content)
    assert [e["UID"] for e in events] == [ical.session_uid(session)]


def test_confirmation_carries_the_session_as_ics(session, practice):
    reg = services.registration_create(
        session=session,
        practice=practice,
        name="Anna de Vries",
        email="anna@praktijk.example.test",
        role=StaffRole.GP,
    )
    mail = EmailMessage.objects.get(key=f"training:confirmed:{reg.pk}")
    (attachment,) = mail.attachments
    assert attachment["filename"].endswith(".ics")
    assert attachment["mimetype"] == "text/calendar"
    (event,) = _events(attachment["content"])
    assert event["UID"] == ical.session_uid(session)
    assert event["LOCATION"] == "Coolsingel 40, Rotterdam"


def test_online_link_only_in_the_private_file(client, course):
    session = SessionFactory(
        course=course,
        mode=Session.Mode.ONLINE,
        address="",
        online_url="https://meet.example.test/portaal",
    )
    (event,) = _events(ical.attachment(session)["content"])
    assert event["LOCATION"] == "https://meet.example.test/portaal"
    feed = client.get(reverse("training:feed")).content.decode()
    assert "meet.example.test" not in feed
    (event,) = _events(feed)
    assert event["LOCATION"] == "online"
