"""The go-live dashboard as xlsx: the step × status matrix and the burn-up series.

Built from `selectors.go_live`, the same numbers the page shows, and written through the
one workbook writer (`coalition.xlsx.write_xlsx`): it escapes text and gives numbers and
dates their cells.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from coalition.models import Coalition
from coalition.xlsx import Sheet, write_xlsx
from practices.charts import plottable
from practices.models import DeadlineState
from practices.selectors import GoLive


def dashboard_xlsx(golive: GoLive, *, coalition: Coalition) -> bytes:
    summary = golive.summary
    deadline = summary.deadline.deadline if summary.deadline else None
    states = list(DeadlineState)

    def matrix_rows():
        totals = [0] * len(states)
        for step, counts in golive.matrix():
            yield [str(step.label), *counts, sum(counts)]
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
        yield [_("Totaal"), *totals, sum(totals)]

    burnup_rows = (
        [day, n, summary.target or None, deadline if plottable(deadline) else None]
        for day, n in golive.series
    )
    return write_xlsx(
        Sheet(
            _("Stap × status"),
            [_("Stap"), *[str(s.label) for s in states], _("Totaal")],
            matrix_rows(),
        ),
        Sheet(
            _("Burn-up"),
            [_("Datum"), _("Praktijken live"), _("Doel"), _("Deadline")],
            burnup_rows,
        ),
    )
