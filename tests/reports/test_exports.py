"""export_report on the DOMAIN.md practice, both files opened back and read."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook
from pypdf import PdfReader

from tests.reports.conftest import DOMAIN_TABLE


def _sheet(wb, name):
    rows = list(wb[name].iter_rows(values_only=True))
    return rows[0], rows[1:]


def _fmt(value):
    return None if value is None else f"{value:.0f}"


def test_domain_practice_reproduces_its_table(domain_practice, tmp_path, coalition):
    out = tmp_path / "rapport.xlsx"
    call_command(
        "export_report", "--coalition", coalition.slug, "--year", "2019",
        "--audience", "lead", str(out), stdout=io.StringIO(),
    )  # fmt: skip
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Summary", "Indicators", "Indicator detail", "Coverage", "Breakdown",
        "Practices",
    ]  # fmt: skip
    header, rows = _sheet(wb, "Indicators")
    assert header == ("code", "label", "unit", "2016", "2017", "2018", "2019")
    by_code = {r[0]: r for r in rows}
    for code, expected in DOMAIN_TABLE.items():
        got = [_fmt(v) for v in by_code[code][3:]]
        assert got == expected, code
    # numbers are number cells, missing years empty
    assert isinstance(by_code["registered_pct"][6], (int, float))
    summary = dict(_sheet(wb, "Summary")[1])
    assert summary["responded"] == 1
    assert summary["practices"] == 1
    assert summary["response_rate"] == 100
    _h, detail = _sheet(wb, "Indicator detail")
    d19 = next(r for r in detail if r[0] == "registered_pct" and r[1] == "2019")
    assert d19[2:] == (1, 54, 54, 54, 54, 54, 54)
    _h, practices = _sheet(wb, "Practices")
    assert practices[0][0] == "Huisartsen De Keen"


def test_funder_xlsx_has_no_practice_level_data(domain_practice, tmp_path, coalition):
    out = tmp_path / "funder.xlsx"
    call_command(
        "export_report", "--coalition", coalition.slug, "--year", "2019",
        "--audience", "funder", str(out), stdout=io.StringIO(),
    )  # fmt: skip
    wb = load_workbook(out)
    assert "Practices" not in wb.sheetnames
    text = " ".join(
        str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row
    )
    practice = domain_practice[0]
    assert practice.name not in text
    assert practice.agb_code not in text
    assert "balie" not in text
    # one practice: every regional value is suppressed (n < 5), the cells are empty
    _h, rows = _sheet(wb, "Indicators")
    assert all(v is None for r in rows for v in r[3:])


def test_pdf_has_cover_charts_and_page_numbers(domain_practice, tmp_path, coalition):
    out = tmp_path / "rapport.pdf"
    call_command(
        "export_report", "--coalition", coalition.slug, "--year", "2019",
        "--audience", "lead", str(out), stdout=io.StringIO(),
    )  # fmt: skip
    reader = PdfReader(out)
    assert len(reader.pages) >= 3
    cover = reader.pages[0].extract_text()
    assert coalition.name in cover and "2019" in cover
    assert "de coalitie" in cover  # the audience
    assert "actuele stand" in cover  # the edition
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    shots = Path("/tmp/shots/reports")
    if shots.is_dir():  # to look at the pages: pdftoppm -png -r 50
        shutil.copy(out, shots / "rapport-lead.pdf")
    assert f"pagina 2 van {len(reader.pages)}" in text
    assert "Huisartsen De Keen" in text
    assert "kleine aantallen" in text
    # the year-on-year row of the DOMAIN table, as on the page
    assert "22 30 43 54" in text


def test_funder_pdf_without_practice_names(domain_practice, tmp_path, coalition):
    out = tmp_path / "funder.pdf"
    call_command(
        "export_report", "--coalition", coalition.slug, "--year", "2019",
        "--audience", "funder", str(out), stdout=io.StringIO(),
    )  # fmt: skip
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "financiers" in text
    assert domain_practice[0].name not in text
    assert domain_practice[0].agb_code not in text
    assert "balie" not in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--coalition", "bestaat-niet", "--year", "2019"], "Geen vragenlijst"),
        (["--coalition", "coalitie-a", "--year", "2019", "--quarter", "2"],
         "2019-K2"),
    ],
)  # fmt: skip
def test_command_fails_with_one_line(coalition, tmp_path, args, message):
    with pytest.raises(CommandError, match=message) as exc:
        call_command(
            "export_report", *args, "--audience", "lead", str(tmp_path / "x.xlsx")
        )
    assert "\n" not in str(exc.value)


def test_command_refuses_other_extensions(coalition, tmp_path):
    with pytest.raises(CommandError, match=r"\.xlsx of \.pdf"):
        call_command(
            "export_report", "--coalition", coalition.slug, "--year", "2019",
            "--audience", "lead", str(tmp_path / "x.csv"),
        )  # fmt: skip
