"""Thin views: parse the request, check access, call a service or selector, render.

One module per area; this package re-exports the views for surveys.urls.
"""

from __future__ import annotations

from surveys.views.base import (
    BASE_FIELD,
    STAFF,
    QuestionnaireMixin,
)
from surveys.views.questionnaires import (
    ExportView,
    ImportView,
    InviteView,
    ProgressView,
    QuestionEditView,
    QuestionnaireCreateView,
    QuestionnaireDetailView,
    QuestionnaireEditView,
    QuestionnaireListView,
    QuestionnaireStatusView,
    ReminderSendView,
    ResultsView,
)
from surveys.views.responses import (
    AnswerSaveView,
    FillMixin,
    MyQuestionnairesView,
    ResponseDetailView,
    ResponseFormView,
    ResponseMixin,
    ResponseReopenView,
    ResponseStartView,
)

__all__ = [
    "STAFF",
    "BASE_FIELD",
    "QuestionnaireMixin",
    "QuestionnaireListView",
    "QuestionnaireCreateView",
    "QuestionnaireDetailView",
    "QuestionnaireEditView",
    "QuestionnaireStatusView",
    "QuestionEditView",
    "InviteView",
    "ProgressView",
    "ReminderSendView",
    "ResultsView",
    "ExportView",
    "ImportView",
    "ResponseMixin",
    "ResponseDetailView",
    "ResponseReopenView",
    "MyQuestionnairesView",
    "ResponseStartView",
    "FillMixin",
    "ResponseFormView",
    "AnswerSaveView",
]
