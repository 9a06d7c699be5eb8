"""The funder opens the progress report and takes both downloads home; the regional
report reads at 1280 and 390 px and passes axe."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from coalition.models import Role
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, GrantFactory, PracticeFactory, user_with_role
from tests.surveys.factories import open_standard, submitted

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots/reports")


def test_funder_downloads_the_progress_report(new_page, coalition, mfa_user):
    SHOTS.mkdir(parents=True, exist_ok=True)
    q = open_standard(coalition, year=2025)
    for i in range(6):
        p = PracticeFactory(coalition=coalition, name=f"Praktijk Zuid {i}")
        submitted(q, p, {"list_size": 2000 + 100 * i, "portal_registered": 500 + i})
    GrantFactory(coalition=coalition)
    funder = user_with_role(Role.FUNDER, coalition=coalition, email="fin@e2e.test")
    mfa_user(funder)
    page = new_page()
    login(page, funder.email, PASSWORD, user=funder)
    page.get_by_role("link", name="Voortgangsrapport").click()
    page.get_by_role("heading", name="Voortgangsrapport voor financiers").wait_for()
    assert "Praktijk Zuid" not in page.content()
    page.screenshot(path=SHOTS / "progress-1280.png", full_page=True)
    assert_accessible(page)

    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="Download PDF").click()
    pdf_path = pdf_info.value.path()
    text = "\n".join(p.extract_text() for p in PdfReader(pdf_path).pages)
    assert coalition.name in text and "Praktijk Zuid" not in text

    with page.expect_download() as xlsx_info:
        page.get_by_role("link", name="Download xlsx").click()
    wb = load_workbook(io.BytesIO(Path(xlsx_info.value.path()).read_bytes()))
    assert wb.sheetnames == [
        "Coalitions",
        "Services",
        "Training",
        "Vendor response times",
    ]

    # The regional report of the questionnaire, anonymised, at two widths.
    page.goto("/vragenlijsten/rapporten/")
    page.get_by_role("link", name=q.title).click()
    page.get_by_role("heading", name=f"Regiorapport {coalition.name} 2025").wait_for()
    assert "Praktijk Zuid" not in page.content()
    page.screenshot(path=SHOTS / "report-funder-1280.png", full_page=True)
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=SHOTS / "report-funder-390.png", full_page=False)
    with page.expect_download() as pdf_info:
        page.get_by_role("link", name="Download PDF").click()
    assert PdfReader(pdf_info.value.path()).pages


def test_office_sorts_the_comparison(new_page, coalition, other_coalition, mfa_user):
    SHOTS.mkdir(parents=True, exist_ok=True)
    PracticeFactory.create_batch(3, coalition=coalition, list_size=1000)
    PracticeFactory(coalition=other_coalition, list_size=9000)
    office = user_with_role(Role.OFFICE, email="bureau@e2e.test")
    mfa_user(office)
    page = new_page()
    page.set_viewport_size({"width": 1700, "height": 900})
    login(page, office.email, PASSWORD, user=office)
    page.get_by_role("link", name="Alle coalities vergelijken").click()
    table = page.locator("#comparison tbody")
    header = page.locator("#comparison thead").get_by_role(
        "link", name=re.compile(r"^Patiënten( [↑↓])?$")
    )
    header.click()
    page.wait_for_url("**sort=patients")
    assert table.locator("th").all_inner_texts() == ["Coalitie A", "Coalitie B"]
    header.click()
    page.wait_for_url("**sort=-patients")
    assert table.locator("th").all_inner_texts() == ["Coalitie B", "Coalitie A"]
    assert page.locator("#comparison thead th[aria-sort=descending]").count() == 1
    page.screenshot(path=SHOTS / "comparison-1700.png", full_page=True)
    assert_accessible(page)


def test_office_exports_every_coalition_in_the_background(
    new_page, coalition, other_coalition, mfa_user
):
    """The office starts the national export, watches its progress (a progress bar
    with a live text for screen readers), downloads the xlsx and opens it."""
    shots = Path("/tmp/shots-report13")
    shots.mkdir(parents=True, exist_ok=True)
    PracticeFactory.create_batch(2, coalition=coalition, list_size=1000)
    PracticeFactory(coalition=other_coalition, list_size=9000)
    office = user_with_role(Role.OFFICE, email="export@e2e.test")
    mfa_user(office)
    page = new_page()
    login(page, office.email, PASSWORD, user=office)
    page.goto("/voortgang/")
    page.get_by_role("button", name="Exporteer alle coalities (xlsx)").click()
    page.get_by_role("heading", name="Export van alle coalities").wait_for()
    live = page.locator("[aria-live=polite]")
    live.filter(has_text="2 van 2 coalities verwerkt").wait_for()
    assert page.locator("progress").get_attribute("value") == "100"
    page.screenshot(path=shots / "export-1280.png", full_page=True)
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=shots / "export-390.png", full_page=True)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download xlsx").click()
    wb = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    names = [r[0] for r in wb["Coalitions"].iter_rows(min_row=2, values_only=True)]
    assert names == [coalition.name, other_coalition.name]
    assert list(wb["Comparison"].iter_rows(values_only=True))[-1][:3] == (
        "Landelijk totaal",
        3,
        11000,
    )
