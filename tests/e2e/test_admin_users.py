"""Issue 11.4 in the browser: a lead moves a practice user to another practice and
deactivates the account; the user's open session ends on its next page, and the change
is on the user's page. Axe and screenshots at 1280 and 390 px."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coalition.models import Role
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-admin11b")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_lead_moves_and_deactivates_a_practice_user(new_page, coalition, mfa_user):
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    mfa_user(lead)
    first = PracticeFactory(coalition=coalition, name="Praktijk De Linde")
    anker = PracticeFactory(coalition=coalition, name="Praktijk Het Anker")
    member = user_with_role(
        Role.PRACTICE,
        practice=first,
        email="assistent@e2e.test",
        first_name="Sara",
        last_name="Bakker",
    )

    member_page = new_page()
    login(member_page, member.email, PASSWORD, user=member)
    assert "/accounts/login" not in member_page.url

    page = new_page()
    login(page, lead.email, PASSWORD, user=lead)
    page.get_by_role("link", name="Gebruikers").first.click()
    assert_accessible(page)
    shoot(page, "user-list")
    page.get_by_role("link", name="Sara Bakker").click()
    page.wait_for_url(re.compile(r"/\d+/$"))
    practice = page.get_by_label("Praktijk")
    expect(practice).to_contain_text("Praktijk Het Anker")
    practice.select_option(value=str(anker.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Rol opslaan").click()
    expect(page.get_by_text(re.compile("Gebruiker verhuisd naar"))).to_be_visible()
    history = page.locator("#user-history")
    assert "verhuisd van Praktijk De Linde naar Praktijk Het Anker" in (
        history.inner_text()
    )

    with page.expect_navigation():
        page.get_by_role("button", name="Account deactiveren").click()
    expect(page.get_by_text("gedeactiveerd", exact=True).first).to_be_visible()
    assert_accessible(page)
    shoot(page, "user-detail")

    member_page.goto("/start/")
    assert "/accounts/login" in member_page.url
