"""A practice's own team training page (issue 11.12)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import PracticeFactory
from tests.training.factories import RegistrationFactory, SessionFactory
from training.models import Registration


def _team(session, practice, course):
    past_start = timezone.now() - dt.timedelta(days=30)
    past = SessionFactory(
        course=course,
        starts_at=past_start,
        ends_at=past_start + dt.timedelta(hours=3),
        registration_deadline=past_start,
        status="held",
    )
    RegistrationFactory(session=session, email="x@other.test")  # other practice
    RegistrationFactory(session=session, email="y@other.test")
    coming = RegistrationFactory(
        session=SessionFactory(course=course, capacity=5),
        practice=practice,
        name="Anna Aangemeld",
    )
    RegistrationFactory(
        session=session,
        email="z@other.test",
        status=Registration.Status.WAITLISTED,
    )
    waiting = RegistrationFactory(
        session=session,
        practice=practice,
        name="Wim Wachtend",
        status=Registration.Status.WAITLISTED,
    )
    attended = RegistrationFactory(
        session=past,
        practice=practice,
        name="Gea Geweest",
        attendance=Registration.Attendance.ATTENDED,
    )
    return coming, waiting, attended


def test_practice_user_sees_registered_waiting_with_position_and_certificates(
    session, course, practice, practice_user, client_for
):
    coming, waiting, attended = _team(session, practice, course)
    client = client_for(practice_user)
    response = client.get(reverse("training:team_training", args=[practice.pk]))
    assert response.status_code == 200
    team = response.context["team"]
    assert team["coming"] == [coming]
    assert team["waiting"] == [waiting]
    assert team["waiting"][0].waitlist_position == 2  # one from elsewhere is ahead
    assert team["attended"] == [attended]
    html = response.content.decode()
    certificate = reverse("training:certificate", args=[attended.pk])
    assert f'href="{certificate}"' in html
    assert "x@other.test" not in html
    assert client.get(certificate).status_code == 200


def test_another_practice_answers_404(
    coalition, practice_user, client_for, lead, other_lead
):
    neighbour = PracticeFactory(coalition=coalition)
    url = reverse("training:team_training", args=[neighbour.pk])
    assert client_for(practice_user).get(url).status_code == 404
    assert client_for(other_lead).get(url).status_code == 404
    assert client_for(lead).get(url).status_code == 200


def test_trainer_and_funder_are_refused(practice, trainer, funder, client_for):
    url = reverse("training:team_training", args=[practice.pk])
    assert client_for(trainer).get(url).status_code == 403
    assert client_for(funder).get(url).status_code == 403


def test_coverage_panel_on_the_practice_page_links_here(
    practice, practice_user, client_for
):
    html = (
        client_for(practice_user)
        .get(reverse("practices:detail", args=[practice.pk]))
        .content.decode()
    )
    assert f'href="{reverse("training:team_training", args=[practice.pk])}"' in html


def test_query_count_does_not_grow_with_the_team(
    session, course, practice, practice_user, client_for, django_assert_num_queries
):
    client = client_for(practice_user)
    url = reverse("training:team_training", args=[practice.pk])
    _team(session, practice, course)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for n in range(6):
        RegistrationFactory(
            session=SessionFactory(course=course),
            practice=practice,
            attendance=Registration.Attendance.ATTENDED,
            name=f"Extra {n}",
        )
    with django_assert_num_queries(len(small)):
        client.get(url)
