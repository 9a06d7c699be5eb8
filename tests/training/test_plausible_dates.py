"""Session dates are plausible (2000–2100) in the model and the form, and one stored
extreme date breaks no page (issue 14.4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.training.factories import RegistrationFactory, SessionFactory
from training.models import Session


def test_model_refuses_a_session_in_year_one(course):
    session = SessionFactory.build(
        course=course,
        starts_at=dt.datetime(1, 1, 1, 10, tzinfo=dt.UTC),
        ends_at=dt.datetime(2026, 1, 1, 10, tzinfo=dt.UTC),
        registration_deadline=dt.datetime(1, 1, 1, 9, tzinfo=dt.UTC),
    )
    with pytest.raises(ValidationError) as info:
        session.full_clean()
    assert "starts_at" in info.value.message_dict
    assert "registration_deadline" in info.value.message_dict


def test_form_refuses_year_9999(course, trainer, client_for):
    response = client_for(trainer).post(
        reverse("training:session_create"),
        {
            "course": course.pk,
            "starts_at": "9999-12-31T10:00",
            "ends_at": "9999-12-31T12:00",
            "mode": "on_site",
            "address": "Coolsingel 40, Rotterdam",
            "capacity": 2,
        },
    )
    assert response.status_code == 200
    assert "Vul een datum tussen 2000 en 2100 in; 9999 ligt daarbuiten." in (
        response.content.decode()
    )
    assert not Session.objects.exists()


def test_a_session_stored_in_year_one_breaks_no_page(
    client, course, session, trainer, lead, practice, practice_user, client_for
):
    RegistrationFactory(session=session, practice=practice)
    bad = SessionFactory(course=course, trainers=[trainer])
    Session.objects.filter(pk=bad.pk).update(
        starts_at=dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.UTC),
        ends_at=dt.datetime(1, 1, 1, 3, 0, tzinfo=dt.UTC),
        registration_deadline=dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.UTC),
    )
    public = [
        reverse("training:public_list"),
        reverse("training:feed"),
        bad.get_absolute_url(),
        reverse("training:session_ics", args=[bad.pk]),
        "/",
    ]
    for url in public:
        assert client.get(url).status_code == 200, url
    from training import services

    feed = services.trainer_feed_get(user=trainer)
    assert client.get(feed.get_absolute_url()).status_code == 200
    for user in (trainer, lead, practice_user):
        c = client_for(user)
        for url in (
            reverse("coalition:start"),
            reverse("training:session_list") + "?period=all",
            reverse("training:session_list") + "?period=past",
            bad.get_manage_url(),
            reverse("training:team_training", args=[practice.pk]),
        ):
            response = c.get(url)
            assert response.status_code in (200, 403, 404), (user, url)
            assert response.status_code != 500
        c.logout()
