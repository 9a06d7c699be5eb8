"""The lead invites with the button whose number is the e-mails it sends; a contact
without an account sets a password from the e-mail and lands on the questionnaire; the
lead reminds the non-responders by hand, once a day."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from coalition.models import Role
from practices.models import PracticeContact
from surveys import services
from surveys.models import Response
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, user_with_role
from tests.surveys.factories import open_standard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots/surveys"


def _lead_page(new_page, lead):
    page = new_page()
    # the shared top menu of a lead needs more than 1280 px (see test_surveys.py)
    page.set_viewport_size({"width": 1700, "height": 900})
    login(page, lead.email, PASSWORD, user=lead)
    return page


def test_invite_button_then_contact_sets_password_and_answers(
    new_page, coalition, mfa_user
):
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    mfa_user(lead)
    with_user = PracticeFactory(coalition=coalition, name="Praktijk Met Account")
    user_with_role(Role.PRACTICE, practice=with_user, email="account@e2e.test")
    contact_only = PracticeFactory(coalition=coalition, name="Praktijk Zonder Account")
    PracticeContact.objects.create(
        practice=contact_only,
        name="Sanne Bos",
        email="sanne@e2e.test",
        is_primary=True,
    )
    PracticeFactory(coalition=coalition, name="Praktijk Zonder Adres")
    already = PracticeFactory(coalition=coalition, name="Praktijk Al Uitgenodigd")
    user_with_role(Role.PRACTICE, practice=already, email="al@e2e.test")
    questionnaire = open_standard(coalition, year=2025)
    services.responses_invite(questionnaire=questionnaire, practices=[already], by=lead)
    mail.outbox.clear()

    page = _lead_page(new_page, lead)
    page.goto(f"/vragenlijsten/{questionnaire.pk}/uitnodigen/")
    button = page.get_by_test_id("invite-button")
    number = int(re.match(r"\s*(\d+) praktijk", button.inner_text()).group(1))
    assert number == 2
    page.screenshot(path=f"{SHOTS}/invite-1700.png", full_page=True)
    assert_accessible(page)
    button.click()
    page.wait_for_url(re.compile(r"/voortgang/"))
    assert len(mail.outbox) == number
    assert sorted(m.to[0] for m in mail.outbox) == [
        "account@e2e.test",
        "sanne@e2e.test",
    ]
    # everyone reachable is invited now: the button offers nobody
    page.goto(f"/vragenlijsten/{questionnaire.pk}/uitnodigen/")
    assert page.get_by_test_id("invite-button").inner_text().startswith("0 ")
    assert page.get_by_test_id("invite-button").is_disabled()

    # Sanne opens the link from her e-mail and chooses a password by typing
    body = next(m.body for m in mail.outbox if m.to == ["sanne@e2e.test"])
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", body).group(0)
    path = re.sub(r"^https?://[^/]+", "", link)
    contact = new_page()
    contact.goto(path)
    new_password = "Vragenlijst-2025-veilig"
    contact.locator("input[name=password1]").press_sequentially(new_password, delay=30)
    contact.locator("input[name=password2]").press_sequentially(new_password, delay=30)
    with contact.expect_navigation():
        contact.get_by_role("button", name="Wachtwoord opslaan").click()
    if "/accounts/login/" in contact.url:
        contact.get_by_label("E-mail").first.press_sequentially(
            "sanne@e2e.test", delay=30
        )
        contact.get_by_label("Wachtwoord").first.press_sequentially(
            new_password, delay=30
        )
        contact.get_by_role(
            "button", name=re.compile("Inloggen|Aanmelden", re.I)
        ).click()
    response = Response.objects.get(questionnaire=questionnaire, practice=contact_only)
    contact.wait_for_url(re.compile(rf"/vragenlijsten/antwoorden/{response.pk}/$"))
    assert "Praktijk Zonder Account" in contact.locator("main").inner_text()
    contact.screenshot(path=f"{SHOTS}/contact-lands-on-form-1280.png", full_page=True)


def test_lead_reminds_non_responders_by_hand_once_a_day(new_page, coalition, mfa_user):
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    mfa_user(lead)
    waiting = PracticeFactory(coalition=coalition, name="Praktijk Wacht")
    user_with_role(Role.PRACTICE, practice=waiting, email="wacht@e2e.test")
    questionnaire = open_standard(coalition, year=2025)
    services.responses_invite(questionnaire=questionnaire, practices=[waiting], by=lead)
    mail.outbox.clear()

    page = _lead_page(new_page, lead)
    page.goto(f"/vragenlijsten/{questionnaire.pk}/voortgang/")
    button = page.get_by_test_id("remind-button")
    assert button.inner_text().strip() == "Nu een herinnering sturen aan 1 praktijk"
    page.screenshot(path=f"{SHOTS}/progress-remind-1700.png", full_page=True)
    assert_accessible(page)
    button.click()
    page.get_by_text("1 herinnering verstuurd.").wait_for()
    assert [m.to for m in mail.outbox] == [["wacht@e2e.test"]]
    # the same day: nothing to send, the button says so
    button = page.get_by_test_id("remind-button")
    assert button.inner_text().strip() == "Nu een herinnering sturen aan 0 praktijken"
    assert button.is_disabled()
    assert len(mail.outbox) == 1
