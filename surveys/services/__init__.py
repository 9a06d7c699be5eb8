"""Every write of the questionnaire: building it, inviting, answering, submitting.

Views, tasks, commands and the demo call these; none of them saves a model itself.
One module per area: `questionnaires` (building them), `invitations` (prefill,
invitations and reminders) and `answering` (answers, submitting, reopening, imports).
Everything is re-exported here: callers import from `surveys.services`.
"""

from __future__ import annotations

from surveys.services.answering import (
    AnswerConflict,
    answer_save,
    answers_save,
    missing_required,
    response_reopen,
    response_submit,
    responses_import,
)
from surveys.services.invitations import (
    form_path,
    form_url,
    invitation_emails_send,
    prefill_answers,
    reminders_send_due,
    reminders_send_now,
    response_start,
    responses_invite,
)
from surveys.services.questionnaires import (
    question_delete,
    question_save,
    questionnaire_copy,
    questionnaire_create,
    questionnaire_create_standard,
    questionnaire_set_status,
    questionnaire_update,
)

__all__ = [
    "AnswerConflict",
    "answer_save",
    "answers_save",
    "form_path",
    "form_url",
    "invitation_emails_send",
    "missing_required",
    "prefill_answers",
    "question_delete",
    "question_save",
    "questionnaire_copy",
    "questionnaire_create",
    "questionnaire_create_standard",
    "questionnaire_set_status",
    "questionnaire_update",
    "reminders_send_due",
    "reminders_send_now",
    "response_reopen",
    "response_start",
    "response_submit",
    "responses_import",
    "responses_invite",
]
