"""A visitor on a phone finds their practice by postcode and sees what they can do
online there (issue 16.2): no cookies, axe clean, screenshots at 390 and 1280 px."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from coalition.demo import practices as practices_demo
from coalition.demo import public as public_demo
from coalition.models import Service, Vendor
from practices.models import Practice, Step
from tests.e2e.conftest import assert_accessible
from tests.factories import VendorFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/shots-public16"))
TODAY = dt.date(2026, 11, 23)


def test_visitor_on_a_phone_finds_a_demo_practice_by_postcode(new_page):
    from coalition.demo import coalition as core_demo
    from practices import services

    core_demo.core(today=TODAY)
    practices_demo.load(today=TODAY)
    public_demo.load(today=TODAY)
    published = Practice.objects.filter(public_page=True)
    assert published.count() == 40
    target = published.exclude(postcode="").order_by("agb_code").first()
    portal = VendorFactory(name="Portaal Testland", kind=Vendor.Kind.PORTAL)
    target.portal_vendor = portal
    services.practice_save(practice=target)
    # e-consult live (a no-op when the demo made it live already)
    services.rollout_change(
        practice=target, service=Service.ECONSULT, by=None, step=Step.LIVE
    )
    hidden = Practice.objects.filter(public_page=False, postcode=target.postcode)

    page = new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/huisarts-online/")
    assert_accessible(page)
    field = page.get_by_label("Uw postcode of de naam van de praktijk")
    field.click()
    field.press_sequentially(target.postcode, delay=120)
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    assert "q=" in page.url  # a GET form: nothing is posted, nothing is stored
    link = page.get_by_role("link", name=target.name)
    for other in hidden:
        assert page.get_by_role("link", name=other.name).count() == 0
    assert_accessible(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "finder-390.png", full_page=True)
    with page.expect_navigation():
        link.click()
    assert (
        page.get_by_role("heading", level=1).inner_text() == f"Online bij {target.name}"
    )
    services_list = page.locator("section[aria-labelledby=live-h] li")
    assert services_list.filter(has_text="Een vraag stellen").count() == 1
    assert page.get_by_text("Portaal Testland", exact=False).count() >= 1
    assert_accessible(page)
    page.screenshot(path=SHOTS / "practice-390.png", full_page=True)
    # No cookie of any kind for the visitor.
    assert page.context.cookies() == []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=SHOTS / "practice-1280.png", full_page=True)
    with page.expect_navigation():
        page.get_by_role("link", name="A4 met QR-code", exact=False).click()
    assert page.locator(".qr svg").count() == 1
    assert_accessible(page)
    page.screenshot(path=SHOTS / "print-1280.png", full_page=True)
    assert page.context.cookies() == []
