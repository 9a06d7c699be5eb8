"""The demo year of visits: deterministic, idempotent, and it shows every state."""

from __future__ import annotations

import datetime as dt

import pytest

from coalition.demo import coalition as core_demo
from coalition.demo import practices as practices_demo
from coalition.demo import visits as demo
from coalition.models import Coalition, User
from practices.models import Practice
from practices.visits import selectors
from practices.visits.models import Bottleneck, FollowUpAction, Visit

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 6, 15)


def _counts():
    return {
        m.__name__: m.objects.count()
        for m in (Visit, FollowUpAction, Bottleneck, Visit.visitors.through)
    }


def test_demo_visits_twice_gives_the_same_data(monkeypatch):
    # Only the steps this one needs; other apps' selectors are not part of this test.
    monkeypatch.setattr(demo, "snapshot_build", lambda practice: {"rollout": None})
    core_demo.core(today=TODAY)
    practices_demo.load(today=TODAY)
    core_demo.users(today=TODAY)
    demo.load(today=TODAY)
    first = _counts()
    demo.load(today=TODAY)
    assert _counts() == first
    assert first["Visit"] > 150 and first["FollowUpAction"] > 150
    assert first["Bottleneck"] > 20

    rijnmond = Coalition.objects.get(slug="rijnmond")
    counts = selectors.yearly_counts(
        Practice.objects.filter(coalition=rijnmond), today=TODAY
    )
    assert counts["overdue"] > 0 and counts["due"] > 0 and counts["ok"] > 100
    assert not Visit.objects.filter(held_on__gt=TODAY).exists()
    assert Visit.objects.filter(held_on__isnull=True, planned_on__gte=TODAY).exists()
    statuses = set(Bottleneck.objects.values_list("status", flat=True))
    assert statuses == {"open", "passed_on", "resolved"}

    # Issue 10: every held visit has its own feedback text, composed for the
    # practice's state; visits fall on working days, stamps in working hours.
    texts = list(
        Visit.objects.filter(held_on__isnull=False).values_list("feedback", flat=True)
    )
    assert len(texts) > 150 and len(set(texts)) == len(texts)
    openings = {o for bank in demo.FEEDBACK_OPENING.values() for o in bank}
    assert all(any(t.startswith(o) for o in openings) for t in texts)
    used_states = {
        state
        for t in texts
        for state, bank in demo.FEEDBACK_OPENING.items()
        if any(t.startswith(o) for o in bank)
    }
    assert len(used_states) >= 2
    from django.utils import timezone

    for visit in Visit.objects.all():
        assert visit.planned_on.weekday() < 5
        assert visit.held_on is None or visit.held_on.weekday() < 5
        for moment in (visit.created, visit.feedback_shared_at):
            if moment is not None:
                local = timezone.localtime(moment)
                assert local.weekday() < 5 and 8 <= local.hour < 18, moment

    # the demo practice user sees shared feedback with open actions
    from coalition import access

    user = User.objects.get(email="praktijk@demo.test")
    assert access.visible_visits(user).exists()
    assert access.visible_actions(user).filter(done_on__isnull=True).count() >= 2

    # on a later day the year of visits moves along instead of piling up; a visit
    # made by hand stays
    lead = User.objects.get(email="projectleider@demo.test")
    from practices.visits import services

    own = services.visit_create(
        by=lead,
        practice=Practice.objects.filter(coalition=rijnmond).first(),
        planned_on=TODAY,
    )
    demo.load(today=TODAY + dt.timedelta(days=40))
    later = _counts()
    assert later["Visit"] == first["Visit"] + 1
    assert later["Bottleneck"] == first["Bottleneck"]
    assert Visit.objects.filter(pk=own.pk).exists()
    assert not Visit.objects.filter(held_on__gt=TODAY + dt.timedelta(days=40)).exists()
