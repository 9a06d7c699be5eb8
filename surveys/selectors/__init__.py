"""Read queries of the questionnaires that pages, services and other apps share.

One module per area: `progress` (invitations, reminders and a questionnaire's
progress), `form` (a response's form state and warnings) and `shared` (what the start
pages, other apps and the reports read). Everything is re-exported here: callers
import from `surveys.selectors`.
"""

from __future__ import annotations

from surveys.selectors.form import (
    JUMP_THRESHOLD,
    RELATED_WARNINGS,
    FieldState,
    FormState,
    SectionState,
    field_state,
    response_form_state,
    response_warnings,
    warnings_for,
)
from surveys.selectors.progress import (
    InviteSelection,
    Progress,
    ProgressRow,
    invite_selection,
    practice_recipients,
    questionnaire_progress,
    questionnaires_with_counts,
    reminder_key,
    reminder_selection,
)
from surveys.selectors.shared import (
    answers_by_code,
    last_list_sizes,
    latest_figures_for_practice,
    latest_yearly_questionnaires,
    latest_yes_no_answers,
    practice_open_responses,
    previous_questionnaire,
    response_counts_by_group,
    submitted_counts,
    yearly_questionnaires_by_coalition,
)

__all__ = [
    "FieldState",
    "FormState",
    "InviteSelection",
    "JUMP_THRESHOLD",
    "Progress",
    "ProgressRow",
    "RELATED_WARNINGS",
    "SectionState",
    "answers_by_code",
    "field_state",
    "invite_selection",
    "latest_figures_for_practice",
    "latest_yearly_questionnaires",
    "latest_yes_no_answers",
    "practice_open_responses",
    "practice_recipients",
    "last_list_sizes",
    "previous_questionnaire",
    "questionnaire_progress",
    "questionnaires_with_counts",
    "reminder_key",
    "reminder_selection",
    "response_counts_by_group",
    "response_form_state",
    "response_warnings",
    "submitted_counts",
    "warnings_for",
    "yearly_questionnaires_by_coalition",
]
