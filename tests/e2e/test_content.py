"""A visitor browses the toolkits and downloads a flyer; the members-only letter asks
for a login first, and after logging in a practice user gets it."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import pytest

from coalition.demo import content as demo
from coalition.models import Role
from content import selectors
from content.models import DocumentDownload
from tests.content.factories import ensure_home
from tests.e2e.conftest import assert_accessible
from tests.factories import PASSWORD, PracticeFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(coalition, monkeypatch):
    ensure_home()
    demo.load(today=dt.date(2026, 11, 23))
    session = SimpleNamespace(
        course=SimpleNamespace(title="Werken met het patiëntenportaal"),
        starts_at=dt.datetime(2026, 12, 8, 9, 30, tzinfo=dt.UTC),
        get_mode_display=lambda: "op locatie",
        get_absolute_url=lambda: "/scholing/",
    )
    monkeypatch.setattr(selectors, "upcoming_trainings", lambda limit=3: [session])
    monkeypatch.setattr(
        selectors,
        "public_progress",
        lambda: [
            {
                "coalition": "Coalitie A",
                "n_practices": 164,
                "n_live": 61,
                "pct_live": 37.2,
            },
            {
                "coalition": "Coalitie B",
                "n_practices": 12,
                "n_live": 9,
                "pct_live": 75.0,
            },
        ],
    )
    practice = PracticeFactory(coalition=coalition, name="Huisartsenpraktijk De Haven")
    return user_with_role(Role.PRACTICE, practice=practice, email="praktijk@e2e.test")


def test_visitor_browses_toolkits_downloads_flyer_and_logs_in_for_letter(page, site):
    page.goto("/")
    assert "Uitgelicht materiaal" in page.locator("main").inner_text()
    page.screenshot(path="/tmp/content-home.png", full_page=True)
    assert_accessible(page)

    page.get_by_role("navigation", name="Website").get_by_role(
        "link", name="Materiaal"
    ).click()
    page.wait_for_url(re.compile(r"/materiaal/$"))
    page.get_by_role("link", name="Communicatietoolkit online inzage").click()
    page.wait_for_url(re.compile(r"/materiaal/communicatietoolkit/$"))
    flyer = page.locator(".material-item", has_text="Wachtkamerflyer")
    assert "PDF" in flyer.inner_text()
    assert re.search(r"\d+,\d\s*KB", flyer.inner_text())
    page.screenshot(path="/tmp/content-toolkit.png", full_page=True)
    assert_accessible(page)

    with page.expect_download() as download:
        flyer.get_by_role("link", name=re.compile("Downloaden")).click()
    assert download.value.suggested_filename == "wachtkamerflyer.pdf"
    assert (
        DocumentDownload.objects.filter(document__title__startswith="Wacht").count()
        == 1
    )

    page.get_by_label("Zoeken op de website").fill("wachtkamers")
    page.get_by_label("Zoeken op de website").press("Enter")
    page.wait_for_url(re.compile(r"/inhoud/zoeken/\?q=wachtkamers"))
    assert "Communicatietoolkit online inzage" in page.locator("main").inner_text()
    assert_accessible(page)
    page.go_back()

    letter = page.locator(".material-item", has_text="Informatiebrief")
    assert "Alleen voor leden" in letter.inner_text()
    letter.get_by_role("link", name=re.compile("Inloggen en downloaden")).click()
    page.wait_for_url(re.compile(r"/accounts/login/\?next=/documents/"))

    # log in on this page (it carries ?next=), and the letter follows
    page.get_by_label("E-mail").first.fill(site.email)
    page.get_by_label("Wachtwoord").first.fill(PASSWORD)
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Inloggen|Aanmelden", re.I)).click()
    assert download.value.suggested_filename == "informatiebrief-sjabloon.docx"
    row = DocumentDownload.objects.get(document__title__startswith="Informatiebrief")
    assert row.practice.name == "Huisartsenpraktijk De Haven"
