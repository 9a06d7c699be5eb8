"""The report's other sections, one grouped query each: response, coverage, free
texts, and what other apps contribute (go-live, visits and training) through their
selectors."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import Coalition
from surveys.indicators import INDICATORS
from surveys.models import Answer, Question, Questionnaire, Response
from surveys.report.aggregate.figures import (
    DIMENSIONS,
    GOLIVE_GAP,
    PORTAL_CODE,
    SERVICE_QUESTIONS,
    TEXT_CODES,
    _any_input,
    _pct,
    _responses,
)


def _active_q(closes: dt.date, prefix: str = "") -> Q:
    """A practice active at the questionnaire's close (or that left after it)."""
    return Q(**{f"{prefix}is_active": True, f"{prefix}left_on__isnull": True}) | Q(
        **{f"{prefix}left_on__gt": closes}
    )


def _response_rows(questionnaire: Questionnaire, group: str | None) -> list[dict]:
    from practices import selectors as practice_selectors

    r = "survey_responses__"
    mine = Q(**{f"{r}questionnaire": questionnaire})
    active = _active_q(questionnaire.closes)
    qs = practice_selectors.coalition_practices(questionnaire.coalition_id).filter(
        active | mine
    )
    counts = {
        "active": Count("pk", filter=active, distinct=True),
        "invited": Count(
            "survey_responses", filter=mine & Q(**{f"{r}invited_at__isnull": False})
        ),
        "started": Count(
            "survey_responses",
            filter=mine & ~Q(**{f"{r}status": Response.Status.INVITED}),
        ),
        "submitted": Count(
            "survey_responses",
            filter=mine & Q(**{f"{r}status": Response.Status.SUBMITTED}),
        ),
    }
    if group is None:
        rows = [{"group": _("Totaal"), **qs.order_by().aggregate(**counts)}]
    else:
        rows = [
            {"group": row[group] or _("geen portaal bekend"), **row}
            for row in qs.order_by().values(group).annotate(**counts).order_by(group)
        ]
    for row in rows:
        row.pop(group, None)
        row["rate"] = _pct(row["submitted"], row["active"])
    return rows


def _coverage(questionnaire: Questionnaire) -> list[dict]:
    """Per yes/no question: yes of those that answered, and of those with a portal."""
    # The responses that say the practice has a portal: one uncorrelated subquery that
    # the database hashes once, rather than an EXISTS per answer.
    portal = Q(
        response_id__in=Answer.objects.filter(
            response__questionnaire=questionnaire,
            question__code=PORTAL_CODE,
            boolean=True,
        ).values("response_id")
    )
    rows = (
        Answer.objects.filter(
            response__questionnaire=questionnaire,
            response__status=Response.Status.SUBMITTED,
            question__kind=Question.Kind.YES_NO,
            boolean__isnull=False,
        )
        .order_by()
        .values("question__code")
        .annotate(
            n_yes=Count("pk", filter=Q(boolean=True)),
            n_answered=Count("pk"),
            n_yes_portal=Count("pk", filter=Q(boolean=True) & portal),
            n_answered_portal=Count("pk", filter=portal),
        )
    )
    counts = {r["question__code"]: r for r in rows}
    out = []
    for code, text in (
        questionnaire.questions.filter(kind=Question.Kind.YES_NO)
        .exclude(code=PORTAL_CODE)
        .order_by("section__order", "order", "pk")
        .values_list("code", "text")
    ):
        c = counts.get(code, {})
        n_yes, n_answered = c.get("n_yes", 0), c.get("n_answered", 0)
        n_yes_p, n_answered_p = c.get("n_yes_portal", 0), c.get("n_answered_portal", 0)
        pct, pct_p = _pct(n_yes, n_answered), _pct(n_yes_p, n_answered_p)
        out.append(
            {
                "code": code,
                "label": text,
                "n_yes": n_yes,
                "n_answered": n_answered,
                "pct": pct,
                "n_yes_portal": n_yes_p,
                "n_answered_portal": n_answered_p,
                "pct_portal": pct_p,
                "differs": n_answered != n_answered_p,
            }
        )
    portal = counts.get(PORTAL_CODE, {})
    return out, {
        "n_yes": portal.get("n_yes", 0),
        "n_answered": portal.get("n_answered", 0),
        "pct": _pct(portal.get("n_yes", 0), portal.get("n_answered", 0)),
    }


def _free_texts(questionnaire: Questionnaire) -> list[dict]:
    rows = (
        Answer.objects.filter(
            response__questionnaire=questionnaire,
            response__status=Response.Status.SUBMITTED,
            question__code__in=TEXT_CODES,
        )
        .exclude(text="")
        .order_by("response__practice__member_organisation__name", "question__order")
        .values(
            "response__practice__member_organisation__name",
            "question__text",
            "text",
        )
    )
    groups: dict[str, dict] = {}
    for row in rows:
        name = row["response__practice__member_organisation__name"]
        g = groups.setdefault(name, {"group": name, "count": 0, "answers": []})
        g["count"] += 1
        g["answers"].append({"question": row["question__text"], "text": row["text"]})
    return list(groups.values())


# --- other apps, through their selectors ----------------------------------------------


def _golive(coalition: Coalition, questionnaire: Questionnaire, coverage: list[dict]):
    from practices import selectors as practice_selectors

    today = min(timezone.localdate(), questionnaire.closes)
    # Every service in one grouped query (and one for the deadlines), not one each.
    summaries = practice_selectors.service_summaries_by_coalition(
        practice_selectors.coalition_practices(coalition, active_only=True),
        coalition_ids=[coalition.pk],
        deadlines=practice_selectors.deadlines_by_coalition([coalition.pk]),
        today=today,
    ).get(coalition.pk, [])
    offered = {c["code"]: c for c in coverage}
    out = []
    for s in summaries:
        code = SERVICE_QUESTIONS.get(s.service)
        c = offered.get(code) if code else None
        q_pct = c["pct"] if c else None
        gap = (
            abs(s.pct_live - q_pct)
            if s.pct_live is not None and q_pct is not None
            else None
        )
        out.append(
            {
                "service": s.service,
                "label": s.label,
                "n_active": s.n_active,
                "n_live": s.n_live,
                "pct_live": s.pct_live,
                "n_offered": c["n_yes"] if c else None,
                "n_answered": c["n_answered"] if c else None,
                "pct_offered": q_pct,
                "gap": gap,
                "flag": gap is not None and gap > GOLIVE_GAP,
            }
        )
    return out


def period_bounds(questionnaire: Questionnaire) -> tuple[dt.date, dt.date]:
    if questionnaire.quarter:
        start = dt.date(questionnaire.year, 3 * questionnaire.quarter - 2, 1)
        end_month = 3 * questionnaire.quarter
        end = (
            dt.date(questionnaire.year + 1, 1, 1)
            if end_month == 12
            else dt.date(questionnaire.year, end_month + 1, 1)
        ) - dt.timedelta(days=1)
        return start, end
    return dt.date(questionnaire.year, 1, 1), dt.date(questionnaire.year, 12, 31)


def _visits_and_training(coalition: Coalition, questionnaire: Questionnaire) -> dict:
    from practices import selectors as practice_selectors
    from practices.visits import selectors as visit_selectors
    from training import selectors as training_selectors

    start, end = period_bounds(questionnaire)
    practices = practice_selectors.coalition_practices(coalition)
    return {
        "visits": visit_selectors.report_visits(practices, start=start, end=end),
        "training": training_selectors.coverage_by_role(
            practices.filter(is_active=True)
        ),
    }


def _practice_rows(questionnaire: Questionnaire) -> list[dict]:
    """The lead's per-practice values (one query; the values computed in the database)."""
    rows = (
        _responses([questionnaire.pk])
        .filter(_any_input())
        .order_by("practice__name")
        .values(
            "practice__name",
            "practice__agb_code",
            DIMENSIONS["member"],
            *(f"v_{ind.code}" for ind in INDICATORS),
        )
    )
    return [
        {
            "name": r["practice__name"],
            "agb_code": r["practice__agb_code"],
            "member": r[DIMENSIONS["member"]],
            "values": {ind.code: r[f"v_{ind.code}"] for ind in INDICATORS},
        }
        for r in rows
    ]
