"""The audiences, the report's constants and the indicator queries: regional values,
medians and quartiles per questionnaire or per breakdown group."""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal
from threading import Lock

from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    FloatField,
    IntegerField,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast, NullIf
from django.utils.translation import gettext as _

from coalition.models import Service
from surveys.indicators import INDICATORS, INPUT_CODES, Indicator
from surveys.models import Question, Response
from surveys.report.percentile import PercentileCont

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


_QUESTIONS: ContextVar[dict[int, dict[str, list[int]]] | None] = ContextVar(
    "report_input_questions", default=None
)


@contextmanager
def questions_looked_up_once(questionnaire_ids: list[int]) -> Iterator[None]:
    """Within the block, the input questions of these questionnaires come from one
    query: a report's table and each of its breakdowns join the same questions (one
    query for them instead of seven, issue 15's budget of 25 per page)."""
    memo: dict[int, dict[str, list[int]]] = {
        q: defaultdict(list) for q in questionnaire_ids
    }
    for questionnaire_id, code, pk in Question.objects.filter(
        questionnaire_id__in=questionnaire_ids, code__in=INPUT_CODES
    ).values_list("questionnaire_id", "code", "pk"):
        memo[questionnaire_id][code].append(pk)
    token = _QUESTIONS.set(memo)
    try:
        yield
    finally:
        _QUESTIONS.reset(token)


def _input_questions(questionnaire_ids: list[int]) -> dict[str, list[int]]:
    """Per input code, the ids of its questions in these questionnaires."""
    ids: dict[str, list[int]] = defaultdict(list)
    memo = _QUESTIONS.get()
    if memo is not None and all(q in memo for q in questionnaire_ids):
        for q in questionnaire_ids:
            for code, pks in memo[q].items():
                ids[code].extend(pks)
        return ids
    for code, pk in Question.objects.filter(
        questionnaire_id__in=questionnaire_ids, code__in=INPUT_CODES
    ).values_list("code", "pk"):
        ids[code].append(pk)
    return ids


def _responses(
    questionnaire_ids: list[int],
    ids: dict[str, list[int]] | None = None,
    inds: list[Indicator] | None = None,
) -> QuerySet[Response]:
    """Submitted responses with each indicator's per-practice value as an expression
    `v_<code>` (NULL where an input is missing or the denominator is 0: a missing
    value, never 0), for every indicator or those in `inds`. Every input code is
    declared as a filtered relation (by the questions' ids: one query for those,
    unless given); only the inputs an expression names are joined."""
    if ids is None:
        ids = _input_questions(questionnaire_ids)
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
    # Only the indicators asked for: an input's join is made when an expression
    # names it, so fewer indicators join fewer answers.
    for ind in INDICATORS if inds is None else inds:
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


def _complete(ind: Indicator) -> Q:
    """A response that answered every input of the indicator: it counts in n and in
    the sums (a zero denominator adds nothing, and gives no per-practice value)."""
    return Q(**{f"in_{code}__number__isnull": False for code in ind.inputs})


def _aggregates(inds: list[Indicator], *, spread: bool, with_n: bool = True) -> dict:
    aggs: dict = {"_n": Count("pk", filter=_any_input())} if with_n else {}
    for ind in inds:
        v = f"v_{ind.code}"
        complete = _complete(ind)
        aggs[f"{ind.code}__n"] = Count("pk", filter=complete)
        aggs[f"{ind.code}__num"] = Sum(
            Case(When(complete, then=_exact(ind, "num")), output_field=_NUM)
        )
        if ind.denominator:
            aggs[f"{ind.code}__den"] = Sum(
                Case(When(complete, then=_exact(ind, "den")), output_field=_NUM)
            )
        if spread:
            for key, fraction in SPREAD.items():
                aggs[f"{ind.code}__{key}"] = PercentileCont(F(v), fraction)
            aggs[f"{ind.code}__min"] = Min(v)
            aggs[f"{ind.code}__max"] = Max(v)
    return aggs


def _figures(row: dict, inds: list[Indicator], *, spread: bool) -> dict:
    figures: dict = {"_n": row["_n"]} if "_n" in row else {}
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
    return figures


def indicator_table(
    questionnaire_ids: list[int],
    *,
    group: str | None = None,
    codes: tuple[str, ...] | None = None,
    spread: bool = True,
    with_n: bool = True,
) -> dict:
    """Per questionnaire (and group): the regional value, n and spread of every
    indicator, or of those in `codes`.

    One grouped query. n counts the responses that answered every input of the
    indicator; the regional value is the ratio of their exact (decimal) sums; the
    median and quartiles are `percentile_cont` over the per-practice values (double
    precision), min and max likewise. {qid or (qid, group): {code: figures}}; each
    also carries "_n", the responses with at least one input, unless `with_n` is
    False: that count joins every input whatever `codes` asks for, and its filter
    alone took a quarter of the comparison's headline query.
    """
    inds = [i for i in INDICATORS if codes is None or i.code in codes]
    keys = ["questionnaire_id", *([group] if group else [])]
    out: dict = {}
    rows = (
        _responses(questionnaire_ids, inds=inds)
        .order_by()
        .values(*keys)
        .annotate(**_aggregates(inds, spread=spread, with_n=with_n))
        .order_by(*keys)
    )
    for row in rows:
        key = (
            (row["questionnaire_id"], row[group]) if group else row["questionnaire_id"]
        )
        out[key] = _figures(row, inds, spread=spread)
    return out


def pooled_indicators(responses: QuerySet[Response]) -> dict:
    """Every indicator over these submitted responses taken together (one
    questionnaire's, or a national year's of every coalition): one aggregate query,
    the same figures as `indicator_table`. {code: figures}."""
    questionnaire_ids = sorted(
        set(responses.order_by().values_list("questionnaire_id", flat=True))
    )
    if not questionnaire_ids:
        return {"_n": 0, **{ind.code: _empty_figures() for ind in INDICATORS}}
    row = next(iter(_pooled_query(responses, questionnaire_ids).all()))
    return _figures(row, INDICATORS, spread=True)


_POOLED: OrderedDict[tuple, QuerySet] = OrderedDict()
_POOLED_LOCK = Lock()
POOLED_KEPT = 32


def _pooled_query(responses: QuerySet[Response], questionnaire_ids: list[int]):
    """The pooled aggregate as a one-row queryset (no GROUP BY), built once per shape.

    Building it (nine filtered joins, 70 aggregates over them) took two thirds of a
    national year's indicators in Python: 20 of 30 ms at 10% of the country (issue
    15). The built queryset depends only on the questionnaires, their input
    questions and the SQL of the responses asked for, so it is kept per process under
    exactly those (the 32 latest) and cloned for each use: the figures are always
    read fresh from the database; only the expression tree is reused."""
    ids = _input_questions(questionnaire_ids)
    selected = responses.order_by().values("pk")
    sql, params = selected.query.sql_with_params()
    key = (
        selected.db,
        tuple(questionnaire_ids),
        tuple(sorted((code, tuple(pks)) for code, pks in ids.items())),
        sql,
        tuple(params),
    )
    with _POOLED_LOCK:
        query = _POOLED.get(key)
        if query is not None:
            _POOLED.move_to_end(key)
            return query
    query = (
        _responses(questionnaire_ids, ids)
        .filter(pk__in=selected)
        .order_by()
        .annotate(_all=Value(1, output_field=IntegerField()))
        .values("_all")
        .annotate(**_aggregates(INDICATORS, spread=True))
    )
    with _POOLED_LOCK:
        _POOLED[key] = query
        while len(_POOLED) > POOLED_KEPT:
            _POOLED.popitem(last=False)
    return query


def _empty_figures(spread: bool = True) -> dict:
    keys = ("value", *SPREAD, "min", "max") if spread else ("value",)
    return {"n": 0, **dict.fromkeys(keys)}


def trend_rows(
    table: dict, questionnaires: list, *, codes: tuple[str, ...] | None = None
) -> list[dict]:
    """Year on year per indicator (all, or those in `codes`): one point per yearly
    questionnaire from an `indicator_table`, with the change against the year before."""
    empty = _empty_figures()
    trend = []
    for ind in INDICATORS:
        if codes is not None and ind.code not in codes:
            continue
        points = [
            {"year": str(q.year), **table.get(q.pk, {}).get(ind.code, empty)}
            for q in questionnaires
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
    return trend
