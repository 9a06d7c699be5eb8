"""Answering: saving answers (with conflict detection), submitting and reopening a
response, importing responses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys.models import (
    Answer,
    Question,
    Response,
    ResponseEvent,
    answer_value,
    answer_version,
)

if TYPE_CHECKING:
    from coalition.models import User


def _check_editable(response: Response, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    if response.status == Response.Status.SUBMITTED:
        raise ValidationError(
            _("Deze vragenlijst is al ingestuurd; wijzigen kan niet meer.")
        )
    if not response.questionnaire.accepts_answers_on(today):
        raise ValidationError(
            _("Deze vragenlijst is gesloten; wijzigen kan niet meer.")
        )


class AnswerConflict(ValidationError):
    """Someone else saved this answer after the page that sends this save was loaded."""

    def __init__(self, *, question: Question, answer: Answer | None):
        self.question = question
        self.current = answer_value(question.kind, answer) if answer else None
        self.version = answer_version(answer)
        super().__init__(
            _(
                "Iemand anders heeft dit antwoord intussen gewijzigd. "
                "Kies welk antwoord blijft."
            ),
            code="conflict",
        )


def _store(
    response: Response,
    question: Question,
    value,
    *,
    base: str | None = None,
    current: Answer | None | bool = False,
) -> Answer | None:
    """Write one answer. With `base` (the version the person started from), a stored
    answer changed since then is not overwritten: AnswerConflict, unless the value
    is the same anyway."""
    answer = (
        Answer.objects.filter(response=response, question=question).first()
        if current is False
        else current
    )
    if base is not None and base != answer_version(answer):
        stored = answer_value(question.kind, answer) if answer else None
        if stored != value:
            raise AnswerConflict(question=question, answer=answer)
    if value is None:
        if answer is not None:
            answer.delete()
        return None
    answer = answer or Answer(response=response, question=question)
    answer.set_value(question.kind, value)
    answer.full_clean(exclude=["response", "question"], validate_unique=False)
    answer.save()
    return answer


def _mark_started(response: Response) -> None:
    if response.status == Response.Status.INVITED:
        response.status = Response.Status.DRAFT
        response.started_at = timezone.now()
        response.save(update_fields=["status", "started_at", "updated"])
    else:
        response.save(update_fields=["updated"])


@transaction.atomic
def answer_save(
    *,
    response: Response,
    question: Question,
    raw: object,
    today: dt.date | None = None,
    base: str | None = None,
) -> Answer | None:
    """Save one answer as typed. An invalid value raises and leaves the stored one.

    `base` is the version of the answer the person's page had (`answer_version`); when
    someone else saved in between, AnswerConflict is raised and nothing is written.
    The response row is locked, so two saves of one response never interleave.
    """
    response = (
        Response.objects.select_for_update()
        .select_related("questionnaire")
        .get(pk=response.pk)
    )
    _check_editable(response, today)
    if question.questionnaire_id != response.questionnaire_id:
        raise ValidationError(_("Deze vraag hoort niet bij deze vragenlijst."))
    value = question.parse(raw)
    answer = _store(response, question, value, base=base)
    _mark_started(response)
    return answer


@transaction.atomic
def answers_save(
    *,
    response: Response,
    data: Mapping[str, object],
    today: dt.date | None = None,
    bases: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Save every valid answer of a whole form post; return the errors by code.

    An unchanged answer is not written again; a changed one whose base (the version
    the page was loaded with) is stale is refused as a conflict, not overwritten.
    """
    response = (
        Response.objects.select_for_update()
        .select_related("questionnaire")
        .get(pk=response.pk)
    )
    _check_editable(response, today)
    errors: dict[str, str] = {}
    bases = bases or {}
    stored = {a.question_id: a for a in Answer.objects.filter(response=response)}
    for question in response.questionnaire.questions.all():
        if question.code not in data:
            continue
        try:
            value = question.parse(data[question.code])
        except ValidationError as exc:
            errors[question.code] = " ".join(exc.messages)
            continue
        answer = stored.get(question.pk)
        if (answer_value(question.kind, answer) if answer else None) == value:
            continue
        try:
            _store(
                response,
                question,
                value,
                base=bases.get(question.code),
                current=answer,
            )
        except AnswerConflict as exc:
            errors[question.code] = " ".join(exc.messages)
    _mark_started(response)
    return errors


def missing_required(
    questions: Iterable[Question], answers: Mapping[str, object]
) -> list[Question]:
    """Required questions without an answer, leaving out those hidden by a ‘no’."""
    questions = list(questions)
    by_pk = {q.pk: q for q in questions}
    missing = []
    for q in questions:
        if not q.required or answers.get(q.code) not in (None, "", []):
            continue
        parent = by_pk.get(q.show_if_id) if q.show_if_id else None
        if parent is not None and answers.get(parent.code) is not True:
            continue
        missing.append(q)
    return missing


@transaction.atomic
def response_submit(
    *, response: Response, by: User | None, today: dt.date | None = None
) -> Response:
    """Check the required answers and lock the response."""
    response = (
        Response.objects.select_for_update()
        .select_related("questionnaire")
        .get(pk=response.pk)
    )
    if response.status == Response.Status.SUBMITTED:
        raise ValidationError(_("Deze vragenlijst is al ingestuurd."))
    _check_editable(response, today)
    questions = list(response.questionnaire.questions.all())
    answers = {
        a.question.code: a.value for a in response.answers.select_related("question")
    }
    missing = missing_required(questions, answers)
    if missing:
        raise ValidationError({q.code: _("Deze vraag is verplicht.") for q in missing})
    # An answer under a question hidden by a 'nee' (typed before the 'nee') is not
    # part of what the practice sends: it would count in the indicators otherwise.
    by_pk = {q.pk: q for q in questions}
    hidden = [
        q.pk
        for q in questions
        if q.show_if_id
        and by_pk.get(q.show_if_id)
        and answers.get(by_pk[q.show_if_id].code) is not True
    ]
    if hidden:
        response.answers.filter(question__in=hidden).delete()
    now = timezone.now()
    response.status = Response.Status.SUBMITTED
    response.submitted_at = now
    response.submitted_by = by
    response.started_at = response.started_at or now
    response.save(
        update_fields=[
            "status",
            "submitted_at",
            "submitted_by",
            "started_at",
            "updated",
        ]
    )
    ResponseEvent.objects.create(
        response=response, kind=ResponseEvent.Kind.SUBMITTED, by=by, at=now
    )
    return response


@transaction.atomic
def response_reopen(*, response: Response, by: User, reason: str) -> Response:
    """A lead unlocks a submitted response; the reason stays in its history."""
    response = Response.objects.select_for_update().get(pk=response.pk)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden op.")})
    if response.status != Response.Status.SUBMITTED:
        raise ValidationError(_("Alleen een ingestuurd antwoord kan worden heropend."))
    response.status = Response.Status.DRAFT
    response.submitted_at = None
    response.submitted_by = None
    response.save(update_fields=["status", "submitted_at", "submitted_by", "updated"])
    ResponseEvent.objects.create(
        response=response,
        kind=ResponseEvent.Kind.REOPENED,
        by=by,
        at=timezone.now(),
        reason=reason,
    )
    return response


def responses_import(**kwargs):
    """See surveys.imports.responses_import (kept there for its size)."""
    from surveys.imports import responses_import as run

    return run(**kwargs)
