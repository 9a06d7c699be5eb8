"""The office's comparison: a fixed number of grouped queries whatever the number of
coalitions, and the same figures as each coalition's own progress report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from coalition.funder import FUNDER, coalition_progress, comparison_rows
from coalition.models import Coalition, Service
from practices.models import Step
from surveys.models import Questionnaire
from surveys.report.aggregate import LEAD, build_report
from tests.factories import CoalitionFactory, PracticeFactory
from tests.practices.factories import RolloutFactory, ServiceDeadlineFactory
from tests.practices.visits_factories import VisitFactory
from tests.surveys.factories import open_standard, submitted
from tests.training.factories import RegistrationFactory, SessionFactory


def _region(i: int) -> Coalition:
    """A coalition with something in every column: go-live in several states, visits,
    training, a yearly questionnaire with answers."""
    today = timezone.localdate()
    c = CoalitionFactory(name=f"Regio {i}", slug=f"regio-{i}")
    ServiceDeadlineFactory(
        coalition=c, service=Service.RECORD_ACCESS, deadline=today + dt.timedelta(90)
    )
    ServiceDeadlineFactory(
        coalition=c, service=Service.ECONSULT, deadline=today - dt.timedelta(10)
    )
    session = SessionFactory(course__coalition=c)
    q = open_standard(c, year=2025)
    for j in range(3 + i):
        p = PracticeFactory(
            coalition=c, list_size=1000 * (j + 1), staff_assistant=j % 2
        )
        if j % 2 == 0:
            RolloutFactory(
                practice=p,
                step=Step.LIVE,
                live_date=today - dt.timedelta(days=7 * j + 1),
            )
        elif j % 3 == 1:
            RolloutFactory(practice=p, step=Step.STAFF_TRAINED, planned_date=today)
        if j == 1:
            RolloutFactory(
                practice=p, service=Service.ECONSULT, step=Step.STAFF_TRAINED
            )
        if j % 2 == 1:
            VisitFactory(practice=p, planned_on=today, held_on=today)
        if j < 2:
            RegistrationFactory(session=session, practice=p, attendance="attended")
        if j < i + 1:
            submitted(
                q,
                p,
                {"list_size": 1000 * (j + 1), "portal_registered": 100 * (j + 2),
                 "econsults_q4": 10 * j},
            )  # fmt: skip
    return c


def _count(coalitions) -> tuple[int, list[dict], dict]:
    with CaptureQueriesContext(connection) as ctx:
        rows, total = comparison_rows(
            Coalition.objects.filter(pk__in=[c.pk for c in coalitions]).order_by(
                "name"
            ),
            today=timezone.localdate(),
        )
    return len(ctx.captured_queries), rows, total


@pytest.mark.django_db
def test_same_number_of_queries_for_2_and_5_coalitions(settings):
    settings.REPORT_MIN_CELL = 2
    regions = [_region(i) for i in range(5)]
    n2, rows2, _ = _count(regions[:2])
    n5, rows5, total = _count(regions)
    assert len(rows2) == 2 and len(rows5) == 5
    # The go-live reach is two of them: practices per coalition, rollout rows grouped.
    assert n2 == n5 == 12
    assert total["practices"] == sum(3 + i for i in range(5))


@pytest.mark.django_db
def test_grouped_figures_equal_each_coalitions_own_report(settings):
    """Every column against the per-coalition progress report (the slow path)."""
    settings.REPORT_MIN_CELL = 2
    regions = [_region(i) for i in range(3)]
    today = timezone.localdate()
    _, rows, _ = _count(regions)
    for c, row in zip(regions, rows, strict=True):
        p = coalition_progress(c, today=today, audience=FUNDER, charts=None)
        services = {s["service"]: s for s in p["services"]}
        record = services[Service.RECORD_ACCESS]
        gp = next(t for t in p["training"] if t["role"] == "gp")
        headline = {
            s["code"]: s["points"][-1]["value"] for s in p["survey"]["headline"]
        }
        assert row["practices"] == p["practices"]
        assert row["patients"] == p["patients"]
        for key in ("record_access", "econsult", "appointments"):
            assert row[f"{key}_pct"] == services[key]["pct_live"]
        assert row["at_risk"] == sum(s["n_at_risk"] for s in p["services"])
        assert row["overdue"] == sum(s["n_overdue"] for s in p["services"])
        assert row["expected_on"] == (record["expected_on"] or record["reached_on"])
        assert row["visits_ok_pct"] == p["visits"]["pct_ok"]
        assert row["training_gp_pct"] == gp["pct"]
        # the comparison is the office's: the response rate as the full report has it
        # (the funder's version hides a small coalition's total)
        full = build_report(
            Questionnaire.objects.get(pk=p["survey"]["questionnaire_id"]), audience=LEAD
        )
        assert row["response_rate"] == full["response"]["total"]["rate"]
        assert row["registered_pct"] == headline["registered_pct"]
        assert row["econsults_per_1000_year"] == headline["econsults_per_1000_year"]
    # something non-trivial was compared
    assert rows[1]["overdue"] > 0 and rows[1]["at_risk"] > 0
    assert rows[2]["registered_pct"] is not None
    assert rows[0]["registered_pct"] is None  # n = 1 < REPORT_MIN_CELL


@pytest.mark.django_db
def test_reach_counts_active_practices_and_known_services_only():
    """A practice that left counts nowhere, whatever its rollout; a rollout row of a
    service the platform no longer has is not counted; a practice without a row for a
    service is at risk, or overdue once its coalition's deadline has passed."""
    from practices import selectors as ps

    today = dt.date(2026, 11, 28)
    c = CoalitionFactory()
    ServiceDeadlineFactory(
        coalition=c, service=Service.ECONSULT, deadline=today - dt.timedelta(1)
    )
    live = PracticeFactory(coalition=c, list_size=100)
    RolloutFactory(practice=live, step=Step.LIVE, live_date=today)
    RolloutFactory(practice=live, service="fax", step=Step.LIVE, live_date=today)
    left = PracticeFactory(coalition=c, list_size=900, is_active=False)
    RolloutFactory(practice=left, step=Step.LIVE, live_date=today)
    RolloutFactory(practice=left, service=Service.ECONSULT)
    reach = ps.comparison_reach([c.pk], today=today)[c.pk]
    assert (reach["n"], reach["patients"]) == (1, 100)
    assert reach[f"live_{Service.RECORD_ACCESS}"] == 1
    assert reach[f"overdue_{Service.ECONSULT}"] == 1  # no row, deadline passed
    assert reach[f"at_risk_{Service.APPOINTMENTS}"] == 1  # no row, no deadline
    assert sum(v for k, v in reach.items() if k.startswith("live_")) == 1
