"""The demo region's go-live history has the shape the issue asks for."""

from __future__ import annotations

import datetime as dt

import pytest

from coalition.demo import coalition as core_demo
from coalition.demo import practices as demo
from coalition.models import Coalition, Service
from practices import selectors
from practices.models import Practice, Rollout, RolloutChange, Step

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)


def test_demo_rollout_history():
    core_demo.core(today=TODAY)
    demo.load(today=TODAY)
    counts = (Rollout.objects.count(), RolloutChange.objects.count())
    demo.load(today=TODAY)
    assert (Rollout.objects.count(), RolloutChange.objects.count()) == counts

    main = Coalition.objects.get(slug="rijnmond")
    practices = Practice.objects.filter(coalition=main, is_active=True)
    summary = selectors.service_summaries(
        practices, coalition=main, today=TODAY, services=[Service.RECORD_ACCESS]
    )[0]
    # The deadline is a few months ahead; well short of the target, a tail at risk.
    assert 60 <= summary.days_left <= 120
    assert summary.n_live < summary.target
    assert 10 <= summary.n_at_risk <= 50
    # Pioneers went live first.
    lives = Rollout.objects.filter(
        practice__coalition=main, service=Service.RECORD_ACCESS, step=Step.LIVE
    )
    first_nine = set(
        lives.order_by("live_date").values_list("practice__cohort", flat=True)[:9]
    )
    assert first_nine == {"pioniers"}
    # A few overdue: e-consult's deadline has just passed.
    econsult = selectors.service_summaries(
        practices, coalition=main, today=TODAY, services=[Service.ECONSULT]
    )[0]
    assert 1 <= econsult.n_overdue <= 40
    # Every step change has its history row.
    assert (
        RolloutChange.objects.filter(rollout__in=lives, to_step=Step.LIVE).count()
        == lives.count()
    )


def test_demo_practice_names_look_real_and_are_unique():
    import re
    from collections import Counter

    core_demo.core(today=TODAY)
    demo.load(today=TODAY)
    names = list(Practice.objects.values_list("name", flat=True))
    cities = set(Practice.objects.values_list("city", flat=True))
    assert len(names) == 172 and len(set(names)) == len(names)
    assert not [n for n in names if re.search(r"\d", n)]  # no "… Schiedam 130"
    assert not [n for n in names if any(n.endswith(f" {c}") for c in cities)]
    kinds = Counter(n.split()[0] for n in names)
    assert {"Huisartsenpraktijk", "Huisartsen", "Gezondheidscentrum"} <= set(kinds)
    assert kinds["Gezondheidscentrum"] >= 5 and kinds["Huisartsen"] >= 20
    first = sorted(names)
    demo.load(today=TODAY)  # deterministic: the same names again
    assert sorted(Practice.objects.values_list("name", flat=True)) == first
