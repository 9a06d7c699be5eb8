"""The registry pages fit the screen: at 1280 px the wide tables fit without sideways
scrolling, and at 390 px no page scrolls sideways (a table scrolls inside its own
labelled, keyboard-reachable box). Screenshots go to /tmp/shots/practices/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from coalition.models import Role, Service, Vendor
from practices.models import Step
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, VendorFactory, user_with_role
from tests.practices.factories import RolloutFactory, ServiceDeadlineFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/practices")
WIDTHS = (1280, 390)

PAGE_FITS = "document.documentElement.scrollWidth <= window.innerWidth"
# Every table that is wider than its box sits in a labelled, focusable scroll box.
BOXES = """() => [...document.querySelectorAll('main table')].map(t => {
  const box = t.closest('.table-responsive');
  return {
    id: t.id || t.className,
    wide: t.scrollWidth > (box || t.parentElement).clientWidth + 1,
    boxed: !!box,
    tabindex: box ? box.getAttribute('tabindex') : null,
    label: box ? (box.getAttribute('aria-label') || box.getAttribute('aria-labelledby')) : null,
  };
})"""


@pytest.fixture
def region(coalition):
    today = timezone.localdate()
    for service in Service.values:
        ServiceDeadlineFactory(
            coalition=coalition, service=service, deadline=today + dt.timedelta(90)
        )
    portal = VendorFactory(
        name="Praktijkportaal Noord-Holland", kind=Vendor.Kind.PORTAL
    )
    his = VendorFactory(name="Medisch Informatiesysteem Plus", kind=Vendor.Kind.HIS)
    names = [
        "Huisartsenpraktijk De Linde",
        "Gezondheidscentrum Kralingen-Crooswijk",
        "Huisartsen Hillegersberg-Schiebroek",
        "Huisartsenpraktijk Het Anker aan de Maas",
    ]
    practices = []
    for i, name in enumerate(names * 3):
        p = PracticeFactory(
            coalition=coalition,
            name=f"{name} {i}" if i >= len(names) else name,
            city="Capelle aan den IJssel",
            cohort="golf 2 (najaar)",
            portal_vendor=portal,
            his_vendor=his,
        )
        for service in Service.values:
            step = i % 6
            RolloutFactory(
                practice=p,
                service=service,
                step=step,
                live_date=today - dt.timedelta(days=i) if step == Step.LIVE else None,
                planned_date=today + dt.timedelta(days=30) if step < 5 else None,
                reason="vendor" if step == 2 else "",
            )
        practices.append(p)
    return practices


def test_registry_pages_never_scroll_sideways(
    new_page, coalition, other_coalition, region, mfa_user
):
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@breed.test")
    mfa_user(lead)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = new_page()
    login(page, lead.email, PASSWORD, user=lead)
    org = region[0].member_organisation
    pages = {
        "start": "/start/",
        "practice-list": "/praktijken/",
        "practice": f"/praktijken/{region[1].pk}/",
        "dashboard": "/praktijken/go-live/",
        "member-matrix": f"/praktijken/go-live/lidorganisatie/{org.pk}/",
    }
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages.items():
            page.goto(url)
            page.wait_for_load_state()
            page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
            if not page.evaluate(PAGE_FITS):
                sw = page.evaluate("document.documentElement.scrollWidth")
                problems.append(f"{name} at {width}px scrolls sideways ({sw}px)")
            for box in page.evaluate(BOXES):
                if box["wide"] and width == 1280 and name != "dashboard":
                    problems.append(f"{name} at 1280px: table {box['id']} too wide")
                if box["wide"] and not (
                    box["boxed"] and box["tabindex"] == "0" and box["label"]
                ):
                    problems.append(f"{name} at {width}px: {box} not in a scroll box")
    assert not problems, "\n".join(problems)
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(pages["practice-list"])
    assert_accessible(page)

    # The programme office sees two coalitions: the extra Coalitie column still fits.
    PracticeFactory(coalition=other_coalition, name="Huisartsenpraktijk Elders")
    office = user_with_role(Role.OFFICE, email="office@breed.test")
    mfa_user(office)
    page = new_page()
    login(page, office.email, PASSWORD, user=office)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(pages["practice-list"])
    page.screenshot(path=SHOTS / "practice-list-office-1280.png", full_page=True)
    assert page.get_by_role("columnheader", name="Coalitie").count() == 1
    assert page.evaluate(PAGE_FITS)
    assert not [b for b in page.evaluate(BOXES) if b["wide"]]
