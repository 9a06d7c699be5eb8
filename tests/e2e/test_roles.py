"""Each role logs in through the real forms and lands on its own start page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from coalition.models import Role
from tests.e2e.conftest import ARTIFACTS, assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def region(coalition, other_coalition):
    practice = PracticeFactory(coalition=coalition, name="Huisartsenpraktijk De Haven")
    PracticeFactory(coalition=other_coalition, name="Praktijk Elders")
    return practice


def test_each_role_sees_its_own_start_page(new_page, region, coalition, mfa_user):
    users = {
        Role.LEAD: user_with_role(
            Role.LEAD, coalition=coalition, email="lead@e2e.test"
        ),
        Role.TRAINER: user_with_role(
            Role.TRAINER, coalition=coalition, email="trainer@e2e.test"
        ),
        Role.PRACTICE: user_with_role(
            Role.PRACTICE, practice=region, email="praktijk@e2e.test"
        ),
        Role.FUNDER: user_with_role(
            Role.FUNDER, coalition=coalition, email="funder@e2e.test"
        ),
        Role.OFFICE: user_with_role(Role.OFFICE, email="office@e2e.test"),
    }
    for role in (Role.LEAD, Role.TRAINER, Role.OFFICE):
        mfa_user(users[role])
    expected = {
        Role.LEAD: "Projectleiding Coalitie A",
        Role.TRAINER: "U geeft scholing voor Coalitie A",
        Role.PRACTICE: "Uw praktijk: Huisartsenpraktijk De Haven",
        Role.FUNDER: "Gefinancierde coalities",
        Role.OFFICE: "Alle coalities naast elkaar",
    }
    for role, user in users.items():
        page = new_page()
        login(page, user.email, PASSWORD, user=user)
        page.wait_for_url(re.compile(r"/start/$"))
        main = page.locator("main")
        assert expected[role] in main.inner_text(), role
        # Nobody sees the other coalition's practice on their start page.
        assert "Praktijk Elders" not in main.inner_text()
        nav = page.get_by_role("navigation", name="Hoofdmenu")
        if role in (Role.LEAD, Role.OFFICE):
            assert nav.get_by_role("link", name="Coalitie", exact=True).count() == 1
        else:
            assert nav.get_by_role("link", name="Coalitie", exact=True).count() == 0
        assert_accessible(page)
        if role == Role.LEAD:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=ARTIFACTS / "lead-start.png", full_page=True)


def test_lead_without_mfa_is_sent_to_set_it_up(page, coalition):
    user = user_with_role(Role.LEAD, coalition=coalition, email="nomfa@e2e.test")
    login(page, user.email, PASSWORD)
    page.goto("/start/")
    # First the password once more, then the authenticator app.
    assert "/accounts/reauthenticate/" in page.url
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Bevestig", re.I)).click()
    page.wait_for_url(re.compile(r"/accounts/2fa/totp/activate/"))
    assert page.get_by_label(re.compile("Authenticatorcode|Code", re.I)).count() >= 1


def test_language_switch_to_english(page):
    page.goto("/accounts/login/")
    # Choosing a language submits the form at once (no button press needed).
    with page.expect_navigation():
        page.get_by_label("Taal").select_option("en")
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation():
        page.locator("#language-switch").select_option("nl")
    assert page.locator("html").get_attribute("lang") == "nl"


def test_practice_user_opening_cms_gets_the_403_page_not_a_loop(page, region):
    user_with_role(Role.PRACTICE, practice=region, email="praktijk@e2e.test")
    login(page, "praktijk@e2e.test", PASSWORD)
    page.wait_for_url(re.compile(r"/start/$"))
    response = page.goto("/cms/")
    assert response.status == 403
    assert page.url.endswith("/cms/")
    expect(page.get_by_role("heading", name="Geen toegang")).to_be_visible()


def test_lead_in_the_cms_meets_no_csp_violation(page, coalition, mfa_user):
    from tests.content.factories import ensure_home

    ensure_home()
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    mfa_user(lead)
    problems = []
    page.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if msg.type == "error" or "Content Security Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    login(page, lead.email, PASSWORD, user=lead)
    for url in ("/cms/", "/cms/pages/", "/cms/documents/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    # The avatar is initials, not a Gravatar image the CSP would block.
    assert page.locator("img[src*='gravatar']").count() == 0
    assert not problems, problems


def test_site_pages_keep_the_strict_csp(page, region):
    user_with_role(Role.PRACTICE, practice=region, email="praktijk@e2e.test")
    problems = []
    page.on(
        "console",
        lambda msg: (
            problems.append(msg.text) if "Content Security Policy" in msg.text else None
        ),
    )
    login(page, "praktijk@e2e.test", PASSWORD)
    response = page.goto("/start/")
    csp = response.headers["content-security-policy"]
    assert "unsafe-inline" not in csp
    assert not problems, problems


def test_login_pages_look_like_the_platform(new_page, region):
    """Issue 10.16: styled as the rest, "Inloggen", why a login is needed; axe-clean
    at 1280 and 390 px, screenshots for a person to look at."""
    from pathlib import Path

    shots = Path("/tmp/shots/accounts")
    shots.mkdir(parents=True, exist_ok=True)
    user_with_role(Role.PRACTICE, practice=region, email="praktijk@e2e.test")
    page = new_page()
    page.set_default_timeout(60_000)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/start/")
        assert "/accounts/login/" in page.url
        expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
        expect(
            page.get_by_text("Voor deze pagina moet u ingelogd zijn")
        ).to_be_visible()
        assert page.get_by_role("link", name=re.compile("Registreren")).count() == 0
        assert_accessible(page)
        page.screenshot(path=shots / f"login-{width}.png", full_page=True)
        page.goto("/accounts/password/reset/")
        expect(page.get_by_role("heading", name="Wachtwoord vergeten")).to_be_visible()
        assert_accessible(page)
        page.screenshot(path=shots / f"reset-{width}.png", full_page=True)
    # Logging in through the styled form brings the user to the page they wanted.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/start/")
    page.get_by_label("E-mail").first.press_sequentially("praktijk@e2e.test", delay=20)
    page.get_by_label("Wachtwoord").first.press_sequentially(PASSWORD, delay=20)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(re.compile(r"/start/$"))
