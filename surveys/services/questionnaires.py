"""Building questionnaires: create, copy, edit questions, set the status."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import Coalition
from surveys.models import Question, Questionnaire, Section


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
