"""iCalendar (RFC 5545) for sessions: the feeds and the file sent with a confirmation.

Each session keeps one UID for life; every change a calendar should show raises its
SEQUENCE (see `training.services`), and a cancelled session stays in the feed with
STATUS:CANCELLED so calendars remove it instead of keeping a stale appointment.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone

from training.models import Session

PRODID = "-//Coalitieplatform//Scholing//NL"
STATUS = {
    Session.Status.PLANNED: "CONFIRMED",
    Session.Status.HELD: "CONFIRMED",
    Session.Status.CANCELLED: "CANCELLED",
}


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def session_uid(session: Session) -> str:
    return f"scholing-{session.uid}@{_domain()}"


def session_event(session: Session, *, private: bool = False) -> icalendar.Event:
    """One VEVENT. The link of an online session goes only into private files (sent
    to registered people); the public feeds say "online"."""
    tz = timezone.get_default_timezone()
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("sequence", session.sequence)
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("last-modified", session.updated.astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(tz))
    event.add("dtend", session.ends_at.astimezone(tz))
    event.add("summary", session.course.title)
    description = session.course.description
    url = settings.SITE_URL.rstrip("/") + session.get_absolute_url()
    event.add("description", f"{description}\n\n{url}".strip())
    event.add("url", url)
    if session.mode == Session.Mode.ONLINE:
        event.add("location", session.online_url if private else "online")
    else:
        event.add("location", session.address)
    event.add("status", STATUS[session.status])
    return event


def calendar(sessions: Iterable[Session], *, name: str, private: bool = False) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for session in sessions:
        cal.add_component(session_event(session, private=private))
    # A VTIMEZONE for every TZID used, as RFC 5545 asks.
    cal.add_missing_timezones()
    return cal.to_ical()


def attachment(session: Session, *, filename: str = "sessie.ics") -> dict:
    """The .ics for one session, as an e-mail attachment of the outbox."""
    return {
        "filename": filename,
        "content": calendar(
            [session], name=session.course.title, private=True
        ).decode(),
        "mimetype": "text/calendar",
    }
