"""xlsx out: the registry in its import format, and any list from its table's columns.

Text that a spreadsheet would read as a formula (starting with =, +, - or @) is written
as a text cell, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from practices.imports import COLUMNS
from practices.models import Practice, PracticeContact

RISKY = ("=", "+", "-", "@")


def _cells(ws, values: Iterable[Any]) -> list[Any]:
    out = []
    for value in values:
        if isinstance(value, str) and value.startswith(RISKY):
            cell = WriteOnlyCell(ws, value=None)
            cell.value = value
            cell.data_type = "s"
            out.append(cell)
        else:
            out.append(value)
    return out


def write_xlsx(
    headers: list[str], rows: Iterable[Iterable[Any]], *, title: str = "Blad1"
) -> bytes:
    """One sheet: a bold header row, then the rows (written streaming)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title=title[:31])
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=str(h))
        cell.font = bold
        header_cells.append(cell)
    ws.append(header_cells)
    for row in rows:
        ws.append(_cells(ws, row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def registry_rows(practices: QuerySet[Practice]) -> Iterator[list[Any]]:
    """The registry in the import's columns, so an export imports back unchanged."""
    primary = PracticeContact.objects.filter(is_primary=True)
    contacts = {
        c.practice_id: c for c in primary.filter(practice__in=practices.values("pk"))
    }
    qs = practices.select_related(
        "member_organisation", "his_vendor", "portal_vendor"
    ).order_by("agb_code")
    for p in qs.iterator(chunk_size=2000):
        c = contacts.get(p.pk)
        yield [
            p.agb_code,
            p.name,
            p.member_organisation.name,
            p.street,
            p.postcode,
            p.city,
            p.list_size,
            p.his_vendor.name if p.his_vendor else "",
            p.portal_vendor.name if p.portal_vendor else "",
            p.cohort,
            p.neighbourhood,
            c.name if c else "",
            c.email if c else "",
        ]


def registry_xlsx(practices: QuerySet[Practice]) -> bytes:
    return write_xlsx(COLUMNS, registry_rows(practices), title="praktijken")


def registry_template() -> bytes:
    """An empty import file with the header row and one example row."""
    example = [
        "01234567",
        "Huisartsenpraktijk Voorbeeld",
        "(naam van de lidorganisatie)",
        "Dorpsstraat 1",
        "3011 AB",
        "Rotterdam",
        2500,
        "",
        "",
        "golf 2",
        "standard",
        "Anne de Vries",
        "praktijk@voorbeeld.nl",
    ]
    return write_xlsx(COLUMNS, [example], title="praktijken")


def table_xlsx(table, *, exclude: Iterable[str] = ("select",)) -> bytes:
    """A django-tables2 table as xlsx, from the table's own columns and values."""
    columns = [c for c in table.columns if c.name not in set(exclude)]
    headers = [str(c.header) for c in columns]

    def rows():
        for row in table.rows:
            out = []
            for c in columns:
                value = row.get_cell_value(c.name)
                if isinstance(value, dt.date | int | float) or value is None:
                    out.append(value)
                else:
                    out.append(str(value))
            yield out

    return write_xlsx(headers, rows(), title="lijst")
