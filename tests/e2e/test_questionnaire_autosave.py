"""Typing at human speed while the answers save: nothing typed is lost or overwritten
by a save's reply, and a warning is confirmed at ‘Versturen’."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest

from coalition.models import Role
from surveys.models import Answer, Response
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, user_with_role
from tests.surveys.factories import answer_all, open_standard

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = "/tmp/shots/surveys"


def _stored(response) -> dict:
    return {
        a.question.code: a.value
        for a in Answer.objects.filter(response=response).select_related("question")
    }


def _wait_stored(response, expected: dict, timeout: float = 15) -> dict:
    """Poll the database until the saves have landed (or give up and show them)."""
    from django.db import OperationalError

    deadline = time.monotonic() + timeout
    while True:
        try:
            now = _stored(response)
        except OperationalError:  # SQLite's shared test database is busy: retry
            time.sleep(0.25)
            continue
        if all(now.get(k) == v for k, v in expected.items()):
            return now
        if time.monotonic() > deadline:
            return now
        time.sleep(0.25)


def test_typing_across_fields_keeps_every_keystroke_then_confirm_warning(
    new_page, coalition
):
    from surveys import services

    practice = PracticeFactory(coalition=coalition, name="Praktijk De Linde")
    user = user_with_role(Role.PRACTICE, practice=practice, email="praktijk@e2e.test")
    questionnaire = open_standard(coalition, year=2025)
    response = services.response_start(questionnaire=questionnaire, practice=practice)
    answer_all(
        response,
        {
            "list_size": "2500",
            "offers_record_access": "ja",
            "offers_econsult": "nee",
            "offers_online_appointments": "ja",
            "offers_repeat_prescriptions": "nee",
        },
    )

    page = new_page()
    login(page, user.email, PASSWORD)
    page.goto(f"/vragenlijsten/antwoorden/{response.pk}/")

    total = page.locator("#q-appointments_total_q4")
    total.click()
    total.press_sequentially("300", delay=120)
    total.press("Tab")
    online = page.locator("#q-appointments_online_q4")
    assert online.evaluate("el => el === document.activeElement")
    online.press_sequentially("310", delay=120)
    online.press("Tab")
    # select-all on an existing value and type over it
    size = page.locator("#q-list_size")
    size.click()
    size.press("ControlOrMeta+a")
    size.press_sequentially("3000", delay=120)
    size.press("Tab")
    barriers = page.locator("#q-barriers")
    barriers.click()
    barriers.press_sequentially("Inloggen met DigiD is lastig.", delay=120)
    barriers.press("Tab")

    expected = {
        "appointments_total_q4": Decimal(300),
        "appointments_online_q4": Decimal(310),
        "list_size": Decimal(3000),
        "barriers": "Inloggen met DigiD is lastig.",
    }
    assert {
        k: v for k, v in _wait_stored(response, expected).items() if k in expected
    } == expected
    # what the person sees was never replaced while typing
    assert online.input_value() == "310" and size.input_value() == "3000"
    page.screenshot(path=f"{SHOTS}/form-typed-1280.png", full_page=True)

    # closing the browser loses nothing: a new session shows every value exactly
    page.context.close()
    page = new_page()
    login(page, user.email, PASSWORD)
    page.goto(f"/vragenlijsten/antwoorden/{response.pk}/")
    assert page.locator("#q-appointments_total_q4").input_value() == "300"
    assert page.locator("#q-appointments_online_q4").input_value() == "310"
    assert page.locator("#q-list_size").input_value() == "3000"
    assert page.locator("#q-barriers").input_value() == "Inloggen met DigiD is lastig."
    assert _stored(response)["list_size"] == Decimal(3000)

    # submit: the warning is shown there and confirmed there
    page.get_by_role("button", name="Versturen").click()
    alert = page.locator("#confirm-warnings")
    alert.wait_for()
    assert "meer dan het totale aantal afspraken" in alert.inner_text()
    assert Response.objects.get(pk=response.pk).status != Response.Status.SUBMITTED
    page.screenshot(path=f"{SHOTS}/form-confirm-1280.png", full_page=True)
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SHOTS}/form-confirm-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Ik heb deze antwoorden gecontroleerd; ze kloppen.").check()
    page.get_by_role("button", name="Versturen").click()
    page.get_by_text("Dank u wel! Uw antwoorden zijn ingestuurd.").wait_for()
    assert Response.objects.get(pk=response.pk).status == Response.Status.SUBMITTED
    assert _stored(response)["appointments_online_q4"] == Decimal(310)
