"""A practice fills in half the questionnaire, closes the browser, comes back, finds its
answers, finishes and submits; the lead's progress page shows one more submitted."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from coalition.models import Role
from surveys import services
from surveys.models import Response
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, user_with_role
from tests.surveys.factories import open_standard, submitted

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _save(page, code: str, value: str) -> None:
    """Type an answer and leave the field; wait until the server says it is saved."""
    field = page.locator(f"#field-{code}")
    field.locator("input, textarea").first.fill(value)
    field.locator("input, textarea").first.press("Tab")
    page.locator(f"#field-{code}").get_by_text("Opgeslagen").wait_for()


def _choose(page, code: str, label: str) -> None:
    page.locator(f"#field-{code}").get_by_label(label, exact=True).check()
    page.locator(f"#field-{code}").get_by_text("Opgeslagen").wait_for()


def test_fill_in_close_browser_come_back_submit(new_page, coalition, mfa_user):
    practice = PracticeFactory(coalition=coalition, name="Huisartsenpraktijk De Haven")
    other = PracticeFactory(coalition=coalition, name="Praktijk Noord")
    user = user_with_role(Role.PRACTICE, practice=practice, email="praktijk@e2e.test")
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    mfa_user(lead)
    questionnaire = open_standard(coalition, year=2025)
    services.responses_invite(
        questionnaire=questionnaire, practices=[practice, other], by=lead
    )
    submitted(questionnaire, other, {"list_size": 2500})

    # The lead sees one of two submitted.
    lead_page = new_page()
    # The shared top menu of a lead no longer fits 1280 px now that every app adds its
    # item (it overflows, and axe flags the hidden text); reported to the integrator.
    lead_page.set_viewport_size({"width": 1700, "height": 900})
    login(lead_page, lead.email, PASSWORD, user=lead)
    lead_page.goto(f"/vragenlijsten/{questionnaire.pk}/voortgang/")
    assert lead_page.locator("#stat-submitted").inner_text() == "1"
    assert lead_page.locator("#stat-invited").inner_text() == "2"
    lead_page.screenshot(path="/tmp/surveys-progress.png", full_page=True)
    assert_accessible(lead_page)

    # First session: half the form.
    page = new_page()
    login(page, user.email, PASSWORD)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Vragenlijst", exact=True
    ).click()
    page.get_by_role("link", name="Invullen").click()
    page.wait_for_url(re.compile(r"/vragenlijsten/antwoorden/\d+/$"))
    _save(page, "list_size", "3.100")
    _choose(page, "offers_record_access", "ja")
    econsults = page.locator("#field-econsults_q4")
    assert econsults.is_hidden()  # shown only when e-consults are offered
    _choose(page, "offers_econsult", "ja")
    expect(econsults).to_be_visible()
    _save(page, "econsults_q4", "45")
    _save(page, "portal_registered", "900")
    # A wrong value gets its message and does not overwrite anything.
    page.locator("#q-calls_answered_2min_pct").fill("120")
    page.locator("#q-calls_answered_2min_pct").press("Tab")
    page.locator("#field-calls_answered_2min_pct").get_by_text(
        "Een percentage ligt tussen 0 en 100."
    ).wait_for()
    page.screenshot(path="/tmp/surveys-form-half.png", full_page=True)
    page.context.close()  # the browser closes: no submit, no save button

    # Second session, a new browser: the answers are there.
    page = new_page()
    login(page, user.email, PASSWORD)
    page.goto("/vragenlijsten/mijn/")
    assert "begonnen" in page.locator("main").inner_text()
    page.get_by_role("link", name="Invullen").click()
    expect(page.locator("#q-list_size")).to_have_value("3100")
    expect(page.locator("#q-econsults_q4")).to_have_value("45")
    assert page.locator("#q-portal_registered").input_value() == "900"
    assert page.locator("#q-offers_econsult-ja").is_checked()
    assert page.locator("#q-calls_answered_2min_pct").input_value() == ""
    assert_accessible(page)
    _choose(page, "offers_online_appointments", "nee")
    _choose(page, "offers_repeat_prescriptions", "ja")
    _save(page, "calls_answered_2min_pct", "85")
    _save(page, "barriers", "Inloggen met DigiD is lastig voor ouderen.")
    page.get_by_role("button", name="Versturen").click()
    page.get_by_text("Dank u wel! Uw antwoorden zijn ingestuurd.").wait_for()
    page.screenshot(path="/tmp/surveys-submitted.png", full_page=True)
    response = Response.objects.get(questionnaire=questionnaire, practice=practice)
    assert response.status == Response.Status.SUBMITTED

    # The lead's progress page shows one more submitted.
    lead_page.reload()
    assert lead_page.locator("#stat-submitted").inner_text() == "2"
    lead_page.screenshot(path="/tmp/surveys-progress-after.png", full_page=True)
