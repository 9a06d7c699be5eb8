"""The progress report of one funded coalition, or all of them together."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import Count
from django.utils.translation import gettext as _

from coalition.models import Coalition, Grant, Service
from practices.visits.vendor import vendor_response_times

LEAD = "lead"
FUNDER = "funder"
# How the report draws its burn-ups (`charts`): inline SVG on the page, PNG in the PDF.
SVG, PNG = "svg", "png"
DEFAULT_RATE = Decimal("2.83")
HEADLINE = ("registered_pct", "online_appointments_pct", "econsults_per_1000_year")


def rate_per_patient() -> Decimal:
    return Decimal(str(getattr(settings, "GRANT_RATE_PER_PATIENT", DEFAULT_RATE)))


def _pct(part, whole) -> float | None:
    return 100 * part / whole if whole else None


def _service_rows(
    summaries,
    dates,
    *,
    coalition_id: int,
    today: dt.date,
    charts: str | None = SVG,
) -> list[dict]:
    from practices import selectors as ps
    from practices.charts import burnup_png, burnup_svg

    out = []
    for s in summaries:
        dates_of = dates.get((coalition_id, s.service), [])
        fc = ps.forecast(dates_of, target=s.target, today=today)
        row = {
            "service": s.service,
            "label": s.label,
            "n_active": s.n_active,
            "n_live": s.n_live,
            "pct_live": s.pct_live,
            "target": s.target,
            "target_pct": float(s.deadline.target_pct) if s.deadline else None,
            "deadline": s.deadline.deadline.isoformat() if s.deadline else None,
            "n_at_risk": s.n_at_risk,
            "n_overdue": s.n_overdue,
            "reached_on": fc.reached_on.isoformat() if fc.reached_on else None,
            "expected_on": fc.expected_on.isoformat() if fc.expected_on else None,
            "stalled": fc.stalled and s.target > 0,
            "chart": "",
        }
        if charts and s.service == Service.RECORD_ACCESS:
            start = min([*dates_of, today - dt.timedelta(weeks=26)])
            series = ps.burnup_series(dates_of, start=start, end=today)
            draw = burnup_png if charts == PNG else burnup_svg
            row["chart"] = draw(
                series,
                target=s.target,
                deadline=s.deadline.deadline if s.deadline else None,
                expected_on=fc.expected_on,
                title=_("Live met %(s)s") % {"s": s.label},
                labels={
                    "live": _("praktijken live"),
                    "target": _("doel"),
                    "deadline": _("deadline"),
                    "forecast": _("prognose bij huidig tempo"),
                },
            )
        out.append(row)
    return out


def _practice_rows(practices, today: dt.date) -> dict[int, list[dict]]:
    """Per coalition, its active practices by name with what the eligibility, the
    training coverage and the reach need (one query, and two for the evidence of
    informed patients)."""
    from content import selectors as content_selectors
    from practices import selectors as ps
    from practices.public import page_views_by_practice
    from training import selectors as ts

    qs = ts.practices_with_coverage(
        ps.with_patients_informed(ps.with_readiness(practices, today=today))
    ).order_by("name")
    rows = list(
        qs.values(
            "pk",
            "coalition_id",
            "name",
            "agb_code",
            "list_size",
            "informed_marked",
            "technically_ready",
            *(f"staff_{r}" for r in ts.ROLES if r != "gp"),
            *(f"trained_{r}" for r in ts.ROLES),
        )
    )
    downloads = content_selectors.downloads_by_practice(r["pk"] for r in rows)
    page_views = page_views_by_practice(r["pk"] for r in rows)
    out: dict[int, list[dict]] = defaultdict(list)
    for r in rows:
        r["informed_evidence"] = bool(downloads.get(r["pk"]) or page_views.get(r["pk"]))
        out[r["coalition_id"]].append(r)
    return out


def _training(rows: list[dict]) -> list[dict]:
    """`coverage_by_role` from the practice rows (no query)."""
    from training import selectors as ts

    counts = {}
    for role in ts.ROLES:
        need = [r for r in rows if ts.role_needed(role, r.get(f"staff_{role}"))]
        counts[f"needed_{role}"] = len(need)
        counts[f"covered_{role}"] = sum(1 for r in need if r[f"trained_{role}"])
    return ts.coverage_rows(counts)


def _eligibility(practices, today: dt.date) -> dict:
    """The checklist of these practices on their own (three queries)."""
    return _eligibility_of(
        [r for rows in _practice_rows(practices, today).values() for r in rows]
    )


def _eligibility_of(rows: list[dict]) -> dict:
    """The four payment conditions per practice; counts, patients and the amount."""
    from training import selectors as ts

    rate = rate_per_patient()
    out = []
    for r in rows:
        trained = all(
            r[f"trained_{role}"] > 0
            for role in ts.ROLES
            if ts.role_needed(role, r.get(f"staff_{role}"))
        )
        informed = bool(r["informed_marked"] or r["informed_evidence"])
        eligible = trained and informed and bool(r["technically_ready"])
        out.append(
            {
                "name": r["name"],
                "agb_code": r["agb_code"],
                "patients": r["list_size"],
                "in_coalition": True,
                "trained": trained,
                "informed": informed,
                "certified": bool(r["technically_ready"]),
                "eligible": eligible,
                "amount": float(r["list_size"] * rate) if eligible else 0.0,
            }
        )
    n_eligible = sum(1 for r in out if r["eligible"])
    patients = sum(r["patients"] for r in out if r["eligible"])
    return {
        "n_practices": len(out),
        "n_trained": sum(1 for r in out if r["trained"]),
        "n_informed": sum(1 for r in out if r["informed"]),
        "n_certified": sum(1 for r in out if r["certified"]),
        "n_eligible": n_eligible,
        "pct_eligible": _pct(n_eligible, len(out)),
        "patients_eligible": patients,
        "rate": float(rate),
        "amount": float(patients * rate),
        "rows": out,
    }


RESPONSE_GROUPS = ("member_organisation__name", "portal_vendor__name")
RESPONSE_COUNTS = ("active", "invited", "started", "submitted")


def _responses(questionnaire_ids: list[int]) -> dict[int, dict]:
    """Per questionnaire: the regional report's response table in total, by member
    organisation and by portal vendor (two grouped queries), as `build_report` has
    it before anonymising."""
    from practices import selectors as ps
    from surveys import selectors as ss

    cells: dict[int, dict[tuple, dict]] = defaultdict(dict)

    def cell(row):
        key = tuple(row[g] for g in RESPONSE_GROUPS)
        return cells[row["questionnaire"]].setdefault(
            key, dict.fromkeys(RESPONSE_COUNTS, 0)
        )

    for row in ps.active_at_close_by_group(questionnaire_ids, RESPONSE_GROUPS):
        cell(row)["active"] += row["n"]
    for row in ss.response_counts_by_group(questionnaire_ids, RESPONSE_GROUPS):
        c = cell(row)
        for k in ("invited", "started", "submitted"):
            c[k] += row[k]
    out = {}
    for qid in questionnaire_ids:
        by_cell = cells.get(qid, {})

        def rows(i, by_cell=by_cell):
            groups: dict = {}
            for key, counts in by_cell.items():
                g = groups.setdefault(key[i], dict.fromkeys(RESPONSE_COUNTS, 0))
                for k in RESPONSE_COUNTS:
                    g[k] += counts[k]
            return [
                {"group": group or _("geen portaal bekend"), **g}
                for group, g in groups.items()
            ]

        total = {
            "group": _("Totaal"),
            **{k: sum(c[k] for c in by_cell.values()) for k in RESPONSE_COUNTS},
        }
        response = {"total": total, "by_member": rows(0), "by_vendor": rows(1)}
        for row in [total, *response["by_member"], *response["by_vendor"]]:
            row["rate"] = _pct(row["submitted"], row["active"])
        out[qid] = response
    return out


def _surveys(coalition_ids: list[int]) -> dict[int, dict]:
    """Per coalition: the funder's view of its latest yearly questionnaire (response
    and headline indicators year on year), as `build_report(..., FUNDER)` gives them,
    in four grouped queries whatever the number of coalitions."""
    from surveys import selectors as ss
    from surveys.report.aggregate import anonymise, indicator_table, trend_rows
    from surveys.report.suppression import min_cell

    years = ss.yearly_questionnaires_by_coalition(coalition_ids)
    all_ids = [q.pk for qs in years.values() for q in qs]
    latest_ids = [qs[-1].pk for qs in years.values()]
    table = indicator_table(all_ids, codes=HEADLINE, with_n=False) if all_ids else {}
    responses = _responses(latest_ids) if latest_ids else {}
    limit = min_cell()
    out = {}
    for cid, qs in years.items():
        latest = qs[-1]
        trend = trend_rows(table, qs, codes=HEADLINE)
        # the funder's version: the regional report's own anonymising, on its parts
        report = anonymise(
            {
                "meta": {"min_cell": limit},
                "response": responses[latest.pk],
                "indicators": [],
                "trend": trend,
                "breakdowns": [],
                "coverage": [],
            }
        )
        out[cid] = {
            "questionnaire_id": latest.pk,
            "period": latest.period,
            "response": report["response"]["total"],
            "years": [str(q.year) for q in qs],
            "headline": report["trend"],
        }
    return out


def _progress_data(coalitions: list[Coalition], *, today: dt.date) -> dict:
    """Every figure of the progress report, one grouped query per table whatever the
    number of coalitions: deadlines, counts by step and deadline state per service,
    go-live dates, the practices (eligibility, training, reach) with their evidence of
    informed patients, grants, visit states, and the latest questionnaires with their
    response and headline indicators."""
    from practices import selectors as ps
    from practices.visits import selectors as vs

    ids = [c.pk for c in coalitions]
    active = ps.active_practices_of(ids)
    deadlines = ps.deadlines_by_coalition(ids)
    grants: dict[int, list[dict]] = defaultdict(list)
    for g in (
        Grant.objects.filter(coalition_id__in=ids)
        .order_by("coalition_id", "starts")
        .values(
            "coalition_id",
            "funder__name",
            "reference",
            "amount",
            "starts",
            "ends",
            "committed_practices",
            "committed_patients",
        )
    ):
        grants[g["coalition_id"]].append(g)
    visits: dict[int, dict[str, int]] = {
        cid: {vs.VisitState.OVERDUE: 0, vs.VisitState.DUE: 0, vs.VisitState.OK: 0}
        for cid in ids
    }
    for row in (
        vs.practices_with_visit_state(active, today=today)
        .order_by()
        .values("coalition_id", "visit_state")
        .annotate(n=Count("pk"))
    ):
        visits[row["coalition_id"]][row["visit_state"]] = row["n"]
    return {
        "summaries": ps.service_summaries_by_coalition(
            active, coalition_ids=ids, deadlines=deadlines, today=today
        ),
        "dates": ps.live_dates_by_coalition(active),
        "practices": _practice_rows(active, today),
        "grants": grants,
        "visits": visits,
        "surveys": _surveys(ids),
    }


def _coalition_progress(
    c: Coalition, data: dict, *, today: dt.date, audience: str, charts: str | None
) -> dict:
    practices = data["practices"].get(c.pk, [])
    n = len(practices)
    patients = sum(r["list_size"] or 0 for r in practices)
    grants = data["grants"].get(c.pk, [])
    committed_practices = sum(g["committed_practices"] for g in grants)
    committed_patients = sum(g["committed_patients"] for g in grants)
    visits = data["visits"][c.pk]
    n_visit = sum(visits.values())
    eligibility = _eligibility_of(practices)
    if audience != LEAD:
        eligibility["rows"] = []
    return {
        "coalition": c.name,
        "slug": c.slug,
        "audience": audience,
        "practices": n,
        "patients": patients,
        "grants": [
            {
                "funder": g["funder__name"],
                "reference": g["reference"],
                "amount": float(g["amount"]),
                "starts": g["starts"].isoformat(),
                "ends": g["ends"].isoformat(),
                "committed_practices": g["committed_practices"],
                "committed_patients": g["committed_patients"],
            }
            for g in grants
        ],
        "committed_practices": committed_practices,
        "committed_patients": committed_patients,
        "pct_practices_reached": _pct(n, committed_practices),
        "pct_patients_reached": _pct(patients, committed_patients),
        "services": _service_rows(
            data["summaries"][c.pk],
            data["dates"],
            coalition_id=c.pk,
            today=today,
            charts=charts,
        ),
        "training": _training(practices),
        "visits": {
            **visits,
            "total": n_visit,
            "pct_ok": _pct(visits.get("ok", 0), n_visit),
        },
        "survey": data["surveys"].get(c.pk),
        "eligibility": eligibility,
    }


def coalition_progress(
    coalition: Coalition, *, today: dt.date, audience: str, charts: str | None = SVG
) -> dict:
    """The progress report of one coalition (the same grouped queries as for many)."""
    return progress_report(
        [coalition],
        today=today,
        audience_for=lambda c: audience,
        charts=charts,
    )["coalitions"][0]


def progress_report(
    coalitions, *, today: dt.date, audience_for, on_progress=None, charts=SVG
) -> dict:
    """Every coalition's progress and the totals over them; `on_progress(done)` is
    called after each coalition (the background export shows it). `charts`: the
    burn-ups as inline SVG (the page), as PNG images (the PDF) or none (xlsx).

    A fixed number of grouped queries (`_progress_data`), independent of the number
    of coalitions."""
    coalitions = list(coalitions)
    data = _progress_data(coalitions, today=today)
    items = []
    for c in coalitions:
        items.append(
            _coalition_progress(
                c, data, today=today, audience=audience_for(c), charts=charts
            )
        )
        if on_progress is not None:
            on_progress(len(items))
    total = {
        "practices": sum(i["practices"] for i in items),
        "patients": sum(i["patients"] for i in items),
        "committed_practices": sum(i["committed_practices"] for i in items),
        "committed_patients": sum(i["committed_patients"] for i in items),
        "n_eligible": sum(i["eligibility"]["n_eligible"] for i in items),
        "patients_eligible": sum(i["eligibility"]["patients_eligible"] for i in items),
        "amount": sum(i["eligibility"]["amount"] for i in items),
    }
    total["pct_eligible"] = _pct(total["n_eligible"], total["practices"])
    return {
        "today": today.isoformat(),
        "coalitions": items,
        "total": total,
        "vendor_response": vendor_response_times(coalitions=coalitions),
    }
