"""The funder's progress report: per funded coalition and all of them together.

Reads only through the apps' selectors. Plain data out (numbers, strings, lists), so the
page, the xlsx and the PDF show the same figures. The per-practice eligibility list is
only filled in for the lead's version; the funder's version carries counts and shares.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from coalition.models import Coalition, Service

LEAD = "lead"
FUNDER = "funder"
DEFAULT_RATE = Decimal("2.83")
HEADLINE = ("registered_pct", "online_appointments_pct", "econsults_per_1000_year")


def rate_per_patient() -> Decimal:
    return Decimal(str(getattr(settings, "GRANT_RATE_PER_PATIENT", DEFAULT_RATE)))


def _pct(part, whole) -> float | None:
    return 100 * part / whole if whole else None


def _services(
    coalition: Coalition, practices, today: dt.date, *, charts_too: bool = True
) -> list[dict]:
    from practices import charts
    from practices import selectors as ps

    out = []
    for s in ps.service_summaries(practices, coalition=coalition, today=today):
        dates = ps.live_dates(practices, service=s.service)
        fc = ps.forecast(dates, target=s.target, today=today)
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
        if charts_too and s.service == Service.RECORD_ACCESS:
            start = min([*dates, today - dt.timedelta(weeks=26)])
            series = ps.burnup_series(dates, start=start, end=today)
            row["chart"] = charts.burnup_svg(
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


def _eligibility(practices, today: dt.date) -> dict:
    """The four payment conditions per practice; counts, patients and the amount."""
    from content import selectors as content_selectors
    from practices import selectors as ps
    from training import selectors as ts

    qs = ts.practices_with_coverage(
        ps.with_patients_informed(ps.with_readiness(practices, today=today))
    ).order_by("name")
    rows = list(
        qs.values(
            "pk",
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
    from practices.public import page_views_by_practice

    page_views = page_views_by_practice(r["pk"] for r in rows)
    rate = rate_per_patient()
    out = []
    for r in rows:
        trained = all(
            r[f"trained_{role}"] > 0
            for role in ts.ROLES
            if role == "gp" or (r[f"staff_{role}"] or 0) > 0
        )
        informed = bool(
            r["informed_marked"] or downloads.get(r["pk"]) or page_views.get(r["pk"])
        )
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


def _survey(coalition: Coalition) -> dict | None:
    from surveys.models import Questionnaire
    from surveys.report.aggregate import FUNDER as REPORT_FUNDER
    from surveys.report.aggregate import build_report

    latest = (
        Questionnaire.objects.filter(coalition=coalition, quarter__isnull=True)
        .exclude(status=Questionnaire.Status.DRAFT)
        .order_by("-year")
        .first()
    )
    if latest is None:
        return None
    report = build_report(latest, audience=REPORT_FUNDER)
    return {
        "questionnaire_id": latest.pk,
        "period": latest.period,
        "response": report["response"]["total"],
        "years": report["years"],
        "headline": [s for s in report["trend"] if s["code"] in HEADLINE],
    }


def coalition_progress(
    coalition: Coalition, *, today: dt.date, audience: str, charts_too: bool = True
) -> dict:
    from practices.models import Practice
    from practices.visits import selectors as vs
    from training import selectors as ts

    practices = Practice.objects.filter(coalition=coalition, is_active=True)
    reach = practices.aggregate(n=Count("pk"), patients=Sum("list_size"))
    grants = list(
        coalition.grants.select_related("funder")
        .order_by("starts")
        .values(
            "funder__name",
            "reference",
            "amount",
            "starts",
            "ends",
            "committed_practices",
            "committed_patients",
        )
    )
    committed_practices = sum(g["committed_practices"] for g in grants)
    committed_patients = sum(g["committed_patients"] for g in grants)
    visits = vs.yearly_counts(practices, today=today)
    n_visit = sum(visits.values())
    eligibility = _eligibility(practices, today)
    if audience != LEAD:
        eligibility["rows"] = []
    return {
        "coalition": coalition.name,
        "slug": coalition.slug,
        "audience": audience,
        "practices": reach["n"],
        "patients": reach["patients"] or 0,
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
        "pct_practices_reached": _pct(reach["n"], committed_practices),
        "pct_patients_reached": _pct(reach["patients"] or 0, committed_patients),
        "services": _services(coalition, practices, today, charts_too=charts_too),
        "training": ts.coverage_by_role(practices),
        "visits": {
            **visits,
            "total": n_visit,
            "pct_ok": _pct(visits.get("ok", 0), n_visit),
        },
        "survey": _survey(coalition),
        "eligibility": eligibility,
    }


def progress_report(
    coalitions, *, today: dt.date, audience_for, on_progress=None, charts_too=True
) -> dict:
    """Every coalition's progress and the totals over them; `on_progress(done)` is
    called after each coalition (the background export shows it)."""
    items = []
    for c in coalitions:
        items.append(
            coalition_progress(
                c, today=today, audience=audience_for(c), charts_too=charts_too
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
    return {"today": today.isoformat(), "coalitions": items, "total": total}


# --- the office's comparison ----------------------------------------------------------

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
    from practices.models import DeadlineState, Practice, Rollout, ServiceDeadline, Step
    from practices.rules import Rule, deadline_state
    from practices.visits import selectors as vs
    from surveys.models import Questionnaire, Response
    from surveys.report.aggregate import indicator_table
    from surveys.report.suppression import min_cell
    from training import selectors as ts
    from training.models import Registration

    ids = [c.pk for c in coalitions]
    deadlines: dict[tuple[int, str], ServiceDeadline] = {
        (d.coalition_id, d.service): d
        for d in ServiceDeadline.objects.filter(coalition_id__in=ids)
    }
    active = Practice.objects.filter(coalition_id__in=ids, is_active=True)

    # practices, patients, and per service: live, at risk, overdue
    qs = active
    counts = {"n": Count("pk"), "patients": Sum("list_size")}
    for service in Service.values:
        rel = f"ro_{service}"
        qs = qs.annotate(
            **{
                rel: FilteredRelation(
                    "rollouts", condition=Q(rollouts__service=service)
                )
            }
        ).annotate(
            **{f"step_{service}": Coalesce(F(f"{rel}__step"), Value(Step.NOT_STARTED))}
        )
        rules = [
            Rule(c, d.deadline, d.stuck_after)
            for (c, s), d in deadlines.items()
            if s == service
        ]
        fields = {
            "coalition": "coalition",
            "step": f"step_{service}",
            "live_date": f"{rel}__live_date",
            "planned_date": f"{rel}__planned_date",
            "step_since": f"{rel}__step_since",
        }
        qs = qs.annotate(
            **{f"state_{service}": deadline_state(rules, today=today, fields=fields)}
        )
        counts[f"live_{service}"] = Count(
            "pk", filter=Q(**{f"step_{service}": Step.LIVE})
        )
        for state in (DeadlineState.AT_RISK, DeadlineState.OVERDUE):
            counts[f"{state}_{service}"] = Count(
                "pk", filter=Q(**{f"state_{service}": state})
            )
    reach = {
        row["coalition_id"]: row
        for row in qs.order_by().values("coalition_id").annotate(**counts)
    }

    # go-live dates of inzage, counted per day: the forecast's input
    dates: dict[int, list[dt.date]] = defaultdict(list)
    for row in (
        Rollout.objects.filter(
            practice__in=active, service=Service.RECORD_ACCESS, step=Step.LIVE
        )
        .order_by("practice__coalition_id", "live_date")
        .values("practice__coalition_id", "live_date")
        .annotate(n=Count("pk"))
    ):
        dates[row["practice__coalition_id"]] += [row["live_date"]] * row["n"]

    visits: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        vs.practices_with_visit_state(
            Practice.objects.filter(coalition_id__in=ids), today=today
        )
        .order_by()
        .values("coalition_id", "visit_state")
        .annotate(n=Count("pk"))
    ):
        visits[row["coalition_id"]][row["visit_state"]] = row["n"]

    # training coverage per role per practice (a role is needed where the practice
    # has such staff; a GP always)
    trained = {
        f"trained_{role}": Exists(
            Registration.objects.filter(
                practice=OuterRef("pk"),
                role=role,
                attendance=Registration.Attendance.ATTENDED,
                status=Registration.Status.CONFIRMED,
                session__course__is_required_module=True,
            )
        )
        for role in ts.ROLES
    }
    cover = {}
    for role in ts.ROLES:
        need = Q() if role == "gp" else Q(**{f"staff_{role}__gt": 0})
        cover[f"needed_{role}"] = Count("pk", filter=need)
        cover[f"covered_{role}"] = Count(
            "pk", filter=need & Q(**{f"trained_{role}": True})
        )
    training = {
        row["coalition_id"]: row
        for row in active.annotate(**trained)
        .order_by()
        .values("coalition_id")
        .annotate(**cover)
    }

    # the latest yearly questionnaire of each coalition and its response
    latest: dict[int, dict] = {}
    for q in (
        Questionnaire.objects.filter(coalition_id__in=ids, quarter__isnull=True)
        .exclude(status=Questionnaire.Status.DRAFT)
        .order_by("coalition_id", "-year")
        .values("pk", "coalition_id", "closes")
    ):
        latest.setdefault(q["coalition_id"], q)
    qids = [q["pk"] for q in latest.values()]
    closes = F("coalition__questionnaires__closes")
    at_close = Q(is_active=True, left_on__isnull=True) | Q(left_on__gt=closes)
    active_at_close = {
        row["coalition__questionnaires"]: row["n"]
        for row in Practice.objects.filter(coalition__questionnaires__in=qids)
        .order_by()
        .values("coalition__questionnaires")
        .annotate(n=Count("pk", filter=at_close))
    }
    submitted = dict(
        Response.objects.filter(
            questionnaire_id__in=qids, status=Response.Status.SUBMITTED
        )
        .order_by()
        .values("questionnaire_id")
        .annotate(n=Count("pk"))
        .values_list("questionnaire_id", "n")
    )
    headline = indicator_table(qids, codes=HEADLINE, spread=False)
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
    from practices.models import DeadlineState

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
            if code != "_n"
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
