"""The xlsx file itself: the SpreadsheetML parts of a workbook, written as text.

`coalition.xlsx` decides what each cell holds and how it is shown; this module only
writes that down. openpyxl's write-only mode built an XML element per cell and took
two thirds of an export's time (a lead's 400 practices: 85 of 125 ms); a cell here is
one formatted string. The parts are the ones Excel, LibreOffice and openpyxl need and
no more (ECMA-376 part 1): content types, the package and workbook relations, the
workbook, its styles and one worksheet per sheet, with inline strings (no shared
string table to hold in memory), a frozen header row and the column widths.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
)
_FIRST_CUSTOM_FORMAT = 164  # ids below are Excel's built-in formats


def _text_cell(ref: str, text: str, style: int) -> str:
    space = (
        ' xml:space="preserve"'
        if text != text.strip() or "\n" in text or "  " in text
        else ""
    )
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


class Styles:
    """Cell formats: 0 is the default, 1 the bold header; one more per number format
    (`index(format)`), in the order they are first used."""

    def __init__(self) -> None:
        self.formats: dict[str, int] = {}

    def index(self, number_format: str) -> int:
        found = self.formats.get(number_format)
        if found is None:
            found = self.formats[number_format] = len(self.formats) + 2
        return found

    def xml(self) -> str:
        formats = list(self.formats)
        num_fmts = "".join(
            f'<numFmt numFmtId="{_FIRST_CUSTOM_FORMAT + i}" formatCode={quoteattr(f)}/>'
            for i, f in enumerate(formats)
        )
        xfs = "".join(
            f'<xf numFmtId="{_FIRST_CUSTOM_FORMAT + i}" fontId="0" fillId="0" '
            'borderId="0" xfId="0" applyNumberFormat="1"/>'
            for i in range(len(formats))
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<styleSheet xmlns="{_MAIN}">'
            + (
                f'<numFmts count="{len(formats)}">{num_fmts}</numFmts>'
                if formats
                else ""
            )
            + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill>'
            '<fill><patternFill patternType="gray125"/></fill></fills>'
            '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
            "</border></borders>"
            '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/></cellStyleXfs>'
            f'<cellXfs count="{len(formats) + 2}">'
            '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
            '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" '
            'applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>'
            f"{xfs}</cellXfs>"
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
            "</cellStyles></styleSheet>"
        )


def _number(value: Any) -> str | None:
    """The <v> text of a number, or None for one a spreadsheet cannot hold."""
    if type(value) is int:
        return str(value)
    if isinstance(value, Decimal):
        return str(value) if value.is_finite() else None
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    return str(int(value))  # an int subclass


class SheetWriter:
    """The XML of one worksheet, row after row. A row is a sequence of (stored value,
    number format or None) pairs, as `coalition.xlsx.cell_value` gives them."""

    def __init__(
        self, styles: Styles, widths: Sequence[float], header: Sequence[str | None]
    ):
        self.styles = styles
        self.letters = [get_column_letter(i + 1) for i in range(len(widths))]
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        self.parts = [
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
            "</sheetView></sheetViews>"
            '<sheetFormatPr defaultRowHeight="15"/>'
            + (f"<cols>{cols}</cols>" if cols else "")
            + "<sheetData>"
        ]
        self.n = 0
        self._row([(h, None) for h in header], header=True)

    def _letter(self, i: int) -> str:
        while i >= len(self.letters):
            self.letters.append(get_column_letter(len(self.letters) + 1))
        return self.letters[i]

    def _row(self, cells: Iterable[tuple[Any, str | None]], header=False) -> None:
        self.n += 1
        n = self.n
        out = [f'<row r="{n}">']
        for i, (value, number_format) in enumerate(cells):
            if value is None:
                continue
            ref = f"{self._letter(i)}{n}"
            if type(value) is str:
                out.append(_text_cell(ref, value, 1 if header else 0))
            elif isinstance(value, bool):
                out.append(f'<c r="{ref}" t="b"><v>{int(value)}</v></c>')
            else:
                if isinstance(value, dt.date):  # and datetime: a serial day number
                    text = repr(to_excel(value))
                else:
                    text = _number(value)
                    if text is None:  # inf, NaN: as text
                        out.append(_text_cell(ref, str(value), 0))
                        continue
                style = self.styles.index(number_format) if number_format else 0
                s = f' s="{style}"' if style else ""
                out.append(f'<c r="{ref}"{s}><v>{text}</v></c>')
        out.append("</row>")
        self.parts.append("".join(out))

    def row(self, cells: Iterable[tuple[Any, str | None]]) -> None:
        self._row(cells)

    def xml(self) -> bytes:
        return ("".join(self.parts) + "</sheetData></worksheet>").encode()


def package(sheets: Sequence[tuple[str, SheetWriter]], styles: Styles) -> bytes:
    """The xlsx file of the named sheets."""
    n = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, n + 1)
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>"
    )
    root_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    sheet_rels = "".join(
        f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
        f'Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, n + 1)
    )
    book_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_PKG_REL}">{sheet_rels}'
        f'<Relationship Id="rId{n + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    entries = "".join(
        f'<sheet name={quoteattr(title)} sheetId="{i}" r:id="rId{i}"/>'
        for i, (title, _) in enumerate(sheets, start=1)
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f"<sheets>{entries}</sheets></workbook>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", root_rels)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", book_rels)
        for i, (_, sheet) in enumerate(sheets, start=1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", sheet.xml())
        archive.writestr("xl/styles.xml", styles.xml())
    return buffer.getvalue()
