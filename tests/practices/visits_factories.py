"""Factories of visits, actions and bottlenecks (the shared ones live in tests.factories)."""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from practices.visits.models import Bottleneck, FollowUpAction, Visit
from tests.factories import PracticeFactory


class VisitFactory(DjangoModelFactory):
    class Meta:
        model = Visit

    practice = factory.SubFactory(PracticeFactory)
    planned_on = dt.date(2026, 3, 2)
    held_on = None


class FollowUpActionFactory(DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    visit = factory.SubFactory(VisitFactory)
    description = factory.Sequence(lambda n: f"Actie {n}")
    owner = FollowUpAction.Owner.PRACTICE
    due_on = factory.LazyAttribute(lambda o: o.visit.day + dt.timedelta(days=30))


class BottleneckFactory(DjangoModelFactory):
    class Meta:
        model = Bottleneck

    practice = factory.SubFactory(PracticeFactory)
    category = Bottleneck.Category.LOGIN
    description = factory.Sequence(lambda n: f"Knelpunt {n}")
