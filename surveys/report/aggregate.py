"""The regional report of one coalition and period, computed in a fixed number of queries.

`build_report` returns plain data (numbers, strings, lists, dicts; JSON-serialisable) so
the page, the exports and a frozen edition all show the same figures. Counting and
grouping happen in the database: one grouped query per table. The indicator inputs are
joined to each submitted response in the database and aggregated there, grouped by
questionnaire (every yearly questionnaire of the coalition in one query) or by a
breakdown's group: regional values as ratios of exact decimal sums, medians and
quartiles with `percentile_cont` (PostgreSQL's own; on SQLite the same interpolation
registered as an aggregate, `surveys.report.percentile`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, NullIf
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import Coalition, Service
from surveys.indicators import INDICATORS, INPUT_CODES, Indicator
from surveys.models import Answer, Question, Questionnaire, Response
from surveys.report.percentile import PercentileCont
from surveys.report.suppression import (
    min_cell,
    small_label,
    suppressed_cells,
    total_suppressed,
)

LEAD = "lead"
FUNDER = "funder"
AUDIENCES = (LEAD, FUNDER)
SMALL_N = 10
"""Figures over fewer practices than this carry the 'kleine aantallen' marker."""
GOLIVE_GAP = 10
"""Points of difference between tracker and questionnaire that the report flags."""

PORTAL_CODE = "has_portal"
SERVICE_QUESTIONS = {
    Service.RECORD_ACCESS: "offers_record_access",
    Service.ECONSULT: "offers_econsult",
    Service.APPOINTMENTS: "offers_online_appointments",
    Service.REPEAT_PRESCRIPTIONS: "offers_repeat_prescriptions",
    Service.LAB_RESULTS: "offers_lab_results",
    Service.HOME_MEASUREMENTS: "offers_home_measurements",
}
TEXT_CODES = ("barriers", "support_needs")


def definitions() -> dict[str, str]:
    """Each indicator in plain Dutch: what is counted over whom."""
    all_patients = _(
        "aandeel van alle patiënten van de praktijken die deze vragen beantwoordden"
    )
    per_year = _("×4: het vierde kwartaal omgerekend naar een jaar")
    return {
        "registered_pct": _("Patiënten met een account op het portaal, als %(what)s.")
        % {"what": all_patients},
        "online_appointments_pct": _(
            "Afspraken bij de huisarts in het vierde kwartaal die patiënten zelf online "
            "maakten, als aandeel van alle afspraken van de praktijken die beide "
            "vragen beantwoordden."
        ),
        "econsults_per_1000_year": _(
            "Ontvangen e-consulten per 1.000 ingeschreven patiënten per jaar (%(f)s)."
        )
        % {"f": per_year},
        "repeat_prescriptions_per_1000_year": _(
            "Online aangevraagde herhaalrecepten per 1.000 ingeschreven patiënten per "
            "jaar (%(f)s)."
        )
        % {"f": per_year},
        "calls_per_week": _(
            "Het totaal van de telefoontjes die per week binnenkomen bij de praktijken "
            "die de vraag beantwoordden."
        ),
        "calls_per_1000_week": _(
            "Binnenkomende telefoontjes per week per 1.000 ingeschreven patiënten."
        ),
        "calls_answered_2min_pct": _(
            "Deel van alle telefoontjes dat binnen 2 minuten wordt opgenomen; drukke "
            "praktijken tellen zwaarder mee. De norm van de inspectie is 80%."
        ),
        "call_wait_seconds": _(
            "Gemiddelde wachttijd van een beller in seconden; drukke praktijken tellen "
            "zwaarder mee."
        ),
    }


# --- small helpers --------------------------------------------------------------------


def _f(value: Decimal | float | None) -> float | None:
    return None if value is None else float(value)


def _pct(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None


SPREAD = {"p25": 0.25, "median": 0.5, "p75": 0.75}
_NUM = DecimalField(max_digits=28, decimal_places=8)


# --- the queries ----------------------------------------------------------------------

DIMENSIONS = {
    "member": "practice__member_organisation__name",
    "cohort": "practice__cohort",
    "neighbourhood": "practice__neighbourhood",
    "vendor": "practice__portal_vendor__name",
}


def dimension_labels() -> dict[str, str]:
    return {
        "member": _("Lidorganisatie"),
        "cohort": _("Cohort"),
        "neighbourhood": _("Wijkprofiel"),
        "vendor": _("Portaalleverancier"),
    }


def _responses(questionnaire_ids: list[int]) -> QuerySet[Response]:
    """Submitted responses with every indicator input joined in (one filtered join per
    input code, by the questions' ids: one query for those) and each indicator's
    per-practice value as an expression `v_<code>` (NULL where an input is missing or
    the denominator is 0: a missing value, never 0)."""
    ids: dict[str, list[int]] = defaultdict(list)
    for code, pk in Question.objects.filter(
        questionnaire_id__in=questionnaire_ids, code__in=INPUT_CODES
    ).values_list("code", "pk"):
        ids[code].append(pk)
    qs = Response.objects.filter(
        questionnaire_id__in=questionnaire_ids, status=Response.Status.SUBMITTED
    )
    qs = qs.annotate(
        **{
            f"in_{code}": FilteredRelation(
                "answers", condition=Q(answers__question_id__in=ids.get(code) or [0])
            )
            for code in INPUT_CODES
        }
    )
    values = {}
    for ind in INDICATORS:
        term = None
        for code in ind.numerator:
            f = Cast(F(f"in_{code}__number"), FloatField())
            term = f if term is None else term * f
        if ind.denominator:
            den = Cast(F(f"in_{ind.denominator}__number"), FloatField())
            term = term / NullIf(den, Value(0.0))
        values[f"v_{ind.code}"] = ExpressionWrapper(
            term * Value(float(ind.factor)), output_field=FloatField()
        )
    return qs.annotate(**values)


def _any_input() -> Q:
    q = Q()
    for code in INPUT_CODES:
        q |= Q(**{f"in_{code}__number__isnull": False})
    return q


def _exact(ind: Indicator, part: str):
    """The exact (decimal) numerator or denominator of one response."""
    if part == "den":
        return F(f"in_{ind.denominator}__number")
    term = None
    for code in ind.numerator:
        f = F(f"in_{code}__number")
        term = f if term is None else term * f
    return term


def indicator_table(
    questionnaire_ids: list[int],
    *,
    group: str | None = None,
    codes: tuple[str, ...] | None = None,
    spread: bool = True,
) -> dict:
    """Per questionnaire (and group): every indicator's regional value, n and spread.

    One grouped query. The regional value is the ratio of the exact (decimal) sums; the
    median and quartiles are `percentile_cont` over the per-practice values (double
    precision), min and max likewise. {qid or (qid, group): {code: figures}}; groups
    also carry "_n", the responses with at least one input.
    """
    inds = [i for i in INDICATORS if codes is None or i.code in codes]
    aggs: dict = {"_n": Count("pk", filter=_any_input())}
    for ind in inds:
        v = f"v_{ind.code}"
        present = Q(**{f"{v}__isnull": False})
        aggs[f"{ind.code}__n"] = Count(v)
        aggs[f"{ind.code}__num"] = Sum(
            Case(When(present, then=_exact(ind, "num")), output_field=_NUM)
        )
        if ind.denominator:
            aggs[f"{ind.code}__den"] = Sum(
                Case(When(present, then=_exact(ind, "den")), output_field=_NUM)
            )
        if spread:
            for key, fraction in SPREAD.items():
                aggs[f"{ind.code}__{key}"] = PercentileCont(F(v), fraction)
            aggs[f"{ind.code}__min"] = Min(v)
            aggs[f"{ind.code}__max"] = Max(v)
    keys = ["questionnaire_id", *([group] if group else [])]
    out: dict = {}
    rows = (
        _responses(questionnaire_ids)
        .order_by()
        .values(*keys)
        .annotate(**aggs)
        .order_by(*keys)
    )
    for row in rows:
        figures: dict = {"_n": row["_n"]}
        for ind in inds:
            n = row[f"{ind.code}__n"]
            value = None
            if n:
                num = Decimal(row[f"{ind.code}__num"])
                if ind.denominator:
                    den = Decimal(row[f"{ind.code}__den"])
                    value = ind.factor * num / den if den else None
                else:
                    value = ind.factor * num
            fig = {"value": _f(value), "n": n}
            if spread:
                for key in (*SPREAD, "min", "max"):
                    fig[key] = _f(row[f"{ind.code}__{key}"]) if n else None
            figures[ind.code] = fig
        key = (
            (row["questionnaire_id"], row[group]) if group else row["questionnaire_id"]
        )
        out[key] = figures
    return out


def _empty_figures(spread: bool = True) -> dict:
    keys = ("value", *SPREAD, "min", "max") if spread else ("value",)
    return {"n": 0, **dict.fromkeys(keys)}


def _active_q(closes: dt.date, prefix: str = "") -> Q:
    """A practice active at the questionnaire's close (or that left after it)."""
    return Q(**{f"{prefix}is_active": True, f"{prefix}left_on__isnull": True}) | Q(
        **{f"{prefix}left_on__gt": closes}
    )


def _response_rows(questionnaire: Questionnaire, group: str | None) -> list[dict]:
    from practices.models import Practice

    r = "survey_responses__"
    mine = Q(**{f"{r}questionnaire": questionnaire})
    active = _active_q(questionnaire.closes)
    qs = Practice.objects.filter(coalition_id=questionnaire.coalition_id).filter(
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
    from practices.models import Practice

    today = min(timezone.localdate(), questionnaire.closes)
    summaries = practice_selectors.service_summaries(
        Practice.objects.filter(coalition=coalition, is_active=True),
        coalition=coalition,
        today=today,
    )
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
    from practices.models import Practice
    from practices.visits import selectors as visit_selectors
    from training import selectors as training_selectors

    start, end = period_bounds(questionnaire)
    practices = Practice.objects.filter(coalition=coalition)
    return {
        "visits": visit_selectors.report_visits(practices, start=start, end=end),
        "training": training_selectors.coverage_by_role(
            practices.filter(is_active=True)
        ),
    }


# --- the report -----------------------------------------------------------------------


def yearly_questionnaires(coalition: Coalition, up_to: int) -> list[Questionnaire]:
    return list(
        Questionnaire.objects.filter(
            coalition=coalition, quarter__isnull=True, year__lte=up_to
        )
        .exclude(status=Questionnaire.Status.DRAFT)
        .order_by("year")
    )


def build_report(questionnaire: Questionnaire, *, audience: str = LEAD) -> dict:
    """Every figure of the regional report; suppressed for anything but `LEAD`."""
    if audience not in AUDIENCES:
        raise ValueError(audience)
    coalition = questionnaire.coalition
    years = yearly_questionnaires(coalition, questionnaire.year)
    ids = sorted({q.pk for q in years} | {questionnaire.pk})
    table = indicator_table(ids)
    empty = _empty_figures()
    current_figures = table.get(questionnaire.pk, {})
    defs = definitions()

    indicators = []
    for ind in INDICATORS:
        figures = current_figures.get(ind.code, empty)
        indicators.append(
            {
                "code": ind.code,
                "label": str(ind.label),
                "unit": str(ind.unit),
                "decimals": ind.decimals,
                "definition": defs.get(ind.code, ""),
                "formula": ind.formula,
                **figures,
            }
        )

    year_labels = [str(q.year) for q in years]
    trend = []
    for ind in INDICATORS:
        points = [
            {"year": str(q.year), **table.get(q.pk, {}).get(ind.code, empty)}
            for q in years
        ]
        for prev, point in zip([None, *points], points, strict=False):
            point["change"] = (
                point["value"] - prev["value"]
                if prev and prev["value"] is not None and point["value"] is not None
                else None
            )
        trend.append(
            {
                "code": ind.code,
                "label": str(ind.label),
                "unit": str(ind.unit),
                "decimals": ind.decimals,
                "points": points,
            }
        )

    labels = dimension_labels()
    breakdowns = []
    for dim, field in DIMENSIONS.items():
        groups = {
            key[1] or "": figures
            for key, figures in indicator_table(
                [questionnaire.pk], group=field, spread=False
            ).items()
            if figures["_n"]
        }
        if dim == "neighbourhood":
            from practices.models import Practice

            names = dict(Practice.Neighbourhood.choices)
            display = {k: str(names.get(k, k)) for k in groups}
        else:
            display = {k: k or str(_("onbekend")) for k in groups}
        out_groups = []
        for key in sorted(groups, key=lambda k: display[k]):
            figures = groups[key]
            out_groups.append(
                {
                    "group": display[key],
                    "n": figures["_n"],
                    "values": {
                        ind.code: {
                            "value": figures[ind.code]["value"],
                            "n": figures[ind.code]["n"],
                        }
                        for ind in INDICATORS
                    },
                }
            )
        breakdowns.append(
            {"dimension": dim, "label": labels[dim], "groups": out_groups}
        )

    coverage, portal = _coverage(questionnaire)
    response = {
        "total": _response_rows(questionnaire, None)[0],
        "by_member": _response_rows(questionnaire, "member_organisation__name"),
        "by_vendor": _response_rows(questionnaire, "portal_vendor__name"),
    }
    other = _visits_and_training(coalition, questionnaire)
    start, end = period_bounds(questionnaire)
    report = {
        "meta": {
            "coalition": coalition.name,
            "slug": coalition.slug,
            "questionnaire_id": questionnaire.pk,
            "title": questionnaire.title,
            "period": questionnaire.period,
            "year": questionnaire.year,
            "quarter": questionnaire.quarter,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "closes": questionnaire.closes.isoformat(),
            "audience": audience,
            "generated": timezone.localdate().isoformat(),
            "min_cell": min_cell(),
            "small_n": SMALL_N,
        },
        "response": response,
        "indicators": indicators,
        "years": year_labels,
        "trend": trend,
        "coverage": coverage,
        "portal": portal,
        "breakdowns": breakdowns,
        "golive": _golive(coalition, questionnaire, coverage),
        **other,
        "free_text": _free_texts(questionnaire) if audience == LEAD else [],
        "practices": _practice_rows(questionnaire) if audience == LEAD else [],
    }
    if audience == FUNDER:
        anonymise(report)
    return report


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


# --- anonymising ----------------------------------------------------------------------

HIDDEN = None


def _hide_counts(rows: list[dict], keys: tuple[str, ...], limit: int) -> None:
    """Per column: cells under the limit (and their complement) become '<limit'."""
    label = small_label(limit)
    for key in keys:
        hidden = suppressed_cells([r[key] for r in rows], limit=limit)
        for i in hidden:
            rows[i][key] = label
            rows[i].setdefault("hidden", []).append(key)


def anonymise(report: dict) -> dict:
    """What may leave the coalition: no practice rows or free text, small cells hidden."""
    limit = report["meta"]["min_cell"]
    label = small_label(limit)
    report["free_text"] = []
    report["practices"] = []
    total = report["response"]["total"]
    count_keys = ("active", "invited", "started", "submitted")
    for key in ("by_member", "by_vendor"):
        rows = report["response"][key]
        for k in count_keys:
            # one group, or groups adding up to a small total: the total gives the
            # hidden cell away, so it is hidden as well
            if k not in total.get("hidden", []) and total_suppressed(
                [r[k] for r in rows], limit=limit
            ):
                total[k] = label
                total.setdefault("hidden", []).append(k)
        _hide_counts(rows, count_keys, limit)
        for row in rows:
            if {"active", "submitted"} & set(row.get("hidden", [])):
                row["rate"] = HIDDEN
    if {"active", "submitted"} & set(total.get("hidden", [])):
        total["rate"] = HIDDEN
    for ind in report["indicators"]:
        if ind["n"] < limit:
            ind["suppressed"] = True
            for k in ("value", "median", "p25", "p75", "min", "max"):
                ind[k] = HIDDEN
    for series in report["trend"]:
        for point in series["points"]:
            if point["n"] < limit:
                for k in ("value", "change", "median", "p25", "p75", "min", "max"):
                    point[k] = HIDDEN
                point["suppressed"] = True
        for prev, point in zip(
            [None, *series["points"]], series["points"], strict=False
        ):
            if prev and prev.get("suppressed"):
                point["change"] = HIDDEN
    for b in report["breakdowns"]:
        groups = b["groups"]
        hidden = suppressed_cells([g["n"] for g in groups], limit=limit)
        codes = list(groups[0]["values"]) if groups else []
        for code in codes:
            by_code = suppressed_cells(
                [g["values"][code]["n"] for g in groups], limit=limit, force=hidden
            )
            for i in by_code:
                groups[i]["values"][code] = {
                    "value": HIDDEN,
                    "n": label,
                    "suppressed": True,
                }
        for i in hidden:
            groups[i]["n"] = label
            groups[i]["suppressed"] = True
    for c in report["coverage"]:
        for yes, answered, pct in (
            ("n_yes", "n_answered", "pct"),
            ("n_yes_portal", "n_answered_portal", "pct_portal"),
        ):
            if c[answered] < limit or c[yes] < limit:
                c[yes] = label
                c[pct] = HIDDEN
                c.setdefault("hidden", []).append(pct)
    return report


# --- frozen editions ------------------------------------------------------------------


def edition_report(edition, *, audience: str) -> dict:
    """The figures of a frozen edition as stored, for this audience."""
    import copy

    report = copy.deepcopy(edition.data)
    report["meta"]["audience"] = audience
    report["edition"] = {
        "id": edition.pk,
        "title": edition.title,
        "frozen_at": timezone.localtime(edition.frozen_at).date().isoformat(),
        "frozen_by": edition.frozen_by_name,
    }
    if audience == FUNDER:
        anonymise(report)
    return report


def with_changes(report: dict, edition, *, audience: str) -> dict:
    """Beside the live report: every indicator whose shown value differs from the last
    edition's (compared as shown, after rounding)."""
    from coalition.numbers import format_number

    before = edition_report(edition, audience=audience)
    old = {i["code"]: i for i in before["indicators"]}
    items = []
    for ind in report["indicators"]:
        was = old.get(ind["code"])
        if was is None:
            continue
        now_text = format_number(ind["value"], ind["decimals"])
        was_text = format_number(was["value"], ind["decimals"])
        if now_text != was_text or was["n"] != ind["n"]:
            items.append(
                {
                    "code": ind["code"],
                    "label": ind["label"],
                    "was": was["value"],
                    "was_n": was["n"],
                    "now": ind["value"],
                    "now_n": ind["n"],
                    "decimals": ind["decimals"],
                }
            )
    was_total = before["response"]["total"]["submitted"]
    report["changes_since"] = {
        **before["edition"],
        "items": items,
        "submitted_was": was_total,
    }
    return report
