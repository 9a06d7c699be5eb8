"""The go-live dashboard as xlsx: the step × status matrix and the burn-up series.

Built from `selectors.go_live`, the same numbers the page shows. Written with openpyxl
in write-only mode: text through `coalition.xlsx.escape_formula`, numbers as number
cells, dates as date cells in the Dutch style. (A shared `write_xlsx` in `coalition/`
is being built; this module moves onto it once it lands.)
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from coalition.models import Coalition
from coalition.xlsx import escape_formula
from practices.charts import plottable
from practices.models import DeadlineState
from practices.selectors import GoLive

DATE_FORMAT = "d-m-yyyy"


def _row(ws, values: Iterable[Any], *, bold: bool = False) -> list[WriteOnlyCell]:
    cells = []
    for value in values:
        if isinstance(value, str):
            value = escape_formula(value)
        cell = WriteOnlyCell(ws, value=value)
        if hasattr(value, "year"):
            cell.number_format = DATE_FORMAT
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def dashboard_xlsx(golive: GoLive, *, coalition: Coalition) -> bytes:
    summary = golive.summary
    deadline = summary.deadline.deadline if summary.deadline else None
    wb = Workbook(write_only=True)

    matrix = wb.create_sheet(_("Stap × status")[:31])
    matrix.append(
        _row(
            matrix,
            [_("Go-live %(c)s: %(s)s") % {"c": coalition.name, "s": summary.label}],
            bold=True,
        )
    )
    states = list(DeadlineState)
    matrix.append(
        _row(
            matrix,
            [_("Stap"), *[str(s.label) for s in states], _("Totaal")],
            bold=True,
        )
    )
    totals = [0] * len(states)
    for step, counts in golive.matrix():
        matrix.append(_row(matrix, [str(step.label), *counts, sum(counts)]))
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
    matrix.append(_row(matrix, [_("Totaal"), *totals, sum(totals)], bold=True))

    burnup = wb.create_sheet(_("Burn-up")[:31])
    burnup.append(
        _row(
            burnup,
            [_("Datum"), _("Praktijken live"), _("Doel"), _("Deadline")],
            bold=True,
        )
    )
    for day, n in golive.series:
        burnup.append(
            _row(
                burnup,
                [
                    day,
                    n,
                    summary.target or None,
                    deadline if plottable(deadline) else None,
                ],
            )
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
