"""Helpers to build questionnaires and answers through the services (as users would)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from surveys import services
from surveys.models import Questionnaire, Response


def open_standard(coalition, year: int = 2025, quarter=None) -> Questionnaire:
    today = timezone.localdate()
    q = services.questionnaire_create_standard(
        coalition=coalition,
        year=year,
        quarter=quarter,
        opens=today - dt.timedelta(days=7),
        closes=today + dt.timedelta(days=30),
    )
    return services.questionnaire_set_status(
        questionnaire=q, status=Questionnaire.Status.OPEN
    )


def answer_all(response: Response, answers: dict) -> None:
    questions = {q.code: q for q in response.questionnaire.questions.all()}
    for code, value in answers.items():
        services.answer_save(response=response, question=questions[code], raw=value)


def submitted(questionnaire, practice, answers: dict, by=None) -> Response:
    """A response with these answers, submitted (yes/no questions default to 'ja')."""
    response = services.response_start(questionnaire=questionnaire, practice=practice)
    required_yes = {
        q.code: "ja"
        for q in questionnaire.questions.filter(required=True, kind="yes_no")
    }
    answer_all(response, {**required_yes, **answers})
    return services.response_submit(response=response, by=by)
