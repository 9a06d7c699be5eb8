"""The office's comparison of coalitions: one row per coalition, sortable."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from coalition.funder.progress import HEADLINE, _pct
from coalition.models import Coalition, Service

COMPARE_COLUMNS = [
    "coalition", "practices", "patients", "record_access_pct", "econsult_pct",
    "appointments_pct", "repeat_prescriptions_pct", "at_risk", "overdue",
    "expected_on", "visits_ok_pct", "training_gp_pct", "response_rate",
    "registered_pct", "econsults_per_1000_year",
]  # fmt: skip


def _comparison_data(coalitions: list[Coalition], *, today: dt.date) -> dict:
    """Every figure of the comparison, one grouped query per table, whatever the number
    of coalitions: practices and go-live per service with deadline states (one query
    with one filtered join per service), go-live dates for the forecast, visit states,
    training coverage, the latest yearly questionnaire, active practices at its close,
    submitted responses and the headline indicators."""
    from practices import selectors as ps
    from practices.visits import selectors as vs
    from surveys import selectors as ss
    from surveys.report.aggregate import indicator_table
    from surveys.report.suppression import min_cell
    from training import selectors as ts

    ids = [c.pk for c in coalitions]
    deadlines = ps.deadlines_by_coalition(ids)
    active = ps.active_practices_of(ids)

    # practices, patients, and per service: live, at risk, overdue
    reach = ps.comparison_reach(ids, today=today, deadlines=deadlines)

    # go-live dates of inzage, counted per day: the forecast's input
    dates = {
        cid: days
        for (cid, _service), days in ps.live_dates_by_coalition(
            active, service=Service.RECORD_ACCESS
        ).items()
    }

    visits: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        vs.practices_with_visit_state(active, today=today)
        .order_by()
        .values("coalition_id", "visit_state")
        .annotate(n=Count("pk"))
    ):
        visits[row["coalition_id"]][row["visit_state"]] = row["n"]

    # training coverage per role per practice (a role is needed where the practice
    # has such staff; a GP always)
    training = ts.coverage_by_coalition(active)

    # the latest yearly questionnaire of each coalition and its response
    latest = ss.latest_yearly_questionnaires(ids)
    qids = [q["pk"] for q in latest.values()]
    active_at_close = ps.active_at_close(qids)
    submitted = ss.submitted_counts(qids)
    headline = indicator_table(qids, codes=HEADLINE, spread=False, with_n=False)
    return {
        "deadlines": deadlines,
        "reach": reach,
        "dates": dates,
        "visits": visits,
        "training": training,
        "latest": latest,
        "active_at_close": active_at_close,
        "submitted": submitted,
        "headline": headline,
        "min_cell": min_cell(),
    }


def comparison_rows(coalitions, *, today: dt.date) -> tuple[list[dict], dict]:
    """One flat row per coalition and the national total (sums; shares of sums).

    A fixed number of grouped queries (`_comparison_data`), independent of the number
    of coalitions; the forecast per coalition is computed from the grouped go-live
    dates with the same rule as the dashboard's."""
    from practices import selectors as ps

    DeadlineState = ps.DeadlineState  # noqa: N806 - the practices app's states
    coalitions = list(coalitions)
    data = _comparison_data(coalitions, today=today)
    rows = []
    for c in coalitions:
        reach = data["reach"].get(c.pk, {})
        n = reach.get("n", 0)
        visits = data["visits"].get(c.pk, {})
        n_visit = sum(visits.values())
        training = data["training"].get(c.pk, {})
        q = data["latest"].get(c.pk)
        active = data["active_at_close"].get(q["pk"], 0) if q else 0
        sub = data["submitted"].get(q["pk"], 0) if q else 0
        figures = data["headline"].get(q["pk"], {}) if q else {}
        headline = {
            code: f["value"] if f["n"] >= data["min_cell"] else None
            for code, f in figures.items()
        }
        record = data["deadlines"].get((c.pk, Service.RECORD_ACCESS))
        target = math.ceil(n * record.target_pct / 100) if record else 0
        fc = ps.forecast(data["dates"].get(c.pk, []), target=target, today=today)
        expected = fc.expected_on or fc.reached_on
        rows.append(
            {
                "coalition": c.name,
                "slug": c.slug,
                "practices": n,
                "patients": reach.get("patients") or 0,
                **{
                    f"{key}_pct": _pct(reach.get(f"live_{key}", 0), n)
                    for key in (
                        "record_access",
                        "econsult",
                        "appointments",
                        "repeat_prescriptions",
                    )
                },  # fmt: skip
                "n_live": reach.get(f"live_{Service.RECORD_ACCESS}", 0),
                "at_risk": sum(
                    reach.get(f"{DeadlineState.AT_RISK}_{s}", 0) for s in Service.values
                ),
                "overdue": sum(
                    reach.get(f"{DeadlineState.OVERDUE}_{s}", 0) for s in Service.values
                ),
                "expected_on": expected.isoformat() if expected else None,
                "visits_ok": visits.get("ok", 0),
                "visits_total": n_visit,
                "visits_ok_pct": _pct(visits.get("ok", 0), n_visit),
                "gp_covered": training.get("covered_gp", 0),
                "gp_needed": training.get("needed_gp", 0),
                "training_gp_pct": _pct(
                    training.get("covered_gp", 0), training.get("needed_gp", 0)
                ),
                "submitted": sub,
                "active": active,
                "response_rate": _pct(sub, active) if q else None,
                "registered_pct": headline.get("registered_pct"),
                "econsults_per_1000_year": headline.get("econsults_per_1000_year"),
            }
        )
    total = {
        "coalition": _("Landelijk totaal"),
        "practices": sum(r["practices"] for r in rows),
        "patients": sum(r["patients"] for r in rows),
        "at_risk": sum(r["at_risk"] for r in rows),
        "overdue": sum(r["overdue"] for r in rows),
        "visits_ok_pct": _pct(
            sum(r["visits_ok"] for r in rows), sum(r["visits_total"] for r in rows)
        ),
        "training_gp_pct": _pct(
            sum(r["gp_covered"] for r in rows), sum(r["gp_needed"] for r in rows)
        ),
        "response_rate": _pct(
            sum(r["submitted"] for r in rows), sum(r["active"] for r in rows)
        ),
        "record_access_pct": _pct(
            sum(r["n_live"] for r in rows), sum(r["practices"] for r in rows)
        ),
    }
    return rows, total


def sort_rows(rows: list[dict], key: str) -> list[dict]:
    """Sort by a column; '-key' descending; missing values last either way."""
    desc = key.startswith("-")
    key = key.lstrip("-")
    if key not in COMPARE_COLUMNS:
        key, desc = "coalition", False
    present = [r for r in rows if r.get(key) is not None]
    missing = [r for r in rows if r.get(key) is None]
    present.sort(
        key=lambda r: r[key].lower() if isinstance(r[key], str) else r[key],
        reverse=desc,
    )
    return present + missing
