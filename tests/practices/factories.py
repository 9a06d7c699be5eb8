"""Factories of the registry and go-live tracking."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from coalition.models import Service
from practices.models import Rollout, ServiceDeadline, Step
from tests.factories import CoalitionFactory, PracticeFactory


class ServiceDeadlineFactory(DjangoModelFactory):
    class Meta:
        model = ServiceDeadline

    coalition = factory.SubFactory(CoalitionFactory)
    service = Service.RECORD_ACCESS
    deadline = dt.date(2026, 7, 1)
    target_pct = 95
    stuck_after = dt.timedelta(weeks=8)


class RolloutFactory(DjangoModelFactory):
    class Meta:
        model = Rollout

    practice = factory.SubFactory(PracticeFactory)
    service = Service.RECORD_ACCESS
    step = Step.NOT_STARTED
    step_since = dt.date(2026, 1, 1)
    planned_date = None
    live_date = None
