"""`build_report`: the whole regional report of one coalition and period."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import Coalition
from surveys.indicators import INDICATORS
from surveys.models import Questionnaire
from surveys.report.aggregate.editions import anonymise
from surveys.report.aggregate.figures import (
    AUDIENCES,
    DIMENSIONS,
    FUNDER,
    LEAD,
    SMALL_N,
    _empty_figures,
    definitions,
    dimension_labels,
    indicator_table,
    questions_looked_up_once,
    trend_rows,
)
from surveys.report.aggregate.sections import (
    _coverage,
    _free_texts,
    _golive,
    _practice_rows,
    _response_rows,
    _visits_and_training,
    period_bounds,
)
from surveys.report.suppression import min_cell

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
    years = yearly_questionnaires(questionnaire.coalition, questionnaire.year)
    ids = sorted({q.pk for q in years} | {questionnaire.pk})
    with questions_looked_up_once(ids):
        return _build_report(questionnaire, audience, years, ids)


def _build_report(
    questionnaire: Questionnaire,
    audience: str,
    years: list[Questionnaire],
    ids: list[int],
) -> dict:
    coalition = questionnaire.coalition
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
    trend = trend_rows(table, years)

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
            from practices import selectors as practice_selectors

            names = practice_selectors.neighbourhood_labels()
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
