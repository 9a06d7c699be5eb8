"""The go-live journey: the lead filters the practice list to the at-risk practices of
one vendor, opens one, moves it to live, and sees the dashboard count change."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coalition.models import Role, Vendor
from practices.models import Rollout, Step
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, VendorFactory, user_with_role
from tests.practices.factories import RolloutFactory, ServiceDeadlineFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def bad_registry_file(coalition) -> bytes:
    from tests.practices.test_registry_xlsx import row, xlsx

    member = coalition.member_organisations.first()
    return xlsx(
        [row(member, his_vendor="", portal_vendor="", postcode="30 AB")]
    ).getvalue()


def test_lead_moves_an_at_risk_practice_to_live(new_page, coalition, mfa_user):
    today = timezone.localdate()
    ServiceDeadlineFactory(coalition=coalition, deadline=today + dt.timedelta(days=90))
    mine = VendorFactory(name="Praktijkportaal Noord", kind=Vendor.Kind.PORTAL)
    other = VendorFactory(name="Portaal Zuid", kind=Vendor.Kind.PORTAL)
    recent = today - dt.timedelta(days=10)
    plan = today + dt.timedelta(days=30)
    specs = [
        ("Huisartsenpraktijk De Linde", mine, None),  # at risk: no plan
        ("Huisartsenpraktijk Het Anker", mine, None),  # at risk: no plan
        ("Gezondheidscentrum De Vaart", mine, plan),  # on track
        ("Huisartsen Zuidplein", other, None),  # at risk, other vendor
    ]
    for name, vendor, planned in specs:
        p = PracticeFactory(coalition=coalition, name=name, portal_vendor=vendor)
        RolloutFactory(
            practice=p, step=Step.CONNECTED, step_since=recent, planned_date=planned
        )
    live = PracticeFactory(
        coalition=coalition, name="Praktijk Pionier", portal_vendor=mine
    )
    RolloutFactory(practice=live, step=Step.LIVE, live_date=recent, step_since=recent)
    lead = user_with_role(
        Role.LEAD, coalition=coalition, email="lead@golive.test", first_name="Marieke"
    )
    mfa_user(lead)

    page = new_page()
    page.set_viewport_size({"width": 1680, "height": 1000})
    login(page, lead.email, PASSWORD, user=lead)
    nav = page.get_by_role("navigation", name="Hoofdmenu")

    # The dashboard before: one practice live, three at risk.
    nav.get_by_role("link", name="Go-live").click()
    expect(page.locator("#stat-live")).to_have_text("1")
    expect(page.locator("#stat-risk")).to_have_text("3")

    # Filter the list to the at-risk practices of one vendor.
    nav.get_by_role("link", name="Praktijken").click()
    filters = page.get_by_role("form", name="Filters")
    filters.get_by_label("Leverancier").select_option(label="Praktijkportaal Noord")
    filters.get_by_label("Deadlinestatus").select_option(label="risico")
    filters.get_by_role("button", name="Filteren").click()
    expect(page.locator("#counts")).to_contain_text("2 praktijken")
    expect(page.locator("main table tbody tr")).to_have_count(2)
    page.screenshot(path="/tmp/registry-list.png", full_page=True)
    assert_accessible(page)

    # Open one and move it to live.
    page.get_by_role("link", name="Huisartsenpraktijk De Linde").click()
    page.wait_for_url(re.compile(r"/praktijken/\d+/$"))
    form = page.get_by_role("form", name="Uitrol online inzage bijwerken")
    form.get_by_label("Stap", exact=True).select_option(label="live")
    form.get_by_label("Toelichting").fill("Portaal staat aan; patiënten geïnformeerd.")
    form.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "online inzage: live opgeslagen"
    )
    row = page.locator("tr[data-service=record_access]")
    expect(row.locator("td.state")).to_contain_text("op tijd live")
    expect(
        page.get_by_text("Portaal staat aan; patiënten geïnformeerd.")
    ).to_be_visible()
    page.screenshot(path="/tmp/registry-detail.png", full_page=True)
    assert_accessible(page)

    # The dashboard after: two live, two at risk.
    nav.get_by_role("link", name="Go-live").click()
    expect(page.locator("#stat-live")).to_have_text("2")
    expect(page.locator("#stat-risk")).to_have_text("2")
    page.screenshot(path="/tmp/registry-dashboard.png", full_page=True)
    assert_accessible(page)

    # The registry import: a file with a bad postcode is previewed, nothing written.
    page.goto("/praktijken/import/")
    page.get_by_label("Bestand (xlsx)").set_input_files(
        files=[
            {
                "name": "register.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": bad_registry_file(coalition),
            }
        ]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren (nog niet opslaan)").click()
    assert "geen Nederlandse postcode" in page.locator("#import-errors").inner_text()
    assert page.get_by_role("button", name=re.compile("Bevestigen")).count() == 0
    page.screenshot(path="/tmp/registry-import.png", full_page=True)
    assert_accessible(page)

    rollout = Rollout.objects.get(practice__name="Huisartsenpraktijk De Linde")
    assert rollout.step == Step.LIVE and rollout.live_date == today
    change = rollout.changes.get()
    assert change.changed_by == lead and change.from_step == Step.CONNECTED
