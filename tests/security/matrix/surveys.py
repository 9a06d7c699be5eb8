"""The rows of the questionnaire, its answering and the regional report."""

from __future__ import annotations

from tests.security.matrix.base import (
    DENIED,
    FORBIDDEN,
    FUNDER,
    LEAD,
    LEAD_B,
    MISSING,
    NOT_ALLOWED,
    OFFICE,
    OK,
    OTHER,
    OWN,
    REDIRECT,
    REPORT,
    Row,
    answers,
    lit,
    only,
    row,
)

SURVEYS: dict[str, Row] = {
    "surveys:questionnaire_list": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "surveys:questionnaire_create": row(
        get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B)
    ),
    "surveys:my": row(get=only(OWN, OTHER), post=only(OWN, OTHER, ok=NOT_ALLOWED)),
    "surveys:questionnaire_detail": row(
        {"pk": "questionnaire"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "surveys:questionnaire_edit": row(
        {"pk": "questionnaire"}, get=only(LEAD), post=only(LEAD)
    ),
    "surveys:questionnaire_status": row(
        {"pk": "questionnaire"},
        get=only(LEAD, ok=NOT_ALLOWED),
        post=only(LEAD, ok=REDIRECT),
    ),
    "surveys:question_create": row(
        {"pk": "questionnaire"}, get=answers(DENIED), post=answers(DENIED)
    ),
    "surveys:question_edit": row(
        {"pk": "questionnaire", "question_pk": "question"},
        get=answers(DENIED),
        post=answers(DENIED),
    ),
    "surveys:invite": row(
        {"pk": "questionnaire"}, get=only(LEAD), post=only(LEAD, ok=REDIRECT)
    ),
    "surveys:progress": row(
        {"pk": "questionnaire"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "surveys:reminders_send": row(
        {"pk": "questionnaire"},
        get=answers(FORBIDDEN, lead_own=NOT_ALLOWED, lead_other=MISSING),
        post=answers(FORBIDDEN, lead_own=REDIRECT, lead_other=MISSING),
    ),
    "surveys:results": row(
        {"pk": "questionnaire"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "surveys:export": row(
        {"pk": "questionnaire"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "surveys:report_list": row(get=answers(OK), post=answers(NOT_ALLOWED)),
    "surveys:report": REPORT,
    "surveys:report_xlsx": REPORT,
    "surveys:report_pdf": REPORT,
    "surveys:report_freeze": row(
        {"pk": "questionnaire"},
        get=only(LEAD, FUNDER, OFFICE, ok=NOT_ALLOWED, other=MISSING),
        post=answers(MISSING, lead_own=REDIRECT, funder=FORBIDDEN, office=FORBIDDEN),
    ),
    "surveys:import": row({"pk": "questionnaire"}, get=only(LEAD), post=only(LEAD)),
    "surveys:response_start": row(
        {"pk": "questionnaire", "practice_pk": "practice"},
        get=only(OWN, OTHER, ok=NOT_ALLOWED),
        post=only(OWN, ok=REDIRECT),
    ),
    "surveys:response_form": row(
        {"pk": "response"},
        get=answers(DENIED, practice_own=OK, lead_own=REDIRECT, office=REDIRECT),
        post=only(OWN, LEAD, OFFICE, ok=REDIRECT),
    ),
    "surveys:response_detail": row(
        {"pk": "response"},
        get=only(OWN, LEAD, OFFICE),
        post=only(OWN, LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "surveys:response_reopen": row({"pk": "response"}, get=only(LEAD), post=only(LEAD)),
    "surveys:answer_save": row(
        {"pk": "response", "code": lit("list_size")},
        get=answers(
            DENIED, practice_own=NOT_ALLOWED, lead_own=REDIRECT, office=REDIRECT
        ),
        post=answers(DENIED, practice_own=OK, lead_own=REDIRECT, office=REDIRECT),
    ),
}
