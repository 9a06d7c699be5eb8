"""What other apps read of a practice goes through `practices.selectors`: staff counts
per role, a coalition's practices and cohorts, AGB code → practice."""

from __future__ import annotations

import pytest
from django.db.models import Q

from coalition.models import StaffRole
from practices import selectors
from practices.models import Practice
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def test_every_staff_role_has_a_count_field_of_the_practice():
    assert set(selectors.STAFF_FIELDS) == set(StaffRole.values)
    for name in selectors.STAFF_FIELDS.values():
        Practice._meta.get_field(name)  # raises FieldDoesNotExist otherwise


def test_staff_counts_and_the_has_staff_filter_agree(coalition):
    with_manager = PracticeFactory(coalition=coalition, staff_manager=2)
    without = PracticeFactory(coalition=coalition, staff_manager=0)
    assert selectors.staff_counts(with_manager) == {
        "gp": 2,
        "nurse_practitioner": 1,
        "manager": 2,
        "assistant": 2,
    }
    assert selectors.staff_counts(without)["manager"] == 0
    managed = Practice.objects.filter(selectors.has_staff(StaffRole.MANAGER))
    assert list(managed) == [with_manager]
    # the prefix reaches a practice through a relation
    assert selectors.has_staff(StaffRole.MANAGER, prefix="practice__") == Q(
        practice__staff_manager__gt=0
    )


def test_coalition_practices_cohorts_and_reach(coalition, other_coalition):
    PracticeFactory(coalition=coalition, cohort="pioniers", list_size=1000)
    PracticeFactory(coalition=coalition, cohort="golf 2", list_size=2000)
    PracticeFactory(coalition=coalition, cohort="", list_size=4000)
    PracticeFactory(coalition=coalition, cohort="oud", is_active=False)
    PracticeFactory(coalition=other_coalition, cohort="elders")

    mine = selectors.coalition_practices(coalition)
    assert mine.count() == 4
    assert selectors.coalition_practices(coalition.pk).count() == 4
    active = selectors.coalition_practices(coalition, active_only=True)
    assert active.count() == 3
    assert selectors.cohorts(mine) == ["golf 2", "oud", "pioniers"]
    assert selectors.cohorts(active) == ["golf 2", "pioniers"]
    assert selectors.reach(active) == {"n": 3, "patients": 7000}
    assert selectors.reach(active.none()) == {"n": 0, "patients": 0}


def test_practices_by_agb_and_practice_of_coalition(coalition, other_coalition):
    mine = PracticeFactory(coalition=coalition, agb_code="01234567", name="De Linde")
    theirs = PracticeFactory(coalition=other_coalition, agb_code="07654321")
    assert selectors.practices_by_agb(coalition) == {"01234567": (mine.pk, "De Linde")}
    assert selectors.practice_of_coalition(coalition, mine.pk) == mine
    assert selectors.practice_of_coalition(coalition, theirs.pk) is None
