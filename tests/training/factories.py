"""Factories of the training tests (built on the shared ones)."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from coalition.models import StaffRole
from tests.factories import CoalitionFactory, PracticeFactory
from training.models import Course, Registration, Session


def in_days(days: float, hour: int = 10) -> dt.datetime:
    local = timezone.localtime() + dt.timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Module {n}: werken met het portaal")
    description = "Inzage, e-consult en afspraken in het portaal."
    duration_hours = "3.0"
    accreditation_points = "3.0"
    is_required_module = True


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session
        skip_postgeneration_save = True

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: in_days(10))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    mode = Session.Mode.ON_SITE
    address = "Coolsingel 40, Rotterdam"
    capacity = 2
    registration_deadline = factory.LazyAttribute(
        lambda o: o.starts_at - dt.timedelta(days=1)
    )

    @factory.post_generation
    def trainers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.trainers.set(extracted)


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    practice = factory.LazyAttribute(
        lambda o: PracticeFactory(coalition=o.session.course.coalition)
    )
    name = factory.Sequence(lambda n: f"Medewerker {n}")
    email = factory.Sequence(lambda n: f"medewerker{n}@praktijk.example.test")
    role = StaffRole.GP
    status = Registration.Status.CONFIRMED
