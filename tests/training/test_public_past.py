"""A past session keeps its public page, .ics and feed entry (issue 10.13)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from tests.training.factories import SessionFactory
from training.models import Session


def _past(course, status):
    start = timezone.now() - dt.timedelta(days=20)
    return SessionFactory(
        course=course,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        registration_deadline=start - dt.timedelta(days=1),
        status=status,
    )


def test_a_held_session_keeps_its_public_page_marked_as_held(client, course):
    session = _past(course, Session.Status.HELD)
    response = client.get(session.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze sessie is gehouden op" in html
    assert "Inloggen om medewerkers aan te melden" not in html
    assert (
        client.get(reverse("training:session_ics", args=[session.pk])).status_code
        == 200
    )


def test_a_past_session_not_yet_marked_is_shown_as_held(client, course):
    session = _past(course, Session.Status.PLANNED)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "Deze sessie is gehouden op" in html


def test_a_past_cancelled_session_says_cancelled(client, course):
    session = _past(course, Session.Status.CANCELLED)
    html = client.get(session.get_absolute_url()).content.decode()
    assert "Deze sessie is geannuleerd." in html
    assert "gehouden op" not in html


def test_the_feed_keeps_recent_held_sessions(client, course):
    session = _past(course, Session.Status.HELD)
    content = client.get(reverse("training:feed")).content.decode()
    assert str(session.uid) in content


def test_the_public_agenda_lists_no_past_sessions(client, course):
    past = _past(course, Session.Status.HELD)
    upcoming = SessionFactory(course=course)
    page = client.get(reverse("training:public_list")).content.decode()
    assert f'href="{upcoming.get_absolute_url()}"' in page
    assert f'href="{past.get_absolute_url()}"' not in page
