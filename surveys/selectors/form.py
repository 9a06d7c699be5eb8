"""The state of a response's form: values, previous answers and warnings per question."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from surveys.models import Answer, Question, Response, answer_version
from surveys.selectors.shared import previous_questionnaire

JUMP_THRESHOLD = Decimal("0.5")
# A warning on one question that depends on another: saving the second re-renders the first.
RELATED_WARNINGS = {"appointments_total_q4": ["appointments_online_q4"]}
# The other answers a question's warnings read (warnings_for): the reverse of the above.
WARNING_INPUTS = {
    code: [source for source, codes in RELATED_WARNINGS.items() if code in codes]
    for codes in RELATED_WARNINGS.values()
    for code in codes
}


@dataclass
class FieldState:
    question: Question
    value: object = None
    raw: str | None = None
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    previous: object = None
    prefilled: bool = False
    hidden: bool = False
    saved: bool = False
    show_if_code: str = ""
    version: str = ""  # of the stored answer; an autosave sends it back as its base
    conflict: object = None  # AnswerConflict: someone else saved in between


@dataclass
class SectionState:
    title: str
    fields: list[FieldState]


@dataclass
class FormState:
    response: Response
    sections: list[SectionState]
    answers: dict[str, object]
    previous_period: str | None
    editable: bool

    @property
    def by_code(self) -> dict[str, FieldState]:
        return {f.question.code: f for s in self.sections for f in s.fields}

    @property
    def n_answered(self) -> int:
        return sum(
            1
            for s in self.sections
            for f in s.fields
            if not f.hidden and f.value not in (None, "", [])
        )

    @property
    def n_questions(self) -> int:
        return sum(1 for s in self.sections for f in s.fields if not f.hidden)


def _answers_with_versions(
    response: Response, codes: set[str] | None = None
) -> tuple[dict[str, object], dict[str, str]]:
    """The answers by code, and the version of each (one query); only those of
    `codes` when given."""
    values: dict[str, object] = {}
    versions: dict[str, str] = {}
    rows = Answer.objects.filter(response=response)
    if codes is not None:
        rows = rows.filter(question__code__in=codes)
    for a in rows.select_related("question"):
        values[a.question.code] = a.value
        versions[a.question.code] = answer_version(a)
    return values, versions


def _previous_answers(
    response: Response, codes: set[str] | None = None
) -> tuple[str | None, dict[str, object]]:
    """The period before this response's and the practice's submitted answers then
    (only those of `codes` when given)."""
    previous = previous_questionnaire(response.questionnaire)
    if previous is None:
        return None, {}
    rows = Answer.objects.filter(
        response__questionnaire=previous,
        response__practice_id=response.practice_id,
        response__status=Response.Status.SUBMITTED,
    )
    if codes is not None:
        rows = rows.filter(question__code__in=codes)
    rows = rows.select_related("question")
    return previous.period, {a.question.code: a.value for a in rows}


def warnings_for(
    question: Question,
    value,
    *,
    answers: dict[str, object],
    previous: dict[str, object],
) -> list[str]:
    """Plausibility warnings: they do not block saving or submitting."""
    out: list[str] = []
    if value is None or question.kind not in Question.NUMERIC:
        return out
    value = Decimal(value)
    last = previous.get(question.code)
    if last is not None and Decimal(last) != 0:
        change = abs(value - Decimal(last)) / abs(Decimal(last))
        if change > JUMP_THRESHOLD:
            out.append(
                _(
                    "Dit wijkt meer dan 50%% af van de vorige periode (%(last)s). "
                    "Klopt het?"
                )
                % {"last": _number(last)}
            )
    if question.code == "appointments_online_q4":  # WARNING_INPUTS names its input
        total = answers.get("appointments_total_q4")
        if total is not None and value > Decimal(total):
            out.append(
                _("Dit is meer dan het totale aantal afspraken (%(total)s).")
                % {"total": _number(total)}
            )
    return out


def _number(value) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    return f"{value.normalize():f}".replace(".", ",")


def response_form_state(
    response: Response,
    *,
    editable: bool,
    overrides: dict[str, tuple[str, str]] | None = None,
    required_errors: dict[str, str] | None = None,
) -> FormState:
    """Everything the form shows: questions by section, answers, last period, warnings.

    A fixed number of queries (questions, answers, the previous period and its
    answers), however many questions there are. `overrides` are raw values that did not
    validate, with their message, so the form shows what was typed.
    """
    questions = list(
        response.questionnaire.questions.select_related("section").order_by(
            "section__order", "section_id", "order", "pk"
        )
    )
    answers, versions = _answers_with_versions(response)
    previous_period, previous = _previous_answers(response)
    overrides = overrides or {}
    required_errors = required_errors or {}
    by_pk = {q.pk: q for q in questions}
    sections: list[SectionState] = []
    current: SectionState | None = None
    current_section = None
    for q in questions:
        if current is None or q.section_id != current_section:
            current = SectionState(q.section.title, [])
            current_section = q.section_id
            sections.append(current)
        value = answers.get(q.code)
        state = FieldState(
            question=q,
            value=value,
            previous=previous.get(q.code),
            version=versions.get(q.code, ""),
        )
        if q.code in overrides:
            state.raw, state.error = overrides[q.code]
        elif q.code in required_errors:
            state.error = required_errors[q.code]
        state.prefilled = (
            q.code == "list_size"
            and value is not None
            and response.status == Response.Status.INVITED
        )
        parent = by_pk.get(q.show_if_id) if q.show_if_id else None
        state.hidden = parent is not None and answers.get(parent.code) is not True
        state.show_if_code = parent.code if parent is not None else ""
        state.warnings = warnings_for(q, value, answers=answers, previous=previous)
        current.fields.append(state)
    return FormState(response, sections, answers, previous_period, editable)


def field_state(
    response: Response,
    question: Question,
    *,
    raw: str | None = None,
    error: str = "",
    saved: bool = False,
    conflict: object = None,
) -> FieldState:
    """One field after a save (the autosave's answer): its value, message, warnings,
    and the version now stored (or the conflicting one).

    Reads only the answers the field shows or depends on (its own, the question that
    shows it, what its warnings compare with), now and in the previous period: an
    autosave came back with every answer of both periods, as model instances."""
    codes = {question.code, *WARNING_INPUTS.get(question.code, ())}
    if question.show_if_id:
        codes.add(question.show_if.code)
    answers, versions = _answers_with_versions(response, codes)
    _period, previous = _previous_answers(response, {question.code})
    value = answers.get(question.code)
    state = FieldState(
        question=question,
        value=value,
        raw=raw if error or conflict else None,
        error=error,
        previous=previous.get(question.code),
        saved=saved and not error and conflict is None,
        version=versions.get(question.code, ""),
        conflict=conflict,
    )
    if question.show_if_id:
        state.show_if_code = question.show_if.code
        state.hidden = answers.get(state.show_if_code) is not True
    state.warnings = warnings_for(question, value, answers=answers, previous=previous)
    return state


def response_warnings(state: FormState) -> list[tuple[FieldState, str]]:
    """Every plausibility warning of the visible answers, for the check at submit."""
    return [
        (f, w)
        for s in state.sections
        for f in s.fields
        if not f.hidden
        for w in f.warnings
    ]
