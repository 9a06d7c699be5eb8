"""Courses, and who may change sessions or register for which practice."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from coalition.models import Role
from tests.factories import PracticeFactory, user_with_role
from tests.training.factories import SessionFactory
from training.models import Course, Registration


def test_lead_creates_a_course_with_its_audience(coalition, lead, client_for):
    client = client_for(lead)
    data = {
        "coalition": coalition.pk,
        "title": "Begrijpelijk schrijven",
        "description": "Schrijven voor meelezende patiënten.",
        "duration_hours": "2,5",
        "accreditation_points": "2",
        "audience": ["gp", "nurse_practitioner"],
    }
    response = client.post(reverse("training:course_create"), data)
    assert response.status_code == 302
    course = Course.objects.get()
    assert course.audience == ["gp", "nurse_practitioner"]
    assert str(course.duration_hours) == "2.5"
    assert not course.is_required_module
    response = client.post(
        reverse("training:course_create"),
        {**data, "title": "Zonder doelgroep", "audience": []},
    )
    assert response.status_code == 200
    assert Course.objects.count() == 1


def test_trainer_can_not_edit_someone_elses_session(
    coalition, course, trainer, client_for
):
    other = user_with_role(Role.TRAINER, coalition=coalition)
    theirs = SessionFactory(course=course, trainers=[other])
    client = client_for(trainer)
    # not visible to this trainer at all
    assert (
        client.get(reverse("training:session_update", args=[theirs.pk])).status_code
        == 404
    )
    assert (
        client.post(reverse("training:session_cancel", args=[theirs.pk])).status_code
        == 404
    )
    theirs.refresh_from_db()
    assert theirs.status == "planned"


def test_practice_user_can_not_manage_sessions(session, practice_user, client_for):
    client = client_for(practice_user)
    assert (
        client.get(reverse("training:session_update", args=[session.pk])).status_code
        == 403
    )
    assert (
        client.get(reverse("training:attendee_export", args=[session.pk])).status_code
        == 403
    )
    assert client.get(reverse("training:session_create")).status_code == 403


def test_lead_registers_for_any_practice_of_the_coalition(
    coalition, other_coalition, session, lead, client_for
):
    ours = PracticeFactory(coalition=coalition, name="Praktijk Eigen")
    PracticeFactory(coalition=other_coalition, name="Praktijk Vreemd")
    client = client_for(lead)
    url = reverse("training:register", args=[session.pk])
    page = client.get(url).content.decode()
    assert "Praktijk Eigen" in page
    assert "Praktijk Vreemd" not in page
    client.post(
        url,
        {
            "practice": ours.pk,
            "name": "Ria",
            "email": "ria@eigen.test",
            "role": "manager",
        },
    )
    reg = Registration.objects.get()
    assert (reg.practice, reg.registered_by) == (ours, lead)


def test_practice_user_registers_only_for_their_own_practice(
    coalition, session, practice_user, client_for
):
    neighbour = PracticeFactory(coalition=coalition)
    response = client_for(practice_user).post(
        reverse("training:register", args=[session.pk]),
        {"practice": neighbour.pk, "name": "X", "email": "x@n.test", "role": "gp"},
    )
    assert response.status_code == 200
    assert not Registration.objects.exists()


def test_cancelled_session_can_not_be_edited_and_says_so(session, lead, client_for):
    client = client_for(lead)
    client.post(reverse("training:session_cancel", args=[session.pk]))
    session.refresh_from_db()
    assert session.status == "cancelled"
    start = timezone.localtime(session.starts_at) + dt.timedelta(days=1)
    response = client.post(
        reverse("training:session_update", args=[session.pk]),
        {
            "course": session.course_id,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "mode": "on_site",
            "address": "Elders 1",
            "capacity": 5,
        },
    )
    assert "Een geannuleerde sessie kan niet meer worden gewijzigd." in (
        response.content.decode()
    )
    public = client.get(session.get_absolute_url()).content.decode()
    assert "Deze sessie is geannuleerd." in public
