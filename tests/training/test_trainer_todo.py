"""The trainer's "what still needs doing" panel (issue 11.10)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.training.factories import RegistrationFactory, SessionFactory
from training import selectors
from training.models import Registration


def _past(course, trainer, days):
    start = timezone.now() - dt.timedelta(days=days)
    return SessionFactory(
        course=course,
        trainers=[trainer],
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        registration_deadline=start,
        capacity=10,
    )


def _soon(course, trainer, days):
    start = timezone.now() + dt.timedelta(days=days)
    return SessionFactory(
        course=course,
        trainers=[trainer],
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        registration_deadline=start,
        capacity=3,
    )


def test_lists_unmarked_past_sessions_and_this_weeks_numbers(course, trainer):
    unmarked = _past(course, trainer, 3)
    RegistrationFactory(session=unmarked)
    RegistrationFactory(session=unmarked)
    done = _past(course, trainer, 5)
    RegistrationFactory(session=done, attendance=Registration.Attendance.ATTENDED)
    soon = _soon(course, trainer, 2)
    RegistrationFactory(session=soon)
    RegistrationFactory(session=soon, status=Registration.Status.WAITLISTED)
    later = _soon(course, trainer, 12)
    other = _soon(course, trainer, 1)
    other.trainers.clear()  # not theirs
    todo = selectors.trainer_todo(trainer)
    assert todo["to_mark"] == [unmarked]
    assert todo["to_mark"][0].n_unmarked == 2
    assert todo["this_week"] == [soon]
    s = todo["this_week"][0]
    assert (s.n_confirmed, s.capacity, s.n_waitlisted) == (1, 3, 1)
    assert later not in todo["this_week"]


def test_start_page_shows_the_panel_with_the_same_queries_at_two_sizes(
    course, trainer, client_for, django_assert_num_queries
):
    client = client_for(trainer)
    url = reverse("coalition:start")

    def grow(n):
        for i in range(n):
            RegistrationFactory(session=_past(course, trainer, 2 + i))
            s = _soon(course, trainer, 1 + i % 5)
            RegistrationFactory(session=s)

    grow(1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        html = client.get(url).content.decode()
    assert "Wat er nog moet gebeuren" in html
    assert "1 / 3" in html
    grow(4)
    with django_assert_num_queries(len(small)):
        html = client.get(url).content.decode()
    assert html.count("deelnemer zonder aanwezigheid") == 5
