"""The demo season loads twice to the same data and keeps the seat rule."""

from __future__ import annotations

from django.db.models import Count, F, Q
from django.utils import timezone

from coalition import demo as core_demo
from practices import demo as practices_demo
from training import demo
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
