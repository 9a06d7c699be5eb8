"""Giving up a confirmed place asks first and tells the person (issue 10.12)."""

from __future__ import annotations

from django.urls import reverse

from coalition.models import EmailMessage
from tests.training.factories import RegistrationFactory
from training import services
from training.models import Registration


def _full_session(session, practice):
    anna = RegistrationFactory(
        session=session, practice=practice, name="Anna", email="anna@p.test"
    )
    RegistrationFactory(session=session, practice=practice, email="bram@p.test")
    waiting = RegistrationFactory(
        session=session,
        practice=practice,
        email="chantal@p.test",
        status=Registration.Status.WAITLISTED,
    )
    return anna, waiting


def test_get_asks_for_confirmation_and_changes_nothing(
    session, practice, practice_user, client_for
):
    anna, _ = _full_session(session, practice)
    url = reverse("training:registration_cancel", args=[anna.pk])
    response = client_for(practice_user).get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Anna afmelden?" in html
    assert "Ja, afmelden" in html
    assert 'name="confirm" value="yes"' in html
    anna.refresh_from_db()
    assert anna.status == Registration.Status.CONFIRMED


def test_a_post_without_the_confirmation_cancels_nothing(
    session, practice, practice_user, client_for
):
    anna, _ = _full_session(session, practice)
    url = reverse("training:registration_cancel", args=[anna.pk])
    response = client_for(practice_user).post(url, {"next": "/scholing/"})
    assert response.status_code == 200
    assert "Ja, afmelden" in response.content.decode()
    anna.refresh_from_db()
    assert anna.status == Registration.Status.CONFIRMED
    assert not EmailMessage.objects.filter(key__startswith="training:cancelled:")


def test_confirmed_cancel_promotes_the_first_waiting_and_mails_the_person_once(
    session, practice, practice_user, client_for
):
    anna, waiting = _full_session(session, practice)
    client = client_for(practice_user)
    url = reverse("training:registration_cancel", args=[anna.pk])
    response = client.post(url, {"confirm": "yes"})
    assert response.status_code == 302
    anna.refresh_from_db()
    waiting.refresh_from_db()
    assert anna.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    client.post(url, {"confirm": "yes"})  # a second click
    mails = EmailMessage.objects.filter(key__startswith="training:cancelled:")
    assert list(mails.values_list("to", flat=True)) == ["anna@p.test"]
    assert "Uw aanmelding voor" in mails.get().body


def test_the_service_mails_once_even_when_called_twice(session, practice):
    anna, _ = _full_session(session, practice)
    services.registration_cancel(registration=anna)
    services.registration_cancel(registration=anna)
    assert EmailMessage.objects.filter(key=f"training:cancelled:{anna.pk}").count() == 1


def test_session_page_offers_a_link_to_the_confirmation_not_a_one_click_post(
    session, practice, practice_user, client_for
):
    anna, _ = _full_session(session, practice)
    html = (
        client_for(practice_user)
        .get(reverse("training:session_detail", args=[session.pk]))
        .content.decode()
    )
    cancel = reverse("training:registration_cancel", args=[anna.pk])
    assert f'<a class="btn btn-sm btn-outline-danger" href="{cancel}?next=' in html
    assert f'action="{cancel}"' not in html
