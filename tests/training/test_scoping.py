"""Who sees which sessions and registrations (coalition.access, training section)."""

from __future__ import annotations

from django.urls import reverse

from coalition import access
from coalition.models import Role
from tests.factories import PracticeFactory, user_with_role
from tests.training.factories import RegistrationFactory, SessionFactory


def test_trainer_sees_only_their_own_sessions_registrations(
    coalition, course, session, trainer, client_for
):
    other_trainer = user_with_role(Role.TRAINER, coalition=coalition)
    others = SessionFactory(course=course, trainers=[other_trainer])
    mine = RegistrationFactory(session=session)
    theirs = RegistrationFactory(session=others)
    assert list(access.visible_registrations(trainer)) == [mine]
    assert list(access.visible_sessions(trainer)) == [session]
    client = client_for(trainer)
    assert (
        client.get(reverse("training:session_detail", args=[others.pk])).status_code
        == 404
    )
    page = client.get(reverse("training:session_detail", args=[session.pk]))
    assert mine.name in page.content.decode()
    assert theirs.name not in page.content.decode()
    cert = reverse("training:certificate", args=[theirs.pk])
    assert client.get(cert).status_code == 404


def test_practice_user_sees_only_their_own_staff(
    coalition, session, practice, practice_user, client_for
):
    neighbour = PracticeFactory(coalition=coalition)
    ours = RegistrationFactory(session=session, practice=practice, name="Onze Ans")
    RegistrationFactory(session=session, practice=neighbour, name="Buur Bert")
    assert list(access.visible_registrations(practice_user)) == [ours]
    page = (
        client_for(practice_user)
        .get(reverse("training:session_detail", args=[session.pk]))
        .content.decode()
    )
    assert "Onze Ans" in page
    assert "Buur Bert" not in page
    # and can not cancel the neighbour's registration
    theirs = neighbour.training_registrations.get()
    response = client_for(practice_user).post(
        reverse("training:registration_cancel", args=[theirs.pk])
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "confirmed"


def test_lead_sees_their_coalition_only(
    session, lead, other_lead, other_coalition, client_for
):
    reg = RegistrationFactory(session=session)
    assert list(access.visible_registrations(lead)) == [reg]
    assert not access.visible_registrations(other_lead).exists()
    assert not access.visible_sessions(other_lead).exists()
    client = client_for(other_lead)
    assert (
        client.get(reverse("training:session_detail", args=[session.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("training:register", args=[session.pk])).status_code == 404
    )


def test_visitor_sees_public_calendar_but_no_registrations(client, session):
    RegistrationFactory(session=session, name="Geheime Gerda")
    page = client.get(reverse("training:public_list"))
    assert page.status_code == 200
    assert "Module 1: online inzage" in page.content.decode()
    detail = client.get(session.get_absolute_url()).content.decode()
    assert "Geheime Gerda" not in detail
    assert client.get(reverse("training:session_list")).status_code == 302
    assert not access.visible_registrations(
        __import__("django.contrib.auth.models").contrib.auth.models.AnonymousUser()
    ).exists()


def test_funder_gets_no_training_pages(funder, session, client_for):
    client = client_for(funder)
    assert client.get(reverse("training:session_list")).status_code == 403
    assert client.get(reverse("training:coverage")).status_code == 403
