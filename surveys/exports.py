"""The answers as a spreadsheet: a row per practice, its status (ingestuurd/concept),
a column per question code (the first sheet can be imported again as it is: drafts stay
drafts), the practices' status, and a codebook."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from django.utils.translation import gettext as _

from coalition.xlsx import Sheet, write_xlsx
from surveys.imports import STATUS_DRAFT, STATUS_SUBMITTED
from surveys.models import Answer, Question, Questionnaire, Response, answer_value


def cell_value(kind: str, value):
    """An answer as it goes into a cell; the import reads it back to the same value.
    Text is escaped by the writer (`coalition.xlsx`), not here."""
    if value is None or value == []:
        return None
    if kind == Question.Kind.YES_NO:
        return "ja" if value else "nee"
    if kind in Question.NUMERIC:
        value = Decimal(value)
        return int(value) if value == value.to_integral_value() else float(value)
    if kind == Question.Kind.MULTIPLE:
        return ";".join(value)
    if isinstance(value, dt.date):
        return value
    return str(value)


class ResponsesExporter:
    """One row generator per sheet, written by the platform's one xlsx writer."""

    def __init__(self, questionnaire: Questionnaire):
        self.questionnaire = questionnaire
        self.questions = list(
            questionnaire.questions.select_related("section", "show_if").order_by(
                "section__order", "order", "pk"
            )
        )

    def responses(self):
        return (
            Response.objects.filter(questionnaire=self.questionnaire)
            .exclude(status=Response.Status.INVITED, started_at__isnull=True)
            .select_related("practice__member_organisation", "practice__portal_vendor")
            .order_by("practice__agb_code")
        )

    def answer_rows(self) -> Iterator[list]:
        yield ["agb_code", "status", *(q.code for q in self.questions)]
        responses = list(self.responses())
        by_response: dict[int, dict[int, object]] = {r.pk: {} for r in responses}
        kinds = {q.pk: q.kind for q in self.questions}
        answers = Answer.objects.filter(
            response__questionnaire=self.questionnaire
        ).only(
            "response_id", "question_id", "number", "boolean", "text", "date", "choices"
        )
        for a in answers.iterator(chunk_size=5000):
            if a.response_id in by_response:
                by_response[a.response_id][a.question_id] = answer_value(
                    kinds[a.question_id], a
                )
        for r in responses:
            values = by_response[r.pk]
            yield [
                r.practice.agb_code,
                # the import keeps a draft a draft: only what was sent counts
                STATUS_SUBMITTED if r.is_submitted else STATUS_DRAFT,
                *(cell_value(q.kind, values.get(q.pk)) for q in self.questions),
            ]

    def status_rows(self) -> Iterator[list]:
        yield [
            "agb_code",
            _("praktijk"),
            _("lidorganisatie"),
            _("portaalleverancier"),
            _("status"),
            _("bron"),
            _("ingestuurd op"),
        ]
        for r in self.responses():
            p = r.practice
            yield [
                p.agb_code,
                p.name,
                str(p.member_organisation),
                str(p.portal_vendor or ""),
                r.get_status_display(),
                r.get_source_display(),
                r.submitted_at,  # the writer shows it in Amsterdam wall-clock time
            ]

    def codebook_rows(self) -> Iterator[list]:
        yield [
            _("code"),
            _("onderdeel"),
            _("vraag"),
            _("soort"),
            _("eenheid"),
            _("verplicht"),
            _("minimum"),
            _("maximum"),
            _("keuzes"),
            _("alleen als ‘ja’ op"),
        ]
        for q in self.questions:
            low, high = q.bounds if q.kind in Question.NUMERIC else (None, None)
            yield [
                q.code,
                q.section.title,
                q.text,
                q.get_kind_display(),
                q.unit,
                _("ja") if q.required else _("nee"),
                float(low) if low is not None else None,
                float(high) if high is not None else None,
                "; ".join(f"{v} = {label}" for v, label in q.choices),
                q.show_if.code if q.show_if else "",
            ]

    def render(self) -> bytes:
        return write_xlsx(
            Sheet.from_rows(_("antwoorden"), self.answer_rows()),
            Sheet.from_rows(_("praktijken"), self.status_rows()),
            Sheet.from_rows(_("codeboek"), self.codebook_rows()),
        )

    @property
    def name(self) -> str:
        return f"vragenlijst-{self.questionnaire.coalition.slug}-{self.questionnaire.period}"
