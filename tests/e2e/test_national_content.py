"""Issue 11.9 in the browser: a visitor finds a coalition's section from the site menu
and its toolkit on the material overview; a lead marks a collection of their own
section members-only."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from wagtail.models import CollectionViewRestriction

from coalition.demo import content as demo
from coalition.models import Role
from tests.content.factories import ensure_home
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-cms11")


def _shots(page, name):
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def site(coalition, other_coalition):
    ensure_home()
    demo.load(today=dt.date(2026, 11, 23))


def test_visitor_reaches_a_section_from_menu_and_overview(page, site):
    page.goto("/materiaal/")
    overview = page.locator("main")
    assert "Materiaal van de coalities" in overview.inner_text()
    assert "Werkafspraken balie" in overview.inner_text()
    _shots(page, "overview")
    assert_accessible(page)

    menu = page.get_by_role("navigation", name="Website")
    menu.get_by_role("button", name="Coalities").click()
    menu.get_by_role("link", name="Coalitie B").click()
    page.wait_for_url(re.compile(r"/coalitie-b/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Coalitie B"
    _shots(page, "section")
    assert_accessible(page)


def test_lead_marks_own_collection_members_only(page, site, coalition, mfa_user):
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    mfa_user(lead)
    login(page, lead.email, PASSWORD, user=lead)
    page.goto("/start/")
    page.get_by_role("link", name="Alleen-ledenmappen").first.click()
    page.wait_for_url(re.compile(r"/inhoud/materiaal/collecties/$"))
    body = page.locator("main").inner_text()
    assert "Coalitie B" not in body
    row = page.get_by_role("row", name=re.compile(r"^Coalitie A\b"))
    assert "Iedereen" in row.inner_text()
    row.get_by_role("button", name=re.compile("Alleen voor leden maken")).click()
    expect(page.locator("body")).to_contain_text("zijn nu alleen voor leden")
    assert CollectionViewRestriction.objects.filter(
        collection__name="Coalitie A"
    ).exists()
    _shots(page, "collections")
    assert_accessible(page)
