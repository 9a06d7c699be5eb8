from __future__ import annotations

import pytest

from tests.training.factories import CourseFactory, SessionFactory


@pytest.fixture
def course(coalition):
    return CourseFactory(coalition=coalition, title="Module 1: online inzage")


@pytest.fixture
def session(course, trainer):
    return SessionFactory(course=course, capacity=2, trainers=[trainer])
