"""Each deadline state, with time frozen; the list (SQL on the practice) and the
practice page (SQL on the rollout rows) use one rule set and must agree."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from coalition.models import Service
from practices import selectors
from practices.models import DeadlineState, Practice, Step
from tests.factories import PracticeFactory
from tests.practices.factories import RolloutFactory, ServiceDeadlineFactory

pytestmark = pytest.mark.django_db

DEADLINE = dt.date(2026, 7, 1)


def frozen(day: dt.date):
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 12, tzinfo=dt.UTC), tick=False
    )


def states(practice: Practice) -> tuple[str, str]:
    """(state on the practice page, state in the practice list) for online access."""
    today = timezone.localdate()
    matrix = {r["service"]: r for r in selectors.rollout_matrix(practice)}
    listed = selectors.practice_list(
        Practice.objects.filter(pk=practice.pk),
        service=Service.RECORD_ACCESS,
        today=today,
    ).get()
    return matrix[Service.RECORD_ACCESS]["state"], listed.deadline_state


@pytest.fixture
def deadline(coalition):
    return ServiceDeadlineFactory(coalition=coalition, deadline=DEADLINE)


@pytest.mark.parametrize(
    ("today", "rollout", "expected"),
    [
        (
            dt.date(2026, 5, 1),
            {"step": Step.LIVE, "live_date": dt.date(2026, 4, 1)},
            DeadlineState.LIVE_ON_TIME,
        ),
        (
            dt.date(2026, 8, 1),
            {"step": Step.LIVE, "live_date": DEADLINE},
            DeadlineState.LIVE_ON_TIME,
        ),
        (
            dt.date(2026, 8, 1),
            {"step": Step.LIVE, "live_date": dt.date(2026, 7, 15)},
            DeadlineState.LIVE_LATE,
        ),
        (
            dt.date(2026, 5, 1),
            {
                "step": Step.CONNECTED,
                "step_since": dt.date(2026, 4, 15),
                "planned_date": dt.date(2026, 6, 15),
            },
            DeadlineState.ON_TRACK,
        ),
        (
            dt.date(2026, 5, 1),
            {"step": Step.CONNECTED, "step_since": dt.date(2026, 4, 15)},
            DeadlineState.AT_RISK,  # no plan
        ),
        (
            dt.date(2026, 5, 1),
            {
                "step": Step.CONNECTED,
                "step_since": dt.date(2026, 4, 15),
                "planned_date": dt.date(2026, 7, 2),
            },
            DeadlineState.AT_RISK,  # plan after the deadline
        ),
        (
            dt.date(2026, 5, 1),
            {
                "step": Step.SYSTEM_CHOSEN,
                "step_since": dt.date(2026, 3, 5),  # 8 weeks and a day
                "planned_date": dt.date(2026, 6, 1),
            },
            DeadlineState.AT_RISK,  # stuck in one step
        ),
        (
            dt.date(2026, 5, 1),
            {
                "step": Step.SYSTEM_CHOSEN,
                "step_since": dt.date(2026, 3, 6),  # exactly 8 weeks
                "planned_date": dt.date(2026, 6, 1),
            },
            DeadlineState.ON_TRACK,
        ),
        (
            dt.date(2026, 7, 2),
            {
                "step": Step.STAFF_TRAINED,
                "step_since": dt.date(2026, 6, 20),
                "planned_date": dt.date(2026, 6, 30),
            },
            DeadlineState.OVERDUE,
        ),
        (
            DEADLINE,
            {
                "step": Step.STAFF_TRAINED,
                "step_since": dt.date(2026, 6, 20),
                "planned_date": dt.date(2026, 6, 30),
            },
            DeadlineState.ON_TRACK,  # the deadline day itself is not past
        ),
    ],
)
def test_each_state(coalition, deadline, today, rollout, expected):
    practice = PracticeFactory(coalition=coalition)
    RolloutFactory(practice=practice, **rollout)
    with frozen(today):
        assert states(practice) == (expected, expected)


def test_a_practice_without_rollout_is_at_risk_then_overdue(coalition, deadline):
    """No rollout row yet (e.g. just imported): page, list and member matrix agree."""
    practice = PracticeFactory(coalition=coalition)

    def matrix_state():
        rows = selectors.member_matrix(
            Practice.objects.filter(pk=practice.pk),
            today=timezone.localdate(),
            deadlines={deadline.service: deadline},
        )
        return rows[0]["cells"][0]["state"]

    with frozen(dt.date(2026, 5, 1)):
        assert states(practice) == (DeadlineState.AT_RISK, DeadlineState.AT_RISK)
        assert matrix_state() == DeadlineState.AT_RISK
    with frozen(dt.date(2026, 7, 2)):
        assert states(practice) == (DeadlineState.OVERDUE, DeadlineState.OVERDUE)
        assert matrix_state() == DeadlineState.OVERDUE


def test_without_a_deadline_only_plan_and_time_in_step_count(coalition):
    planned = PracticeFactory(coalition=coalition)
    RolloutFactory(
        practice=planned,
        step=Step.CONNECTED,
        step_since=dt.date(2026, 4, 20),
        planned_date=dt.date(2027, 1, 1),
    )
    live = PracticeFactory(coalition=coalition)
    RolloutFactory(practice=live, step=Step.LIVE, live_date=dt.date(2026, 4, 1))
    with frozen(dt.date(2026, 5, 1)):
        assert states(planned) == (DeadlineState.ON_TRACK, DeadlineState.ON_TRACK)
        assert states(live) == (DeadlineState.LIVE_ON_TIME,) * 2


def test_the_stuck_limit_is_the_coalitions(coalition):
    ServiceDeadlineFactory(
        coalition=coalition, deadline=DEADLINE, stuck_after=dt.timedelta(weeks=2)
    )
    practice = PracticeFactory(coalition=coalition)
    RolloutFactory(
        practice=practice,
        step=Step.CONNECTED,
        step_since=dt.date(2026, 4, 1),
        planned_date=dt.date(2026, 6, 1),
    )
    with frozen(dt.date(2026, 5, 1)):
        assert states(practice) == (DeadlineState.AT_RISK,) * 2


def test_deadlines_are_per_coalition(coalition, other_coalition, deadline):
    """The same rollout is overdue in one coalition and on track in another."""
    ServiceDeadlineFactory(coalition=other_coalition, deadline=dt.date(2027, 1, 1))
    here = PracticeFactory(coalition=coalition)
    there = PracticeFactory(coalition=other_coalition)
    for p in (here, there):
        RolloutFactory(
            practice=p,
            step=Step.CONNECTED,
            step_since=dt.date(2026, 6, 20),
            planned_date=dt.date(2026, 6, 30),
        )
    with frozen(dt.date(2026, 7, 10)):
        assert states(here)[1] == DeadlineState.OVERDUE
        assert states(there)[1] == DeadlineState.ON_TRACK
        listed = selectors.practice_list(
            Practice.objects.all(),
            service=Service.RECORD_ACCESS,
            today=timezone.localdate(),
        )
        assert list(
            listed.filter(deadline_state=DeadlineState.OVERDUE).values_list(
                "pk", flat=True
            )
        ) == [here.pk]


def test_the_joined_rules_give_the_per_coalition_rules_states(
    coalition, other_coalition
):
    """The practice list reads each practice's own coalition's deadline through a join
    (`rules.deadline_state_joined`, a CASE of fixed size); the rollout rows and the
    single-coalition summaries use one branch set per coalition (`deadline_state`).
    Over every step, with and without a plan, live before and after the deadline, in a
    coalition with a near deadline and a short stuck limit, one with a deadline passed,
    one with a deadline for another service only, and every day around them, the two
    give the same state for every practice, and the counts by state agree."""
    from collections import Counter

    from practices.models import ServiceDeadline
    from practices.rules import Rule
    from tests.factories import CoalitionFactory

    third = CoalitionFactory(name="Derde", slug="derde")
    ServiceDeadlineFactory(
        coalition=coalition, deadline=DEADLINE, stuck_after=dt.timedelta(weeks=3)
    )
    ServiceDeadlineFactory(coalition=other_coalition, deadline=dt.date(2026, 3, 1))
    ServiceDeadlineFactory(
        coalition=third, service=Service.ECONSULT, deadline=dt.date(2026, 2, 1)
    )
    plans = [None, dt.date(2026, 6, 1), dt.date(2026, 9, 1)]
    since = [dt.date(2026, 4, 20), dt.date(2026, 6, 1)]
    for c in (coalition, other_coalition, third):
        PracticeFactory(coalition=c)  # no rollout row at all
        for step in Step:
            for planned in plans:
                for started in since:
                    live = step == Step.LIVE
                    RolloutFactory(
                        practice=PracticeFactory(coalition=c),
                        step=step,
                        step_since=started,
                        planned_date=planned,
                        live_date=(planned or dt.date(2026, 7, 15)) if live else None,
                    )
    practices = Practice.objects.all()
    for today in (dt.date(2026, 5, 10), dt.date(2026, 6, 20), dt.date(2026, 7, 2)):
        joined = dict(
            selectors.practice_list(
                practices, service=Service.RECORD_ACCESS, today=today
            ).values_list("pk", "deadline_state")
        )
        per_coalition = dict(
            selectors.with_rollout(
                practices,
                service=Service.RECORD_ACCESS,
                today=today,
                rules=[
                    Rule(d.coalition_id, d.deadline, d.stuck_after)
                    for d in ServiceDeadline.objects.filter(
                        service=Service.RECORD_ACCESS
                    )
                ],
            ).values_list("pk", "deadline_state")
        )
        assert joined == per_coalition
        assert len(set(joined.values())) == len(DeadlineState)
        counts = selectors.state_counts(
            selectors.with_rollout(
                practices, service=Service.RECORD_ACCESS, today=today
            )
        )
        assert counts == {**Counter(joined.values()), "total": len(joined)} | {
            s.value: Counter(joined.values())[s.value] for s in DeadlineState
        }
