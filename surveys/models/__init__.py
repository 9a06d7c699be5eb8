"""Questionnaires, their questions, and the practices' responses and answers.

A question's `code` is kept across periods so years can be compared; the indicators in
`surveys.indicators` read answers by code.

`questionnaires` holds the questionnaire, its sections and questions (and how an answer
is read), `responses` a practice's response, its events and answers. Django finds the
models through this module; callers import from `surveys.models`.
"""

from __future__ import annotations

from surveys.models.questionnaires import (
    NO_WORDS,
    TEXT_MAX_LENGTH,
    THOUSANDS_RE,
    YES_WORDS,
    Question,
    Questionnaire,
    QuestionnaireQuerySet,
    Section,
    parse_date,
    parse_yes_no,
)
from surveys.models.responses import (
    Answer,
    Response,
    ResponseEvent,
    ResponseQuerySet,
    answer_value,
    answer_version,
)

__all__ = [
    "Answer",
    "NO_WORDS",
    "Question",
    "Questionnaire",
    "QuestionnaireQuerySet",
    "Response",
    "ResponseEvent",
    "ResponseQuerySet",
    "Section",
    "TEXT_MAX_LENGTH",
    "THOUSANDS_RE",
    "YES_WORDS",
    "answer_value",
    "answer_version",
    "parse_date",
    "parse_yes_no",
]
