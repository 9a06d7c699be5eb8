"""The demo season loads twice to the same data and keeps the seat rule."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils import timezone

from coalition.demo import coalition as core_demo
from coalition.demo import practices as practices_demo
from coalition.demo import training as demo
from training.models import Registration, Session


def test_demo_is_idempotent_and_keeps_capacity(db):
    today = timezone.localdate()
    core_demo.core(today=today)
    practices_demo.load(today=today)
    core_demo.users(today=today)
    demo.load(today=today)
    counts = (Session.objects.count(), Registration.objects.count())
    demo.load(today=today)
    assert (Session.objects.count(), Registration.objects.count()) == counts
    over = Session.objects.annotate(
        n=Count("registrations", filter=Q(registrations__status="confirmed"))
    ).filter(n__gt=F("capacity"))
    assert not over.exists()
    assert Registration.objects.filter(status="waitlisted").exists()
    assert Registration.objects.filter(attendance="attended").exists()
    assert Session.objects.filter(status="cancelled").count() == 1


def _load_twice(today):
    core_demo.core(today=today)
    practices_demo.load(today=today)
    core_demo.users(today=today)
    demo.load(today=today)
    first = (
        sorted(Session.objects.values_list("uid", "starts_at", "ends_at", "capacity")),
        sorted(Registration.objects.values_list("session__uid", "email", "attendance")),
    )
    demo.load(today=today)
    second = (
        sorted(Session.objects.values_list("uid", "starts_at", "ends_at", "capacity")),
        sorted(Registration.objects.values_list("session__uid", "email", "attendance")),
    )
    assert first == second


def test_sessions_fall_on_weekdays_in_working_hours_and_vary(db):
    import datetime as dt

    # A Friday: "two days ahead" is a Sunday, the old demo's favourite.
    _load_twice(dt.date(2026, 11, 27))
    for session in Session.objects.all():
        start = timezone.localtime(session.starts_at)
        end = timezone.localtime(session.ends_at)
        assert start.weekday() < 5, session
        assert dt.time(9) <= start.time() and end.time() <= dt.time(17), session
        assert start.date() == end.date()
    upcoming = Session.objects.filter(starts_at__gte=timezone.now())
    weekdays = {timezone.localtime(s.starts_at).weekday() for s in upcoming}
    times = {timezone.localtime(s.starts_at).time() for s in upcoming}
    assert len(weekdays) >= 3
    assert len(times) >= 3


def test_team_trained_rollouts_agree_with_training_coverage(db):
    from practices import selectors as practice_selectors
    from practices.models import Practice
    from training import selectors

    _load_twice(timezone.localdate())
    active = Practice.objects.filter(coalition__slug="rijnmond", is_active=True)
    trained = practice_selectors.team_trained(active)
    assert trained.exists()
    for practice in trained:
        coverage = selectors.coverage_for_practice(practice)
        assert coverage["complete"], (practice, coverage["missing"])
    others = list(active.exclude(pk__in=trained.values("pk")))
    complete = [p for p in others if selectors.coverage_for_practice(p)["complete"]]
    # "Mostly not": the practices whose rollout is earlier are mostly untrained.
    assert len(complete) <= len(others) // 5
