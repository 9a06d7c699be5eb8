"""Coverage by role per practice: counted per role, only the required module counts."""

from __future__ import annotations

import pytest

from coalition.models import EmailMessage, StaffRole
from practices.models import PracticeContact
from tests.factories import PracticeFactory, user_with_role
from tests.training.factories import (
    CourseFactory,
    RegistrationFactory,
    SessionFactory,
    in_days,
)
from training import selectors, services
from training.models import Registration

ATTENDED = Registration.Attendance.ATTENDED


def _trained(practice, session, role, email, **kw):
    return RegistrationFactory(
        session=session,
        practice=practice,
        role=role,
        email=email,
        attendance=kw.pop("attendance", ATTENDED),
        **kw,
    )


@pytest.fixture
def past_session(course):
    return SessionFactory(course=course, starts_at=in_days(-10), capacity=20)


def _roles(coverage):
    return {r["role"]: (r["required"], r["trained"]) for r in coverage["roles"]}


def test_required_roles_follow_the_staff_counts(coalition, past_session):
    practice = PracticeFactory(
        coalition=coalition,
        staff_gp=2,
        staff_nurse_practitioner=1,
        staff_manager=0,
        staff_assistant=2,
    )
    coverage = selectors.coverage_for_practice(practice)
    assert _roles(coverage) == {
        "gp": (True, 0),
        "nurse_practitioner": (True, 0),
        "manager": (False, 0),
        "assistant": (True, 0),
    }
    assert coverage["complete"] is False
    # two GPs count as one role; the practice still misses the POH and assistant
    _trained(practice, past_session, StaffRole.GP, "gp1@p.test")
    _trained(practice, past_session, StaffRole.GP, "gp2@p.test")
    coverage = selectors.coverage_for_practice(practice)
    assert _roles(coverage)["gp"] == (True, 2)
    assert not coverage["complete"]
    _trained(practice, past_session, StaffRole.NURSE_PRACTITIONER, "poh@p.test")
    _trained(practice, past_session, StaffRole.ASSISTANT, "da@p.test")
    coverage = selectors.coverage_for_practice(practice)
    assert coverage["complete"] is True


def test_only_attended_registrations_of_the_required_module_count(
    coalition, past_session
):
    practice = PracticeFactory(
        coalition=coalition, staff_gp=1, staff_nurse_practitioner=0, staff_assistant=0
    )
    other_course = CourseFactory(coalition=coalition, is_required_module=False)
    elective = SessionFactory(course=other_course, starts_at=in_days(-5))
    _trained(practice, elective, StaffRole.GP, "a@p.test")
    _trained(
        practice,
        past_session,
        StaffRole.GP,
        "b@p.test",
        attendance=Registration.Attendance.NO_SHOW,
    )
    _trained(
        practice,
        past_session,
        StaffRole.GP,
        "c@p.test",
        attendance=Registration.Attendance.UNKNOWN,
    )
    assert selectors.coverage_for_practice(practice)["complete"] is False
    _trained(practice, past_session, StaffRole.GP, "d@p.test")
    assert selectors.coverage_for_practice(practice)["complete"] is True


def test_gap_list_matches_the_per_practice_coverage(coalition, past_session):
    complete = PracticeFactory(
        coalition=coalition, staff_gp=1, staff_nurse_practitioner=0, staff_assistant=0
    )
    _trained(complete, past_session, StaffRole.GP, "gp@complete.test")
    missing_assistant = PracticeFactory(
        coalition=coalition, staff_gp=1, staff_nurse_practitioner=0, staff_assistant=1
    )
    _trained(missing_assistant, past_session, StaffRole.GP, "gp@missing.test")
    from practices.models import Practice

    gaps = selectors.practices_with_gaps(Practice.objects.filter(coalition=coalition))
    assert list(gaps.values_list("pk", flat=True)) == [missing_assistant.pk]
    annotated = selectors.practices_with_coverage(
        Practice.objects.filter(pk=missing_assistant.pk)
    ).get()
    assert selectors.coverage_of(annotated)["missing"][0]["role"] == "assistant"
    summary = selectors.coverage_summary(Practice.objects.filter(coalition=coalition))
    assert summary == {"total": 2, "complete": 1, "gaps": 1}


def test_invite_names_exactly_the_missing_roles_once(coalition, course, past_session):
    practice = PracticeFactory(
        coalition=coalition,
        staff_gp=1,
        staff_nurse_practitioner=1,
        staff_manager=0,
        staff_assistant=1,
    )
    _trained(practice, past_session, StaffRole.GP, "gp@p.test")
    PracticeContact.objects.create(
        practice=practice, name="Mira", email="mira@p.test", is_primary=True
    )
    user_with_role("practice", practice=practice, email="praktijkuser@p.test")
    upcoming = SessionFactory(course=course, starts_at=in_days(20))
    assert services.coverage_invite(practice=practice) == 2
    mails = EmailMessage.objects.filter(key__startswith="training:invite:")
    assert sorted(mails.values_list("to", flat=True)) == [
        "mira@p.test",
        "praktijkuser@p.test",
    ]
    body = mails[0].body
    assert "praktijkondersteuner (POH)" in body
    assert "doktersassistent" in body
    assert "- huisarts" not in body
    assert "praktijkmanager" not in body
    assert upcoming.get_absolute_url() in body
    # the same invitation again sends nothing
    assert services.coverage_invite(practice=practice) == 0
    assert mails.count() == 2
