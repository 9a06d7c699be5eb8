"""The xlsx writer (coalition/xlsx_package.py): every part is well-formed XML that the
package names, and what a spreadsheet reads back (openpyxl, in both of its reading
modes) is what was written."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from coalition.xlsx import Sheet, write_xlsx


def _parts(content: bytes) -> dict[str, ElementTree.Element]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert archive.testzip() is None
        return {
            name: ElementTree.fromstring(archive.read(name))
            for name in archive.namelist()
        }


def test_every_part_is_wellformed_and_declared():
    content = write_xlsx(
        Sheet("Eén & <twee>", ["a"], [[1]]), Sheet('"Drie"', ["b"], [["x"]])
    )
    parts = _parts(content)
    types = parts["[Content_Types].xml"]
    declared = {e.get("PartName") for e in types if e.get("PartName")}
    assert declared == {
        "/xl/workbook.xml",
        "/xl/styles.xml",
        "/xl/worksheets/sheet1.xml",
        "/xl/worksheets/sheet2.xml",
    }
    assert set(parts) == {
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
        "xl/worksheets/sheet2.xml",
    }
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == ["Eén & <twee>", '"Drie"']


@pytest.mark.parametrize("read_only", [False, True])
def test_values_read_back(read_only):
    texts = [
        " voorloop",
        "na ",
        "twee  spaties",
        "regel\nregel",
        "<a href='x'>&amp;</a>",
    ]
    row = [
        *texts,
        "#N/A",  # text that looks like an error code stays text
        True,
        False,
        0,
        -12,
        10**15,
        Decimal("2.50"),
        1.25,
        float("inf"),  # a spreadsheet holds no infinity: written as text
        dt.date(1900, 1, 1),
        dt.date(2026, 12, 6),
        dt.datetime(2026, 12, 6, 12, 30, 15, tzinfo=dt.UTC),  # 13:30:15 here
        None,
        "laatste",
    ]
    headers = [f"kolom {i}" for i in range(len(row))] + [f"k{i}" for i in range(30)]
    content = write_xlsx(Sheet("s", headers, [row, ["x"] * len(headers)]))
    ws = load_workbook(io.BytesIO(content), read_only=read_only).active
    values = [c.value for c in next(ws.iter_rows(min_row=2, max_row=2))]
    values = (values + [None] * len(row))[: len(row)]
    values = [v.isoformat() if isinstance(v, dt.datetime) else v for v in values]
    assert values[: len(texts)] == texts
    assert values[len(texts) :] == [
        "#N/A",
        True,
        False,
        0,
        -12,
        10**15,
        2.5,
        1.25,
        "inf",
        "1900-01-01T00:00:00",
        "2026-12-06T00:00:00",
        "2026-12-06T13:30:15",
        None,
        "laatste",
    ]
    third = [c.value for c in next(ws.iter_rows(min_row=3, max_row=3))]
    assert third == ["x"] * len(headers)  # past column Z (AA, AB, …)
    header = [c.value for c in next(ws.iter_rows(min_row=1, max_row=1))]
    assert header == headers


def test_formats_and_layout():
    content = write_xlsx(
        Sheet(
            "s",
            ["n", "d", "x", "moment", "dag"],
            [
                [
                    1,
                    Decimal("1.5"),
                    1.5,
                    dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC),
                    dt.date(2026, 1, 1),
                ],
                [
                    2,
                    Decimal("1.25"),
                    2.0,
                    dt.datetime(2026, 1, 2, 8, 0, tzinfo=dt.UTC),
                    dt.date(2026, 1, 2),
                ],
            ],
        )
    )
    ws = load_workbook(io.BytesIO(content)).active
    assert [c.number_format for c in ws[2]] == [
        "#,##0",
        "#,##0.0",
        "#,##0.00",
        "d-m-yyyy hh:mm",
        "d-m-yyyy",
    ]
    assert ws["B3"].number_format == "#,##0.00" and ws["C3"].number_format == "#,##0"
    assert all(c.font.b and c.alignment.vertical == "top" for c in ws[1])
    assert not any(c.font.b for c in ws[2])
    assert ws.freeze_panes == "A2"
    assert all(8 <= ws.column_dimensions[col].width <= 60 for col in "ABCDE")


def test_an_empty_sheet_and_an_empty_header():
    content = write_xlsx(Sheet("leeg", [], []), Sheet("kop", ["", "b"], []))
    book = load_workbook(io.BytesIO(content))
    assert book["leeg"].max_row == 1 and book["leeg"]["A1"].value is None
    assert [c.value for c in book["kop"][1]] == [None, "b"]
