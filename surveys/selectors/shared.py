"""What the start pages, other apps and the reports read of the questionnaires."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q

from coalition.numbers import round_half_up
from surveys.models import Answer, Question, Questionnaire, Response

if TYPE_CHECKING:
    from practices.models import Practice


def answers_by_code(response: Response) -> dict[str, object]:
    return {
        a.question.code: a.value
        for a in Answer.objects.filter(response=response).select_related("question")
    }


# --- for the start pages and other apps -------------------------------------------------


def practice_open_responses(practice: Practice) -> list[dict]:
    """The open questionnaires of the practice's coalition, each with its state."""
    questionnaires = list(
        Questionnaire.objects.open().filter(coalition_id=practice.coalition_id)
    )
    responses = {
        r.questionnaire_id: r
        for r in Response.objects.filter(
            practice=practice, questionnaire__in=questionnaires
        ).annotate(n_answers=Count("answers"))
    }
    return [
        {"questionnaire": q, "response": responses.get(q.pk)} for q in questionnaires
    ]


def latest_figures_for_practice(practice: Practice) -> dict | None:
    """The practice's indicators from its latest submitted questionnaire, or None.

    {"period": "2025", "submitted_at": ISO string, "indicators": {code: value},
    "labels": {code: name}} (for a visit's snapshot and the practice page; the names
    travel along so a snapshot reads the same after an indicator is renamed).
    """
    from django.db.models import F

    from surveys import indicators

    response = (
        Response.objects.submitted()
        .filter(practice=practice)
        .select_related("questionnaire")
        .order_by(
            "-questionnaire__year", F("questionnaire__quarter").desc(nulls_first=True)
        )
        .first()
    )
    if response is None:
        return None
    values = indicators.for_practice(answers_by_code(response))
    return {
        "period": response.questionnaire.period,
        "submitted_at": response.submitted_at.isoformat()
        if response.submitted_at
        else None,
        "indicators": {
            code: (float(round_half_up(v, 1)) if v is not None else None)
            for code, v in values.items()
        },
        "labels": {
            code: str(indicators.BY_CODE[code].label)
            for code in values
            if code in indicators.BY_CODE
        },
    }


def previous_questionnaire(questionnaire: Questionnaire) -> Questionnaire | None:
    """The period before: last year's yearly one, or the quarter before."""
    qs = Questionnaire.objects.filter(coalition_id=questionnaire.coalition_id).exclude(
        status=Questionnaire.Status.DRAFT
    )
    if questionnaire.quarter is None:
        return (
            qs.filter(quarter__isnull=True, year__lt=questionnaire.year)
            .order_by("-year")
            .first()
        )
    year, quarter = questionnaire.year, questionnaire.quarter - 1
    if quarter == 0:
        year, quarter = year - 1, 4
    return (
        qs.filter(year=year, quarter=quarter).first()
        or qs.filter(quarter__isnull=True, year=questionnaire.year - 1).first()
    )


def last_list_sizes(questionnaire: Questionnaire, practice_ids: Iterable[int]) -> dict:
    """Each practice's list size as it submitted it for the period before (by practice
    id): what an invitation prefills, so a practice confirms instead of looking it up."""
    previous = previous_questionnaire(questionnaire)
    if previous is None:
        return {}
    return dict(
        Answer.objects.filter(
            response__questionnaire=previous,
            response__status=Response.Status.SUBMITTED,
            response__practice__in=list(practice_ids),
            question__code="list_size",
            number__isnull=False,
        ).values_list("response__practice_id", "number")
    )


def latest_yes_no_answers(practice_id: int, codes: Iterable[str]) -> dict[str, bool]:
    """The yes/no answers (by question code) of the practice's latest submitted
    questionnaire, for the public practice page (how patients log in). One query; a
    question left open is absent."""
    from django.db.models import F

    latest = (
        Response.objects.submitted()
        .filter(practice_id=practice_id)
        .order_by(
            "-questionnaire__year", F("questionnaire__quarter").desc(nulls_first=True)
        )
        .values("pk")[:1]
    )
    return dict(
        Answer.objects.filter(
            response__in=latest,
            question__code__in=list(codes),
            question__kind=Question.Kind.YES_NO,
            boolean__isnull=False,
        ).values_list("question__code", "boolean")
    )


# --- the progress report and the comparison of many coalitions (issue 13) -------------


def yearly_questionnaires_by_coalition(
    coalition_ids: Iterable[int],
) -> dict[int, list[Questionnaire]]:
    """Per coalition: its yearly questionnaires that are not drafts, by year (one
    query); the last is the latest."""
    out: dict[int, list[Questionnaire]] = defaultdict(list)
    for q in (
        Questionnaire.objects.filter(
            coalition_id__in=list(coalition_ids), quarter__isnull=True
        )
        .exclude(status=Questionnaire.Status.DRAFT)
        .order_by("coalition_id", "year")
    ):
        out[q.coalition_id].append(q)
    return out


def latest_yearly_questionnaires(coalition_ids: Iterable[int]) -> dict[int, dict]:
    """Per coalition: pk, coalition_id and closes of its latest yearly questionnaire
    that is not a draft (one query)."""
    latest: dict[int, dict] = {}
    for q in (
        Questionnaire.objects.filter(
            coalition_id__in=list(coalition_ids), quarter__isnull=True
        )
        .exclude(status=Questionnaire.Status.DRAFT)
        .order_by("coalition_id", "-year")
        .values("pk", "coalition_id", "closes")
    ):
        latest.setdefault(q["coalition_id"], q)
    return latest


def submitted_counts(questionnaire_ids: Iterable[int]) -> dict[int, int]:
    """Per questionnaire: its submitted responses (one query)."""
    return dict(
        Response.objects.filter(
            questionnaire_id__in=list(questionnaire_ids),
            status=Response.Status.SUBMITTED,
        )
        .order_by()
        .values("questionnaire_id")
        .annotate(n=Count("pk"))
        .values_list("questionnaire_id", "n")
    )


def response_counts_by_group(
    questionnaire_ids: Iterable[int], groups: tuple[str, ...]
) -> list[dict]:
    """Per questionnaire and group (practice fields): its invited, started and
    submitted responses from practices of its coalition; rows {"questionnaire",
    *groups, "invited", "started", "submitted"} (one query)."""
    return [
        {
            "questionnaire": row.pop("questionnaire_id"),
            **{g: row.pop(f"practice__{g}") for g in groups},
            **row,
        }
        for row in Response.objects.filter(
            questionnaire_id__in=list(questionnaire_ids),
            practice__coalition_id=F("questionnaire__coalition_id"),
        )
        .order_by()
        .values("questionnaire_id", *(f"practice__{g}" for g in groups))
        .annotate(
            invited=Count("pk", filter=Q(invited_at__isnull=False)),
            started=Count("pk", filter=~Q(status=Response.Status.INVITED)),
            submitted=Count("pk", filter=Q(status=Response.Status.SUBMITTED)),
        )
    ]
