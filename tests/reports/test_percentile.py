"""Median and quartiles are computed in the database (percentile_cont), the same on
SQLite (pass 1) and PostgreSQL (pass 2), and equal to the numbers worked out by hand."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from surveys.report.aggregate import indicator_table
from surveys.report.percentile import lerp_percentile
from tests.factories import PracticeFactory
from tests.surveys.factories import open_standard, submitted


@pytest.fixture
def four_practices(coalition):
    """Registered patients 10, 20, 40 and 80 % of 1,000; a fifth without the answer."""
    q = open_standard(coalition, year=2025)
    for i, registered in enumerate([400, 100, 800, 200]):
        p = PracticeFactory(coalition=coalition, list_size=1000, name=f"P{i}")
        submitted(q, p, {"list_size": 1000, "portal_registered": registered})
    p = PracticeFactory(coalition=coalition, list_size=5000, name="zonder")
    submitted(q, p, {"list_size": 5000})
    return q


def test_quartiles_by_hand_in_the_database(four_practices):
    with CaptureQueriesContext(connection) as ctx:
        table = indicator_table([four_practices.pk])
    assert len(ctx.captured_queries) == 2  # the question ids, then one grouped query
    grouped = ctx.captured_queries[-1]["sql"]
    if connection.vendor == "postgresql":
        assert "PERCENTILE_CONT(0.5) WITHIN GROUP" in grouped
    else:
        assert "report_percentile_cont(" in grouped
    reg = table[four_practices.pk]["registered_pct"]
    # sorted 10, 20, 40, 80; position p·(n−1): 0.75 → 10 + 0.75·10 = 17.5;
    # 1.5 → 20 + 0.5·20 = 30; 2.25 → 40 + 0.25·40 = 50
    assert reg["n"] == 4
    assert reg["p25"] == pytest.approx(17.5)
    assert reg["median"] == pytest.approx(30)
    assert reg["p75"] == pytest.approx(50)
    assert (reg["min"], reg["max"]) == (pytest.approx(10), pytest.approx(80))
    # regional value: 100 · 1,500 / 4,000 (the fifth practice is not in n)
    assert reg["value"] == pytest.approx(37.5)
    # nobody answered the phone questions: missing, never 0
    calls = table[four_practices.pk]["calls_per_week"]
    assert (calls["n"], calls["value"], calls["median"]) == (0, None, None)


def test_one_practice_is_its_own_median(coalition):
    q = open_standard(coalition, year=2025)
    p = PracticeFactory(coalition=coalition, list_size=2000)
    submitted(q, p, {"list_size": 2000, "portal_registered": 500})
    reg = indicator_table([q.pk])[q.pk]["registered_pct"]
    assert reg["p25"] == reg["median"] == reg["p75"] == pytest.approx(25)


def test_interpolation_rule():
    assert lerp_percentile([], 0.5) is None
    assert lerp_percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert lerp_percentile([10.0, 20.0, 40.0, 80.0], 0.75) == pytest.approx(50)
    assert lerp_percentile([1.0, 2.0], 0.25) == pytest.approx(1.25)


def test_some_indicators_without_n_join_only_their_inputs(four_practices):
    """The comparison and the progress report ask for the headline indicators and no
    "_n": the same figures as the whole table's, from a query that joins only those
    indicators' inputs."""
    whole = indicator_table([four_practices.pk], spread=False)[four_practices.pk]
    codes = ("registered_pct", "calls_per_week")
    with CaptureQueriesContext(connection) as ctx:
        part = indicator_table(
            [four_practices.pk], codes=codes, spread=False, with_n=False
        )[four_practices.pk]
    assert part == {code: whole[code] for code in codes}
    assert whole["_n"] == 5 and "_n" not in part
    grouped = ctx.captured_queries[-1]["sql"]
    # list_size, portal_registered and calls_per_week: three joins of answers
    assert grouped.count('LEFT OUTER JOIN "surveys_answer"') == 3
