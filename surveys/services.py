"""Every write of the questionnaire: building it, inviting, answering, submitting.

Views, tasks, commands and the demo call these; none of them saves a model itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import Coalition, Membership, Role
from coalition.services import email_queue
from surveys.models import (
    Answer,
    Question,
    Questionnaire,
    Response,
    ResponseEvent,
    Section,
    answer_value,
    answer_version,
)
from surveys.selectors import (
    practice_recipients,
    previous_questionnaire,
    reminder_key,
)

if TYPE_CHECKING:
    from coalition.models import User
    from practices.models import Practice


# --- building questionnaires ----------------------------------------------------------


def _default_dates(opens: dt.date | None, closes: dt.date | None):
    opens = opens or timezone.localdate()
    return opens, closes or opens + dt.timedelta(days=42)


def _period_label(year: int, quarter: int | None) -> str:
    return f"{year} K{quarter}" if quarter else str(year)


@transaction.atomic
def questionnaire_create(
    *,
    coalition: Coalition,
    year: int,
    quarter: int | None = None,
    title: str = "",
    intro: str = "",
    opens: dt.date | None = None,
    closes: dt.date | None = None,
    reminder_days: list[int] | None = None,
) -> Questionnaire:
    """An empty questionnaire in draft; questions are added while it is a draft."""
    exists = Questionnaire.objects.filter(
        coalition=coalition, year=year, quarter=quarter
    ).exists()
    if exists:
        raise ValidationError(
            _("Er is al een vragenlijst voor %(period)s.")
            % {"period": _period_label(year, quarter)}
        )
    opens, closes = _default_dates(opens, closes)
    questionnaire = Questionnaire(
        coalition=coalition,
        year=year,
        quarter=quarter,
        title=title
        or _("Monitor online diensten %(period)s")
        % {"period": _period_label(year, quarter)},
        intro=intro,
        opens=opens,
        closes=closes,
        reminder_days=reminder_days if reminder_days is not None else [14, 7, 1],
    )
    questionnaire.full_clean()
    questionnaire.save()
    return questionnaire


def _add_question(
    questionnaire: Questionnaire, section: Section, order: int, spec: dict
) -> Question:
    question = Question(
        questionnaire=questionnaire, section=section, order=order, **spec
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def questionnaire_create_standard(
    *, coalition: Coalition, year: int, quarter: int | None = None, **kwargs
) -> Questionnaire:
    """A questionnaire with the standard questions (codes fixed, see surveys.standard)."""
    from surveys.standard import STANDARD

    questionnaire = questionnaire_create(
        coalition=coalition, year=year, quarter=quarter, **kwargs
    )
    by_code: dict[str, Question] = {}
    for s_order, (title, questions) in enumerate(STANDARD, start=1):
        section = Section.objects.create(
            questionnaire=questionnaire, title=str(title), order=s_order
        )
        for q_order, (code, text, kind, extra) in enumerate(questions, start=1):
            extra = dict(extra)
            show_if = extra.pop("show_if", None)
            spec = {
                "code": code,
                "text": str(text),
                "kind": kind,
                **{k: str(v) if k in ("unit", "help") else v for k, v in extra.items()},
            }
            if show_if:
                spec["show_if"] = by_code[show_if]
            by_code[code] = _add_question(questionnaire, section, q_order, spec)
    return questionnaire


@transaction.atomic
def questionnaire_copy(
    *, source: Questionnaire, year: int, quarter: int | None = None, **kwargs
) -> Questionnaire:
    """The same sections and questions for a new period: codes kept, so years compare."""
    kwargs.setdefault("intro", source.intro)
    kwargs.setdefault("reminder_days", list(source.reminder_days or []))
    questionnaire = questionnaire_create(
        coalition=source.coalition, year=year, quarter=quarter, **kwargs
    )
    sections = {}
    for section in source.sections.all():
        sections[section.pk] = Section.objects.create(
            questionnaire=questionnaire, title=section.title, order=section.order
        )
    copies: dict[int, Question] = {}
    fields = ("code", "text", "help", "kind", "unit", "required", "min_value",
              "max_value", "choices", "order")  # fmt: skip
    questions = list(source.questions.order_by("pk"))
    for q in questions:
        copies[q.pk] = _add_question(
            questionnaire,
            sections[q.section_id],
            q.order,
            {f: getattr(q, f) for f in fields if f != "order"},
        )
    for q in questions:
        if q.show_if_id:
            copy = copies[q.pk]
            copy.show_if = copies[q.show_if_id]
            copy.full_clean()
            copy.save(update_fields=["show_if"])
    return questionnaire


@transaction.atomic
def question_save(*, question: Question) -> Question:
    """Add or change a question; only while its questionnaire is a draft."""
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    if not question.questionnaire.is_draft:
        raise ValidationError(
            _("Vragen wijzigen kan alleen zolang de vragenlijst een concept is.")
        )
    question.delete()


@transaction.atomic
def questionnaire_set_status(
    *, questionnaire: Questionnaire, status: str
) -> Questionnaire:
    """Draft → open → closed; a closed questionnaire may open again (to extend it)."""
    allowed = {
        Questionnaire.Status.DRAFT: {Questionnaire.Status.OPEN},
        Questionnaire.Status.OPEN: {Questionnaire.Status.CLOSED},
        Questionnaire.Status.CLOSED: {Questionnaire.Status.OPEN},
    }
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if status not in allowed[questionnaire.status]:
        raise ValidationError(_("Deze statuswijziging is niet mogelijk."))
    if status == Questionnaire.Status.OPEN and not questionnaire.questions.exists():
        raise ValidationError(_("Een vragenlijst zonder vragen kan niet open."))
    questionnaire.status = status
    questionnaire.full_clean()
    questionnaire.save(update_fields=["status"])
    return questionnaire


@transaction.atomic
def questionnaire_update(
    *,
    questionnaire: Questionnaire,
    title: str,
    intro: str,
    opens: dt.date,
    closes: dt.date,
    reminder_days: list[int],
) -> Questionnaire:
    questionnaire.title = title
    questionnaire.intro = intro
    questionnaire.opens = opens
    questionnaire.closes = closes
    questionnaire.reminder_days = sorted(set(reminder_days), reverse=True)
    questionnaire.full_clean()
    questionnaire.save()
    return questionnaire


# --- responses: invitation, prefill ---------------------------------------------------


def prefill_answers(*, questionnaire: Questionnaire, responses: list[Response]) -> None:
    """Last period's list size into responses not yet answered (the demo uses it too)."""
    _prefill_answers(questionnaire, responses)


def _prefill_answers(questionnaire: Questionnaire, responses: list[Response]) -> None:
    """Last period's list size, so a practice confirms instead of looking it up."""
    question = questionnaire.questions.filter(code="list_size").first()
    if question is None or not responses:
        return
    previous = previous_questionnaire(questionnaire)
    last: dict[int, object] = {}
    if previous is not None:
        last = dict(
            Answer.objects.filter(
                response__questionnaire=previous,
                response__status=Response.Status.SUBMITTED,
                response__practice__in=[r.practice_id for r in responses],
                question__code="list_size",
                number__isnull=False,
            ).values_list("response__practice_id", "number")
        )
    have = set(
        Answer.objects.filter(response__in=responses, question=question).values_list(
            "response_id", flat=True
        )
    )
    Answer.objects.bulk_create(
        Answer(response=r, question=question, number=last[r.practice_id])
        for r in responses
        if r.pk not in have and r.practice_id in last
    )


@transaction.atomic
def response_start(*, questionnaire: Questionnaire, practice: Practice) -> Response:
    """The practice's response, created when it first opens the form (invited or not)."""
    if questionnaire.status != Questionnaire.Status.OPEN:
        raise ValidationError(_("Deze vragenlijst is niet open."))
    if practice.coalition_id != questionnaire.coalition_id:
        raise ValidationError(_("Deze praktijk hoort niet bij de coalitie."))
    response, created = Response.objects.get_or_create(
        questionnaire=questionnaire, practice=practice
    )
    if created:
        _prefill_answers(questionnaire, [response])
    return response


@transaction.atomic
def responses_invite(
    *, questionnaire: Questionnaire, practices: Iterable[Practice], by: User | None
) -> list[Response]:
    """Invite practices (all or a filtered set); each is invited once.

    The e-mails go out by Celery after commit; their keys make a second run send none.
    """
    if questionnaire.status != Questionnaire.Status.OPEN:
        raise ValidationError(_("Open de vragenlijst voordat u uitnodigt."))
    practices = [p for p in practices if p.coalition_id == questionnaire.coalition_id]
    now = timezone.now()
    existing = {
        r.practice_id: r
        for r in Response.objects.filter(
            questionnaire=questionnaire, practice__in=practices
        )
    }
    new = Response.objects.bulk_create(
        Response(questionnaire=questionnaire, practice=p, invited_at=now)
        for p in practices
        if p.pk not in existing
    )
    if not new or new[0].pk is None:  # backends without RETURNING ids on bulk_create
        new = list(
            Response.objects.filter(
                questionnaire=questionnaire,
                practice__in=[p for p in practices if p.pk not in existing],
            )
        )
    late = [r for r in existing.values() if r.invited_at is None]
    Response.objects.filter(pk__in=[r.pk for r in late]).update(invited_at=now)
    invited = new + late
    ResponseEvent.objects.bulk_create(
        ResponseEvent(response=r, kind=ResponseEvent.Kind.INVITED, by=by, at=now)
        for r in invited
    )
    _prefill_answers(questionnaire, new)
    by_id = {p.pk: p for p in practices}
    _accounts_for_contacts({r.practice_id: by_id[r.practice_id] for r in invited})
    ids = [r.pk for r in invited]
    if ids:
        from surveys.tasks import send_invitations

        transaction.on_commit(
            lambda: send_invitations.delay(questionnaire.pk, ids), robust=True
        )
    return invited


def _accounts_for_contacts(practices: dict[int, Practice]) -> None:
    """A practice without a user gets one for its primary contact, so the person the
    invitation reaches can answer: the e-mail carries a one-time link to choose a
    password. An existing account is never attached to a practice this way."""
    from django.db.models.functions import Lower

    from coalition.models import User
    from coalition.services import membership_create
    from practices.selectors import primary_contacts

    have = set(
        Membership.objects.filter(
            role=Role.PRACTICE, practice__in=list(practices), user__is_active=True
        ).values_list("practice_id", flat=True)
    )
    missing = [pid for pid in practices if pid not in have]
    contacts = [
        (pid, User.objects.normalize_email(email).strip().lower(), name)
        for pid, email, name in primary_contacts(missing)
    ]
    if not contacts:
        return
    taken = set(
        User.objects.annotate(low=Lower("email"))
        .filter(low__in=[email for _p, email, _n in contacts])
        .values_list("low", flat=True)
    )
    for pid, email, name in contacts:
        if not email or email in taken:
            continue  # someone's existing account: not taken over
        first, _sep, last = (name or "").strip().partition(" ")
        user = User(email=email, first_name=first[:150], last_name=last[:150])
        user.set_unusable_password()
        user.full_clean()
        user.save()
        taken.add(email)
        membership_create(user=user, role=Role.PRACTICE, practice=practices[pid])


def _password_links(emails: Iterable[str]) -> dict[str, str]:
    """A one-time ‘choose a password’ link for each recipient who has none yet."""
    from coalition.models import User
    from coalition.services import password_setup_url

    return {
        user.email.lower(): password_setup_url(user)
        for user in User.objects.filter(email__in=list(emails), is_active=True)
        if not user.has_usable_password() and user.last_login is None
    }


def _recipients(practice_ids: Iterable[int]) -> dict[int, list[tuple[str, str]]]:
    return practice_recipients(practice_ids)


def form_path(response: Response) -> str:
    return reverse("surveys:response_form", kwargs={"pk": response.pk})


def form_url(response: Response) -> str:
    return settings.SITE_URL.rstrip("/") + form_path(response)


def invitation_emails_send(*, questionnaire_id: int, response_ids: list[int]) -> int:
    """Queue the invitation e-mails; the key makes each go out once per person."""
    responses = list(
        Response.objects.filter(
            pk__in=response_ids, questionnaire_id=questionnaire_id
        ).select_related("practice", "questionnaire__coalition")
    )
    recipients = _recipients(r.practice_id for r in responses)
    links = _password_links(
        email for people in recipients.values() for email, _first in people
    )
    sent = 0
    for response in responses:
        questionnaire = response.questionnaire
        for email, first_name in recipients.get(response.practice_id, []):
            setup = links.get(email)
            if setup:  # after choosing a password, straight on to the form
                setup += "?" + urlencode({"next": form_path(response)})
            message = email_queue(
                key=f"survey-invite:{response.pk}:{email}",
                to=email,
                template="surveys/email/invitation",
                context={
                    "first_name": first_name,
                    "questionnaire": questionnaire,
                    "practice": response.practice,
                    "coalition": questionnaire.coalition,
                    "url": form_url(response),
                    "setup_url": setup,
                },
                coalition=questionnaire.coalition,
            )
            sent += message is not None
    return sent


def reminders_send_due(*, today: dt.date | None = None) -> int:
    """Remind the non-responders of every open questionnaire due a reminder today.

    One person gets at most one reminder a day (the key is person + day), listing every
    questionnaire still waiting for them; running this twice sends nothing new.
    """
    today = today or timezone.localdate()
    due = [
        q
        for q in Questionnaire.objects.open()
        .filter(closes__gte=today, opens__lte=today)
        .select_related("coalition")
        if (q.closes - today).days in (q.reminder_days or [])
    ]
    if not due:
        return 0
    waiting = list(
        Response.objects.filter(questionnaire__in=due, invited_at__isnull=False)
        .exclude(status=Response.Status.SUBMITTED)
        .select_related("practice", "questionnaire__coalition")
        .order_by("questionnaire__closes", "practice__name")
    )
    return _remind(waiting, today)


@transaction.atomic
def reminders_send_now(
    *,
    questionnaire: Questionnaire,
    responses: Iterable[Response],
    by: User | None,
    today: dt.date | None = None,
) -> int:
    """A lead reminds a chosen set of non-responders now, by hand.

    The same rule as the automatic reminders: one reminder per person a day, so a
    second click (or the scheduled run) the same day sends nothing new. Returns the
    number of e-mails queued.
    """
    today = today or timezone.localdate()
    if not questionnaire.accepts_answers_on(today):
        raise ValidationError(_("Deze vragenlijst is niet open; herinneren kan niet."))
    ids = [r.pk for r in responses]
    waiting = list(
        Response.objects.filter(
            pk__in=ids, questionnaire=questionnaire, invited_at__isnull=False
        )
        .exclude(status=Response.Status.SUBMITTED)
        .select_related("practice", "questionnaire__coalition")
        .order_by("practice__name")
    )
    return _remind(waiting, today)


def _remind(waiting: list[Response], today: dt.date) -> int:
    """One e-mail per person listing their waiting forms, at most one a day."""
    recipients = _recipients({r.practice_id for r in waiting})
    per_person: dict[str, dict] = {}
    for response in waiting:
        for email, first_name in recipients.get(response.practice_id, []):
            person = per_person.setdefault(
                email, {"first_name": first_name, "items": []}
            )
            person["items"].append(
                {
                    "response": response,
                    "questionnaire": response.questionnaire,
                    "practice": response.practice,
                    "days_left": (response.questionnaire.closes - today).days,
                    "url": form_url(response),
                }
            )
    sent = 0
    for email, person in per_person.items():
        first = person["items"][0]["questionnaire"]
        message = email_queue(
            key=reminder_key(email, today),
            to=email,
            template="surveys/email/reminder",
            context={"first_name": person["first_name"], "items": person["items"]},
            coalition=first.coalition,
        )
        sent += message is not None
    return sent


# --- answering ------------------------------------------------------------------------


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
