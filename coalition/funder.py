"""The funder's progress report: per funded coalition and all of them together.

Reads only through the apps' selectors. Plain data out (numbers, strings, lists), so the
page, the xlsx and the PDF show the same figures. The per-practice eligibility list is
only filled in for the lead's version; the funder's version carries counts and shares.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Sum
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


def progress_report(coalitions, *, today: dt.date, audience_for) -> dict:
    """Every coalition's progress and the totals over them."""
    items = [
        coalition_progress(c, today=today, audience=audience_for(c)) for c in coalitions
    ]
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


def comparison_rows(coalitions, *, today: dt.date) -> tuple[list[dict], dict]:
    """One flat row per coalition and the national total (sums; shares of sums)."""
    rows = []
    for c in coalitions:
        p = coalition_progress(c, today=today, audience=FUNDER, charts_too=False)
        services = {s["service"]: s for s in p["services"]}
        headline = {}
        if p["survey"]:
            for s in p["survey"]["headline"]:
                headline[s["code"]] = s["points"][-1]["value"] if s["points"] else None
        gp = next((t for t in p["training"] if t["role"] == "gp"), None)
        record = services.get(Service.RECORD_ACCESS, {})
        rows.append(
            {
                "coalition": p["coalition"],
                "slug": p["slug"],
                "practices": p["practices"],
                "patients": p["patients"],
                **{
                    f"{key}_pct": services.get(key, {}).get("pct_live")
                    for key in (
                        "record_access",
                        "econsult",
                        "appointments",
                        "repeat_prescriptions",
                    )
                },  # fmt: skip
                "n_live": record.get("n_live", 0),
                "at_risk": sum(s["n_at_risk"] for s in p["services"]),
                "overdue": sum(s["n_overdue"] for s in p["services"]),
                "expected_on": record.get("expected_on") or record.get("reached_on"),
                "visits_ok": p["visits"].get("ok", 0),
                "visits_total": p["visits"]["total"],
                "visits_ok_pct": p["visits"]["pct_ok"],
                "gp_covered": gp["covered"] if gp else 0,
                "gp_needed": gp["needed"] if gp else 0,
                "training_gp_pct": gp["pct"] if gp else None,
                "submitted": p["survey"]["response"]["submitted"] if p["survey"] else 0,
                "active": p["survey"]["response"]["active"] if p["survey"] else 0,
                "response_rate": p["survey"]["response"]["rate"]
                if p["survey"]
                else None,
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
