"""The Wagtail editor under a CSP without 'unsafe-inline' scripts (issue 14.10): its
inline scripts carry the request's nonce, and a lead edits and saves a page in
Chromium without one CSP violation."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from coalition.models import Role
from tests.e2e.conftest import login
from tests.factories import PASSWORD, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots-sec14")


def test_a_lead_edits_and_saves_a_page_without_csp_violations(
    page, coalition, mfa_user
):
    from content.models import ArticlePage, NewsIndexPage
    from content.services import section_create
    from tests.content.factories import add_page, ensure_home

    ensure_home()
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    mfa_user(lead)
    section = section_create(coalition=coalition)
    news = add_page(section, NewsIndexPage(title="Nieuws", slug="nieuws"))
    article = add_page(
        news,
        ArticlePage(
            title="Scholingsdag",
            slug="scholingsdag",
            intro="Een dag over online inzage.",
            date=datetime.date(2026, 11, 1),
        ),
    )

    # Wagtail's editor is heavy; on a busy machine its first load takes a while.
    page.set_default_timeout(60_000)
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

    response = page.goto(f"/cms/pages/{article.pk}/edit/")
    csp = response.headers["content-security-policy"]
    script_src = re.search(r"script-src ([^;]*)", csp)[1]
    assert "unsafe-inline" not in script_src and "'nonce-" in script_src
    # The date field's inline script ran (with the nonce): it built the date picker.
    page.locator(".xdsoft_datetimepicker").first.wait_for(state="attached")

    title = page.locator("#id_title")
    title.click()
    title.press("End")
    title.press_sequentially(" in het voorjaar", delay=120)
    page.get_by_role("button", name=re.compile(r"Bewaar concept|Save draft")).click()
    page.wait_for_url(re.compile(rf"/cms/pages/{article.pk}/edit/"))
    page.get_by_text(re.compile("is gewijzigd|has been updated")).first.wait_for()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / "cms-edit-saved-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS / "cms-edit-saved-390.png", full_page=True)

    article.refresh_from_db()
    assert article.get_latest_revision_as_object().title == (
        "Scholingsdag in het voorjaar"
    )
    assert not problems, problems
