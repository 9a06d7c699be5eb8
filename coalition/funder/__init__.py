"""The funder's progress report: per funded coalition and all of them together.

Reads only through the apps' selectors. Plain data out (numbers, strings, lists), so the
page, the xlsx and the PDF show the same figures. The per-practice eligibility list is
only filled in for the lead's version; the funder's version carries counts and shares.

`progress` builds the progress report, `comparison` the office's comparison of
coalitions. Everything is re-exported here: callers import from `coalition.funder`.
"""

from __future__ import annotations

from coalition.funder.comparison import COMPARE_COLUMNS, comparison_rows, sort_rows
from coalition.funder.progress import (
    DEFAULT_RATE,
    FUNDER,
    HEADLINE,
    LEAD,
    RESPONSE_COUNTS,
    RESPONSE_GROUPS,
    coalition_progress,
    progress_report,
    rate_per_patient,
)

__all__ = [
    "COMPARE_COLUMNS",
    "DEFAULT_RATE",
    "FUNDER",
    "HEADLINE",
    "LEAD",
    "RESPONSE_COUNTS",
    "RESPONSE_GROUPS",
    "coalition_progress",
    "comparison_rows",
    "progress_report",
    "rate_per_patient",
    "sort_rows",
]
