"""Reads that pages, panels and other apps share. Each runs a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext as _

from coalition.numbers import round_half_up
from practices import selectors as practice_selectors
from surveys.models import Answer, Question, Questionnaire, Response, answer_version

if TYPE_CHECKING:
    from practices.models import Practice

JUMP_THRESHOLD = Decimal("0.5")
# A warning on one question that depends on another: saving the second re-renders the first.
RELATED_WARNINGS = {"appointments_total_q4": ["appointments_online_q4"]}


def questionnaires_with_counts(qs: QuerySet[Questionnaire]) -> QuerySet[Questionnaire]:
    return qs.annotate(
        n_invited=Count("responses", filter=Q(responses__invited_at__isnull=False)),
        n_started=Count(
            "responses", filter=~Q(responses__status=Response.Status.INVITED)
        ),
        n_submitted=Count(
            "responses", filter=Q(responses__status=Response.Status.SUBMITTED)
        ),
    )


def practice_recipients(
    practice_ids: Iterable[int],
) -> dict[int, list[tuple[str, str]]]:
    """Per practice: (e-mail, first name) of its practice users, else its primary contact.

    Two queries, whatever the number of practices.
    """
    from coalition.models import Membership, Role
    from practices.selectors import primary_contacts

    out: dict[int, list[tuple[str, str]]] = defaultdict(list)
    practice_ids = list(practice_ids)
    for pid, email, first in Membership.objects.filter(
        role=Role.PRACTICE, practice__in=practice_ids, user__is_active=True
    ).values_list("practice_id", "user__email", "user__first_name"):
        if email:
            out[pid].append((email.lower(), first))
    missing = [pid for pid in practice_ids if pid not in out]
    for pid, email, name in primary_contacts(missing):
        if email:
            out[pid].append((email.lower(), name.split(" ")[0]))
    return out


@dataclass
class InviteSelection:
    """What ‘invite’ does to a filtered set: who gets an e-mail, and who does not."""

    to_invite: list[int]
    already_invited: int
    no_address: int

    @property
    def n_to_invite(self) -> int:
        return len(self.to_invite)


def invite_selection(
    questionnaire: Questionnaire, practices: QuerySet[Practice]
) -> InviteSelection:
    """The practices of the set that an invitation reaches: not invited yet, and with an
    e-mail address (a practice user or a primary contact). Three queries."""
    ids = list(practices.values_list("pk", flat=True))
    invited = set(
        Response.objects.filter(
            questionnaire=questionnaire, practice__in=ids, invited_at__isnull=False
        ).values_list("practice_id", flat=True)
    )
    fresh = [pid for pid in ids if pid not in invited]
    reachable = practice_recipients(fresh)
    return InviteSelection(
        to_invite=[pid for pid in fresh if reachable.get(pid)],
        already_invited=len(ids) - len(fresh),
        no_address=sum(1 for pid in fresh if not reachable.get(pid)),
    )


def reminder_key(email: str, day) -> str:
    """The idempotency key of a reminder: one per person a day, however it is sent."""
    return f"survey-reminder:{email.lower()}:{day.isoformat()}"


def reminder_selection(
    questionnaire: Questionnaire, responses: QuerySet[Response], today
):
    """How many practices of the set a reminder sent now reaches: invited, not sent,
    with someone not yet reminded today. Four queries."""
    from coalition.models import EmailMessage

    waiting = list(
        responses.filter(questionnaire=questionnaire, invited_at__isnull=False)
        .exclude(status=Response.Status.SUBMITTED)
        .values_list("practice_id", flat=True)
    )
    recipients = practice_recipients(waiting)
    keys = {
        email: reminder_key(email, today)
        for people in recipients.values()
        for email, _first in people
    }
    done = set(
        EmailMessage.objects.filter(key__in=list(keys.values())).values_list(
            "key", flat=True
        )
    )
    return sum(
        1
        for pid in waiting
        if any(keys[email] not in done for email, _f in recipients.get(pid, []))
    )


# --- progress -------------------------------------------------------------------------


@dataclass
class ProgressRow:
    label: str
    practices: int = 0
    invited: int = 0
    started: int = 0
    submitted: int = 0

    @property
    def response_pct(self) -> float | None:
        return 100 * self.submitted / self.invited if self.invited else None


@dataclass
class Progress:
    total: ProgressRow
    by_member: list[ProgressRow] = field(default_factory=list)
    by_vendor: list[ProgressRow] = field(default_factory=list)


def _progress_rows(questionnaire: Questionnaire, group: str) -> list[ProgressRow]:
    r = "survey_responses__"
    mine = Q(**{f"{r}questionnaire": questionnaire})
    rows = (
        practice_selectors.coalition_practices(questionnaire.coalition_id)
        .filter(Q(is_active=True) | mine)
        .values(group)
        .annotate(
            practices=Count("pk", distinct=True),
            invited=Count(
                "survey_responses", filter=mine & Q(**{f"{r}invited_at__isnull": False})
            ),
            started=Count(
                "survey_responses",
                filter=mine & ~Q(**{f"{r}status": Response.Status.INVITED}),
            ),
            submitted=Count(
                "survey_responses",
                filter=mine & Q(**{f"{r}status": Response.Status.SUBMITTED}),
            ),
        )
        .order_by(group)
    )
    return [
        ProgressRow(
            row[group] or _("geen portaal bekend"),
            row["practices"],
            row["invited"],
            row["started"],
            row["submitted"],
        )
        for row in rows
    ]


def questionnaire_progress(questionnaire: Questionnaire) -> Progress:
    """Invited, started and submitted per member organisation and per portal vendor.

    Two grouped queries, whatever the number of practices.
    """
    by_member = _progress_rows(questionnaire, "member_organisation__name")
    by_vendor = _progress_rows(questionnaire, "portal_vendor__name")
    total = ProgressRow(_("Totaal"))
    for row in by_member:
        total.practices += row.practices
        total.invited += row.invited
        total.started += row.started
        total.submitted += row.submitted
    return Progress(total, by_member, by_vendor)


# --- the form -------------------------------------------------------------------------


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


def answers_by_code(response: Response) -> dict[str, object]:
    return {
        a.question.code: a.value
        for a in Answer.objects.filter(response=response).select_related("question")
    }


def _answers_with_versions(
    response: Response,
) -> tuple[dict[str, object], dict[str, str]]:
    """The answers by code, and the version of each (one query)."""
    values: dict[str, object] = {}
    versions: dict[str, str] = {}
    for a in Answer.objects.filter(response=response).select_related("question"):
        values[a.question.code] = a.value
        versions[a.question.code] = answer_version(a)
    return values, versions


def _previous_answers(response: Response) -> tuple[str | None, dict[str, object]]:
    previous = previous_questionnaire(response.questionnaire)
    if previous is None:
        return None, {}
    rows = Answer.objects.filter(
        response__questionnaire=previous,
        response__practice_id=response.practice_id,
        response__status=Response.Status.SUBMITTED,
    ).select_related("question")
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
    if question.code == "appointments_online_q4":
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
    and the version now stored (or the conflicting one)."""
    answers, versions = _answers_with_versions(response)
    _period, previous = _previous_answers(response)
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
