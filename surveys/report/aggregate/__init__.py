"""The regional report of one coalition and period, computed in a fixed number of queries.

`build_report` returns plain data (numbers, strings, lists, dicts; JSON-serialisable) so
the page, the exports and a frozen edition all show the same figures. Counting and
grouping happen in the database: one grouped query per table. The indicator inputs are
joined to each submitted response in the database and aggregated there, grouped by
questionnaire (every yearly questionnaire of the coalition in one query) or by a
breakdown's group: regional values as ratios of exact decimal sums, medians and
quartiles with `percentile_cont` (PostgreSQL's own; on SQLite the same interpolation
registered as an aggregate, `surveys.report.percentile`).

One module per part: `figures` (the audiences, the indicator queries), `sections`
(response, coverage, free texts, go-live, visits and training, the practices),
`report` (`build_report`) and `editions` (anonymising and frozen editions).
Everything is re-exported here: callers import from `surveys.report.aggregate`.
"""

from __future__ import annotations

from surveys.report.aggregate.editions import (
    HIDDEN,
    anonymise,
    edition_report,
    with_changes,
)
from surveys.report.aggregate.figures import (
    AUDIENCES,
    DIMENSIONS,
    FUNDER,
    GOLIVE_GAP,
    LEAD,
    PORTAL_CODE,
    SERVICE_QUESTIONS,
    SMALL_N,
    SPREAD,
    TEXT_CODES,
    definitions,
    dimension_labels,
    indicator_table,
    trend_rows,
)
from surveys.report.aggregate.report import build_report, yearly_questionnaires
from surveys.report.aggregate.sections import period_bounds

__all__ = [
    "AUDIENCES",
    "DIMENSIONS",
    "FUNDER",
    "GOLIVE_GAP",
    "HIDDEN",
    "LEAD",
    "PORTAL_CODE",
    "SERVICE_QUESTIONS",
    "SMALL_N",
    "SPREAD",
    "TEXT_CODES",
    "anonymise",
    "build_report",
    "definitions",
    "dimension_labels",
    "edition_report",
    "indicator_table",
    "trend_rows",
    "period_bounds",
    "with_changes",
    "yearly_questionnaires",
]
