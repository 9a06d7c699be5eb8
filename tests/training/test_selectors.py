"""The read functions other apps rely on."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from tests.factories import PracticeFactory
from tests.training.factories import SessionFactory, in_days
from training import selectors
from training.models import Session


def test_upcoming_public_sessions_are_planned_future_and_limited(course):
    first = SessionFactory(course=course, starts_at=in_days(3))
    second = SessionFactory(course=course, starts_at=in_days(5))
    SessionFactory(course=course, starts_at=in_days(4), status=Session.Status.CANCELLED)
    past = timezone.now() - dt.timedelta(days=3)
    SessionFactory(
        course=course,
        starts_at=past,
        ends_at=past + dt.timedelta(hours=2),
        registration_deadline=past,
    )
    SessionFactory(course=course, starts_at=in_days(9))
    sessions = list(selectors.upcoming_public_sessions(limit=2))
    assert sessions == [first, second]
    assert sessions[0].get_absolute_url() == f"/scholing/agenda/{first.pk}/"
    assert sessions[0].course.title == "Module 1: online inzage"


def test_coverage_for_practice_shape(coalition, django_assert_num_queries):
    practice = PracticeFactory(coalition=coalition, staff_manager=0)
    with django_assert_num_queries(1):
        coverage = selectors.coverage_for_practice(practice)
    assert set(coverage) >= {"roles", "complete"}
    assert [r["role"] for r in coverage["roles"]] == [
        "gp",
        "nurse_practitioner",
        "manager",
        "assistant",
    ]
    assert coverage["roles"][0] == {
        "role": "gp",
        "label": "huisarts",
        "required": True,
        "trained": 0,
    }
    assert coverage["roles"][2]["required"] is False
    assert coverage["complete"] is False
