"""Issue 14.13: a changed questionnaire answer and a changed visit report keep their
previous value in history, with who changed it and when (the audit log records only
the access, never the content)."""

from __future__ import annotations

from django.utils import timezone

from practices.visits import services as visit_services
from surveys import services as survey_services
from tests.factories import PracticeFactory
from tests.surveys.factories import open_standard


def test_an_answer_change_keeps_the_previous_value(db, coalition):
    questionnaire = open_standard(coalition)
    practice = PracticeFactory(coalition=coalition)
    response = survey_services.response_start(
        questionnaire=questionnaire, practice=practice
    )
    question = questionnaire.questions.get(code="list_size")
    survey_services.answer_save(response=response, question=question, raw="2500")
    survey_services.answer_save(response=response, question=question, raw="2600")
    answer = response.answers.get(question=question)
    assert answer.number == 2600
    values = [h.number for h in answer.history.order_by("history_date", "history_id")]
    assert values[-2:] == [2500, 2600]


def test_a_visit_feedback_change_keeps_the_previous_text(db, coalition, lead):
    practice = PracticeFactory(coalition=coalition)
    visit = visit_services.visit_create(
        by=lead,
        practice=practice,
        planned_on=timezone.localdate(),
        visitors=[lead],
        feedback="Eerste versie.",
    )
    visit_services.visit_update(by=lead, visit=visit, feedback="Tweede versie.")
    texts = [h.feedback for h in visit.history.order_by("history_date", "history_id")]
    assert texts[-2:] == ["Eerste versie.", "Tweede versie."]
