"""The one place that writes xlsx workbooks, and the text rule shared with the imports.

`write_xlsx(*sheets)` writes rows straight into the workbook's XML (`xlsx_package`). The writer owns
the formats, so every export looks and reads the same:

- text that a spreadsheet would run as a formula (OWASP: it starts with =, + , -, @, tab
  or CR) gets a leading ``'`` (`escape_formula`); the imports strip exactly that prefix
  again (`read_text`), so an export imports back unchanged;
- numbers are number cells with a thousands separator (Excel shows 8.190 in Dutch),
  dates date cells shown as 6-12-2026, moments date-time cells shown as 6-12-2026 13:30
  in Amsterdam wall time; an empty value is an empty cell;
- a bold, frozen header row and column widths from the header and the first rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain, islice
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from coalition.xlsx_package import SheetWriter, Styles, package

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Text starting with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Display formats. The file stores Excel's neutral codes; Excel and LibreOffice show
# them with the reader's separators (8.190 and 2,5 in a Dutch installation).
INTEGER_FORMAT = "#,##0"
DATE_FORMAT = "d-m-yyyy"
DATETIME_FORMAT = "d-m-yyyy hh:mm"

MAX_TEXT = 32_767  # Excel's limit for one cell
MIN_WIDTH, MAX_WIDTH = 8, 60
SAMPLE_ROWS = 200  # rows read ahead to size the columns

# OOXML keeps a carriage return only as the escape _x000D_ (XML turns a bare CR into a
# line feed); a literal "_xHHHH_" is written as "_x005F_xHHHH_" (ECMA-376, ST_Xstring).
_OOXML_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _starts_formula(text: str) -> bool:
    return text.lstrip("'").startswith(FORMULA_START)


def escape_formula(text: str) -> str:
    """Keep a spreadsheet from running text as a formula (CSV/formula injection).

    A leading quote is added to text starting with a formula character, and to text
    that already starts with quotes before one (so `unescape_formula` is exact).
    """
    return "'" + text if _starts_formula(text) else text


def unescape_formula(text: str) -> str:
    """Undo `escape_formula` when a file made by this platform is read back."""
    if len(text) > 1 and text[0] == "'" and _starts_formula(text[1:]):
        return text[1:]
    return text


def _ooxml_escape(text: str) -> str:
    if "_x" in text:
        text = _OOXML_ESCAPED.sub(r"_x005F_x\1_", text)
    return text.replace("\r", "_x000D_")


def read_text(text: str) -> str:
    """A text cell of a file made by `write_xlsx`, as it was before writing.

    openpyxl does not undo the OOXML character escapes, Excel does; so an import reads
    every text cell through this function and a round trip is exact.
    """
    if "_x" in text:
        text = _OOXML_ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)
    return unescape_formula(text)


def _decimals_format(value: float | Decimal) -> str:
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    else:
        places = 2 if not float(value).is_integer() else 0
    return INTEGER_FORMAT + ("." + "0" * places if places else "")


_RISKY_FIRST = frozenset("=+-@\t\r'")


def _text(text: str) -> str:
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if text and text[0] in _RISKY_FIRST:
        text = escape_formula(text)
    if "\r" in text or "_x" in text:
        text = _ooxml_escape(text)
    return text[:MAX_TEXT]


def cell_value(value: Any) -> tuple[Any, str | None]:
    """The stored value and number format of one cell (None: General)."""
    kind = type(value)
    if kind is str:  # the common case first
        return (_text(value) or None), None
    if value is None:
        return None, None
    if kind is int:
        return value, INTEGER_FORMAT
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int):
        return value, INTEGER_FORMAT
    if isinstance(value, float | Decimal):
        return value, _decimals_format(value)
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)  # Amsterdam wall time
        return value.replace(tzinfo=None), DATETIME_FORMAT
    if isinstance(value, dt.date):
        return value, DATE_FORMAT
    return (_text(str(value)) or None), None


def _width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, int | float | Decimal):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).splitlines()), default=0)


@dataclass
class Sheet:
    """One worksheet: a title (at most 31 characters), the header, rows of values."""

    title: str
    headers: Sequence[Any]
    rows: Iterable[Sequence[Any]] = field(default_factory=list)

    @classmethod
    def from_rows(cls, title: str, rows: Iterable[Sequence[Any]]) -> Sheet:
        """A sheet from a row generator whose first row is the header."""
        rows = iter(rows)
        return cls(title, next(rows, []), rows)


def _sheet_title(title: str, taken: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", str(title)).strip() or "Blad"
    base = base[:31]
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _write_sheet(styles: Styles, sheet: Sheet) -> SheetWriter:
    rows: Iterator[Sequence[Any]] = iter(sheet.rows)
    sample = [list(row) for row in islice(rows, SAMPLE_ROWS)]
    headers = [str(h) for h in sheet.headers]
    widths = [
        min(
            MAX_WIDTH,
            max(
                MIN_WIDTH,
                max(
                    [len(header) + 2] + [_width(r[i]) + 1 for r in sample if i < len(r)]
                ),
            ),
        )
        for i, header in enumerate(headers)
    ]
    writer = SheetWriter(styles, widths, [cell_value(h)[0] for h in headers])
    for row in chain(sample, rows):
        writer.row(map(cell_value, row))
    return writer


def write_xlsx(*sheets: Sheet) -> bytes:
    """The workbook of `sheets`, written row by row (coalition/xlsx_package.py)."""
    styles = Styles()
    taken: set[str] = set()
    written = [
        (_sheet_title(sheet.title, taken), _write_sheet(styles, sheet))
        for sheet in sheets
    ]
    return package(written, styles)


def xlsx_response(content: bytes, *, name: str, dated: bool = True) -> HttpResponse:
    """A download named `<name>-<yyyy-mm-dd>.xlsx` (today in Amsterdam)."""
    stem = slugify(name) or "export"
    filename = (
        f"{stem}-{timezone.localdate():%Y-%m-%d}.xlsx" if dated else f"{stem}.xlsx"
    )
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
