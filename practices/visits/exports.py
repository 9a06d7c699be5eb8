"""xlsx downloads of the visit lists, for the annex of the regional report.

The rows come from the list's own table (`Table.as_values()`), so the download has the
columns the screen shows. Written with openpyxl in write-only mode; every text cell is
stored as text, so a value starting with = + - @ is never read as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EMPTY = {"—", ""}


def _cell(ws, value):
    if isinstance(value, dt.datetime):
        value = (
            timezone.localtime(value).replace(tzinfo=None) if value.tzinfo else value
        )
    if value is None or (isinstance(value, str) and value in EMPTY):
        return WriteOnlyCell(ws, value=None)
    if isinstance(value, bool | int | float):
        return WriteOnlyCell(ws, value=value)
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = (
            "DD-MM-YYYY" if not isinstance(value, dt.datetime) else ("DD-MM-YYYY HH:MM")
        )
        return cell
    cell = WriteOnlyCell(ws, value=None)
    # Assign as text explicitly: openpyxl would otherwise store "=…" as a formula.
    cell._value = str(value)
    cell.data_type = "s"
    return cell


def rows_to_xlsx(rows: Iterable[list], *, title: str) -> bytes:
    """First row is the header (bold); the rest are values."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    bold = Font(bold=True)
    for i, row in enumerate(rows):
        cells = [_cell(ws, v) for v in row]
        if i == 0:
            for c in cells:
                c.font = bold
        ws.append(cells)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def table_to_xlsx(table, *, title: str) -> bytes:
    return rows_to_xlsx(table.as_values(), title=title)


def xlsx_response(content: bytes, *, name: str) -> HttpResponse:
    filename = f"{slugify(name)}-{timezone.localdate():%Y-%m-%d}.xlsx"
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
