"""Browser journeys of the coalition administration (issue 11, parts 1, 3 and 8): a lead
keeps the member organisations (and meets the two-member rule), records an agreement
and a grant; the programme office founds a coalition and sees its lead. Screenshots at
1280 and 390 px go to /tmp/shots-admin11a/."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coalition.models import (
    Coalition,
    EmailMessage,
    FrameworkAgreement,
    Grant,
    MemberOrganisation,
    Role,
)
from tests.e2e.conftest import assert_accessible, login
from tests.factories import (
    PASSWORD,
    FunderFactory,
    PracticeFactory,
    ProductVersionFactory,
    VendorFactory,
    user_with_role,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-admin11a")
PAGE_FITS = "document.documentElement.scrollWidth <= window.innerWidth"


def shoot(page, name: str) -> None:
    """Screenshots at both widths; at 390 px the page itself never scrolls sideways."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
        assert page.evaluate(PAGE_FITS), f"{name} scrolls sideways at {width}px"
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


def type_into(locator, text: str) -> None:
    locator.click()
    locator.press_sequentially(text, delay=120)


def test_lead_keeps_the_member_organisations(new_page, coalition, mfa_user):
    first = coalition.member_organisations.order_by("pk").first()
    PracticeFactory(
        coalition=coalition, member_organisation=first, name="Praktijk De Linde"
    )
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@orgs.test")
    mfa_user(lead)
    page = new_page()
    login(page, lead.email, PASSWORD, user=lead)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Coalitiebeheer"
    ).click()
    page.wait_for_url(re.compile(r"/coalitie/lidorganisaties/$"))
    table = page.get_by_role("region", name="Lidorganisaties")
    expect(table.get_by_role("link", name=first.name)).to_be_visible()
    shoot(page, "member-list")

    # Add a third member organisation.
    page.get_by_role("link", name="Lidorganisatie toevoegen").click()
    type_into(page.get_by_role("textbox", name="Naam", exact=True), "Zorggroep Delta")
    page.get_by_label("Soort").select_option(label="zorggroep")
    type_into(
        page.get_by_role("textbox", name="Contactpersoon", exact=True), "Anna de Vries"
    )
    type_into(page.get_by_label("E-mail contactpersoon"), "anna@delta.test")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/coalitie/lidorganisaties/\d+/$"))
    assert "is toegevoegd" in page.get_by_role("status").inner_text()
    expect(page.get_by_role("link", name="anna@delta.test")).to_be_visible()

    # Edit its phone number; the history names who changed what.
    page.get_by_role("link", name="Bewerken").click()
    type_into(page.get_by_label("Telefoon contactpersoon"), "010-4567890")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/coalitie/lidorganisaties/\d+/$"))
    history = page.get_by_role("region", name="Geschiedenis")
    assert "010-4567890" in history.inner_text()
    assert "lead@orgs.test" in history.inner_text() or lead.get_full_name() in (
        history.inner_text()
    )
    shoot(page, "member-detail")

    # End it: allowed, three members were current.
    page.get_by_role("link", name="Lidmaatschap beëindigen").click()
    page.get_by_label("Lid tot en met").fill("2026-12-31")
    shoot(page, "member-end")
    page.get_by_role("button", name="Beëindigen").click()
    page.wait_for_url(re.compile(r"/coalitie/lidorganisaties/$"))
    assert "is beëindigd" in page.get_by_role("status").inner_text()
    delta = MemberOrganisation.objects.get(name="Zorggroep Delta")
    assert delta.ended_on == dt.date(2026, 12, 31)

    # Ending one of the two that are left is refused, with the rule in Dutch.
    second = coalition.member_organisations.current().exclude(pk=first.pk).get()
    page.get_by_role("link", name=second.name).click()
    page.get_by_role("link", name="Lidmaatschap beëindigen").click()
    page.get_by_role("button", name="Beëindigen").click()
    expect(page.get_by_role("alert")).to_contain_text("minstens twee lidorganisaties")
    shoot(page, "member-end-refused")
    second.refresh_from_db()
    assert second.ended_on is None


def test_lead_records_an_agreement_and_a_grant(new_page, coalition, mfa_user):
    vendor = VendorFactory(name="Praktijkportaal Nederland BV")
    ProductVersionFactory(vendor=vendor, product="Praktijkportaal", version="5.0")
    ProductVersionFactory(vendor=VendorFactory(name="Ander BV"), product="Ander")
    FunderFactory(name="Ministerie van VWS")
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@geld.test")
    mfa_user(lead)
    page = new_page()
    login(page, lead.email, PASSWORD, user=lead)
    page.goto("/coalitie/lidorganisaties/")
    tabs = page.get_by_role("navigation", name="Coalitiebeheer")

    tabs.get_by_role("link", name="Raamovereenkomsten").click()
    page.get_by_role("link", name="Raamovereenkomst toevoegen").click()
    page.get_by_label("Leverancier").select_option(label=vendor.name)
    page.get_by_label("Ingangsdatum").fill("2026-01-01")
    page.get_by_label("Einddatum").fill("2025-12-31")  # before the start: refused
    page.get_by_label("Praktijkportaal Nederland BV: Praktijkportaal 5.0").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("main")).to_contain_text("ligt vóór de ingangsdatum")
    page.get_by_label("Einddatum").fill("2028-12-31")
    shoot(page, "agreement-form")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/coalitie/raamovereenkomsten/$"))
    row = page.get_by_role("row", name=re.compile(vendor.name))
    assert "Praktijkportaal 5.0" in row.inner_text()
    assert "31-12-2028" in row.inner_text()
    shoot(page, "agreement-list")
    agreement = FrameworkAgreement.objects.get(coalition=coalition)
    assert [str(p) for p in agreement.products.all()] == ["Praktijkportaal 5.0"]

    tabs = page.get_by_role("navigation", name="Coalitiebeheer")
    tabs.get_by_role("link", name="Subsidies").click()
    page.get_by_role("link", name="Subsidie toevoegen").click()
    type_into(page.get_by_label("Naam nieuwe financier"), "Zorgverzekeraar Oost")
    type_into(page.get_by_label("Kenmerk"), "ZO-2026-01")
    type_into(page.get_by_label("Bedrag (€)"), "1.250.000")
    page.get_by_label("Begin").fill("2026-01-01")
    page.get_by_label("Einde").fill("2027-12-31")
    type_into(page.get_by_label("Toegezegde praktijken"), "40")
    type_into(page.get_by_label("Toegezegde patiënten"), "120000")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/coalitie/subsidies/$"))
    row = page.get_by_role("row", name=re.compile("Zorgverzekeraar Oost"))
    assert "1.250.000,00" in row.inner_text() and "120.000" in row.inner_text()
    shoot(page, "grant-list")

    # Edit the amount: the history keeps the earlier one.
    row.get_by_role("link", name="Zorgverzekeraar Oost").click()
    amount = page.get_by_label("Bedrag (€)")
    amount.fill("")
    type_into(amount, "1.300.000")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/coalitie/subsidies/$"))
    grant = Grant.objects.get(coalition=coalition)
    assert grant.amount == Decimal("1300000")
    page.get_by_role("link", name="Zorgverzekeraar Oost").click()
    history = page.get_by_role("region", name="Geschiedenis")
    expect(history).to_contain_text("1.250.000 → 1.300.000")
    shoot(page, "grant-form")

    # The funder's progress report measures against the grant.
    page.goto("/voortgang/?coalitie=" + coalition.slug)
    assert "120.000" in page.locator("main").inner_text()


def test_office_founds_a_coalition_and_sees_its_lead(new_page, coalition, mfa_user):
    office = user_with_role(Role.OFFICE, email="bureau@open.test")
    mfa_user(office)
    page = new_page()
    login(page, office.email, PASSWORD, user=office)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Coalitiebeheer"
    ).click()
    page.wait_for_url(re.compile(r"/programmabureau/coalities/$"))
    shoot(page, "office-list")

    page.get_by_role("link", name="Coalitie oprichten").first.click()
    type_into(page.get_by_role("textbox", name="Naam", exact=True), "Coalitie Twente")
    type_into(page.get_by_label("Korte naam"), "twente")
    type_into(page.get_by_role("textbox", name="Regio", exact=True), "Twente")
    page.get_by_label("Provincie").select_option(label="Overijssel")
    type_into(page.get_by_label("E-mailadres projectleider"), "lotte@twente.test")
    type_into(page.get_by_label("Voornaam projectleider"), "Lotte")
    type_into(page.get_by_label("Naam 1"), "Huisartsenkring Twente")
    page.get_by_label("Soort 1").select_option(label="LHV-kring")
    # One member only: refused.
    page.get_by_role("button", name="Coalitie oprichten").click()
    expect(page.get_by_role("alert")).to_contain_text("minstens twee lidorganisaties")
    type_into(page.get_by_label("Naam 2"), "Zorggroep Almelo")
    page.get_by_label("Soort 2").select_option(label="zorggroep")
    shoot(page, "office-create")
    page.get_by_role("button", name="Coalitie oprichten").click()
    page.wait_for_url(re.compile(r"/programmabureau/coalities/twente/$"))
    leads = page.get_by_role("region", name="Projectleiders").first
    assert "lotte@twente.test" in leads.inner_text()
    assert "uitgenodigd" in leads.inner_text()
    shoot(page, "office-detail")
    twente = Coalition.objects.get(slug="twente")
    assert twente.member_organisations.count() == 2
    invitation = EmailMessage.objects.get(to="lotte@twente.test")
    assert invitation.coalition == twente

    page.get_by_role("link", name="Gegevens bewerken").click()
    region = page.get_by_role("textbox", name="Regio", exact=True)
    region.fill("")
    type_into(region, "Twente en Achterhoek")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/programmabureau/coalities/twente/$"))
    assert "Twente en Achterhoek" in page.locator("main").inner_text()

    # The list shows both coalitions with their leads.
    page.get_by_role("link", name="Alle coalities").click()
    expect(page.get_by_role("link", name="Coalitie Twente")).to_be_visible()
    expect(page.get_by_role("link", name=coalition.name)).to_be_visible()
