"""Issue 11.2 and 11.8 in the browser: a lead adds a vendor with a product version and
proposes a certification; the programme office confirms it from its queue. Both pages
pass axe and are photographed at 1280 and 390 px."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coalition.models import Certification, Role, Vendor
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-admin11b")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_lead_proposes_and_office_confirms_a_certification(
    new_page, coalition, mfa_user
):
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    office = user_with_role(Role.OFFICE, email="bureau@e2e.test")
    mfa_user(lead)
    mfa_user(office)

    page = new_page()
    login(page, lead.email, PASSWORD, user=lead)
    page.get_by_role("link", name="Leveranciers", exact=True).first.click()
    page.get_by_role("link", name="Leveranciers beheren").click()
    page.get_by_role("link", name="Leverancier toevoegen").click()
    page.get_by_role("textbox", name="Naam", exact=True).press_sequentially(
        "Zorgportaal Zuid", delay=60
    )
    page.get_by_label("Soort").select_option("his")
    page.get_by_role(
        "textbox", name="Onze contactpersoon", exact=True
    ).press_sequentially("Joke de Vries", delay=60)
    page.get_by_label("E-mail van onze contactpersoon").fill("joke@zuid.example.test")
    assert_accessible(page)
    shoot(page, "vendor-create")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/beheer/leveranciers/\d+/$"))
    expect(page.get_by_role("cell", name="Joke de Vries", exact=True)).to_be_visible()

    page.get_by_role("link", name="Productversie toevoegen").click()
    page.get_by_label("Product").press_sequentially("Zuid HIS", delay=60)
    page.get_by_role("textbox", name="Versie", exact=True).press_sequentially(
        "3.0", delay=60
    )
    page.get_by_label("online inzage").check()
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/beheer/leveranciers/\d+/$"))

    page.get_by_role("link", name="Certificering voorstellen").click()
    page.get_by_label("Productversie").select_option(label="Zuid HIS 3.0")
    page.get_by_label("Eis (standaard)").select_option("gp_data")
    page.get_by_label("Gecertificeerd sinds").fill("2025-03-01")
    page.get_by_label("Bron").press_sequentially("Brief van de leverancier", delay=40)
    page.get_by_role("button", name="Voorstellen").click()
    page.wait_for_url(re.compile(r"/beheer/leveranciers/\d+/$"))
    expect(page.get_by_text("voorgesteld", exact=True).first).to_be_visible()
    assert page.get_by_role("button", name=re.compile("Bevestigen")).count() == 0
    assert_accessible(page)
    shoot(page, "vendor-detail-lead")

    cert = Certification.objects.get(product_version__vendor__name="Zorgportaal Zuid")
    assert cert.status == Certification.Status.PROPOSED

    office_page = new_page()
    login(office_page, office.email, PASSWORD, user=office)
    office_page.get_by_role("link", name="Certificeringen").first.click()
    expect(office_page.get_by_text("Brief van de leverancier").first).to_be_visible()
    assert_accessible(office_page)
    shoot(office_page, "certification-queue")
    with office_page.expect_navigation():
        office_page.get_by_role("button", name=re.compile("Bevestigen")).first.click()
    expect(office_page.get_by_text("Certificering bevestigd.")).to_be_visible()
    cert.refresh_from_db()
    assert cert.status == Certification.Status.CONFIRMED
    assert cert.decided_by == office

    # The office withdraws it again from the vendor's page, with a reason.
    vendor = Vendor.objects.get(name="Zorgportaal Zuid")
    office_page.goto(f"/beheer/leveranciers/{vendor.pk}/")
    office_page.get_by_role("link", name=re.compile("Intrekken")).first.click()
    office_page.get_by_label("Waarom vervalt deze certificering?").press_sequentially(
        "Niet in het register.", delay=30
    )
    assert_accessible(office_page)
    office_page.get_by_role("button", name="Intrekken").click()
    office_page.wait_for_url(re.compile(r"/beheer/leveranciers/\d+/$"))
    expect(office_page.get_by_text("ingetrokken", exact=True).first).to_be_visible()
    shoot(office_page, "vendor-detail-office")
    cert.refresh_from_db()
    assert cert.status == Certification.Status.WITHDRAWN
