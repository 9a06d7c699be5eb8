"""Fixtures of the registry and go-live tests."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coalition.models import Service
from practices.models import Rollout, Step
from tests.factories import PracticeFactory
from tests.practices.factories import ServiceDeadlineFactory


@pytest.fixture
def make_practices(coalition):
    """`make_practices(n)`: n practices of the coalition with a rollout per service,
    spread over the steps, and a deadline per service."""
    for service in Service.values:
        ServiceDeadlineFactory(
            coalition=coalition, service=service, deadline=dt.date(2030, 1, 1)
        )

    def _make(n: int, **kwargs):
        practices = PracticeFactory.create_batch(n, coalition=coalition, **kwargs)
        rollouts = []
        for i, p in enumerate(practices):
            for service in Service.values:
                step = i % 6
                rollouts.append(
                    Rollout(
                        practice=p,
                        service=service,
                        step=step,
                        step_since=timezone.localdate() - dt.timedelta(days=7),
                        live_date=dt.date(2025, 6, 1) if step == Step.LIVE else None,
                        planned_date=dt.date(2029, 1, 1) if i % 2 else None,
                    )
                )
        Rollout.objects.bulk_create(rollouts)
        return practices

    return _make
