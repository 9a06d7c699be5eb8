"""Issue 11.13 in the browser: a practice user proposes new registry details, the
project lead accepts them on the practice page, and both names stay in the history."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from coalition.models import Role, Vendor
from practices.models import ChangeProposal
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, VendorFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots-public16"))


def test_practice_proposes_and_lead_accepts(new_page, coalition, mfa_user):
    VendorFactory(name="Portaal Oost", kind=Vendor.Kind.PORTAL)
    practice = PracticeFactory(coalition=coalition, name="Praktijk De Brug")
    user = user_with_role(
        Role.PRACTICE,
        practice=practice,
        email="balie@brug.test",
        first_name="Sanne",
        last_name="Bakker",
    )
    lead = user_with_role(
        Role.LEAD,
        coalition=coalition,
        email="lead@brug.test",
        first_name="Marieke",
        last_name="van Dijk",
    )
    mfa_user(lead)
    SHOTS.mkdir(parents=True, exist_ok=True)

    page = new_page()
    login(page, user.email, PASSWORD)
    page.goto(f"/praktijken/{practice.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Wijziging voorstellen").click()
    size = page.get_by_label("Aantal patiënten")
    size.fill("")
    size.press_sequentially("3450", delay=120)
    page.get_by_label("Portaalleverancier").select_option(label="Portaal Oost")
    page.get_by_label("Telefoon").press_sequentially("010 555 12 34", delay=60)
    page.get_by_label("Toelichting voor de projectleider").press_sequentially(
        "Nieuwe wijk erbij.", delay=40
    )
    assert_accessible(page)
    page.screenshot(path=SHOTS / "proposal-form-1280.png", full_page=True)
    with page.expect_navigation():
        page.get_by_role("button", name="Voorstel versturen").click()
    assert page.get_by_text("Uw voorstel is verstuurd").count() == 1
    pending = page.get_by_role("article", name="Voorstel van Sanne Bakker")
    assert pending.get_by_text("3450").count() == 1
    assert page.get_by_role("button", name="Overnemen").count() == 0
    assert_accessible(page)

    lead_page = new_page()
    login(lead_page, lead.email, PASSWORD, user=lead)
    lead_page.goto(f"/praktijken/{practice.pk}/")
    card = lead_page.get_by_role("article", name="Voorstel van Sanne Bakker")
    assert card.get_by_text("Portaal Oost").count() == 1
    assert_accessible(lead_page)
    lead_page.set_viewport_size({"width": 390, "height": 844})
    lead_page.screenshot(path=SHOTS / "proposal-lead-390.png", full_page=True)
    lead_page.set_viewport_size({"width": 1280, "height": 900})
    with lead_page.expect_navigation():
        card.get_by_role("button", name="Overnemen").click()
    assert lead_page.get_by_text("Het voorstel is overgenomen.").count() == 1
    profile = lead_page.get_by_role("region", name="Profiel")
    assert profile.get_by_text(re.compile(r"3\.450")).count() == 1
    history = lead_page.locator("#voorstellen")
    assert (
        history.get_by_text(
            "voorgesteld door Sanne Bakker, beoordeeld door Marieke van Dijk",
            exact=False,
        ).count()
        == 1
    )
    lead_page.screenshot(path=SHOTS / "proposal-accepted-1280.png", full_page=True)

    practice.refresh_from_db()
    assert (practice.list_size, practice.phone) == (3450, "010 555 12 34")
    assert practice.portal_vendor.name == "Portaal Oost"
    record = practice.history.order_by("-history_date").first()
    assert record.history_user == lead
    assert "Sanne Bakker" in record.history_change_reason
    assert ChangeProposal.objects.get().status == ChangeProposal.Status.ACCEPTED
