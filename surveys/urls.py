from __future__ import annotations

from django.urls import path

from surveys import views
from surveys.report import views as report_views

app_name = "surveys"

urlpatterns = [
    path("", views.QuestionnaireListView.as_view(), name="questionnaire_list"),
    path(
        "nieuw/", views.QuestionnaireCreateView.as_view(), name="questionnaire_create"
    ),
    path("mijn/", views.MyQuestionnairesView.as_view(), name="my"),
    path(
        "<int:pk>/",
        views.QuestionnaireDetailView.as_view(),
        name="questionnaire_detail",
    ),
    path(
        "<int:pk>/bewerken/",
        views.QuestionnaireEditView.as_view(),
        name="questionnaire_edit",
    ),
    path(
        "<int:pk>/status/",
        views.QuestionnaireStatusView.as_view(),
        name="questionnaire_status",
    ),
    path(
        "<int:pk>/vragen/nieuw/",
        views.QuestionEditView.as_view(),
        name="question_create",
    ),
    path(
        "<int:pk>/vragen/<int:question_pk>/",
        views.QuestionEditView.as_view(),
        name="question_edit",
    ),
    path("<int:pk>/uitnodigen/", views.InviteView.as_view(), name="invite"),
    path("<int:pk>/voortgang/", views.ProgressView.as_view(), name="progress"),
    path(
        "<int:pk>/herinneren/",
        views.ReminderSendView.as_view(),
        name="reminders_send",
    ),
    path("<int:pk>/uitkomsten/", views.ResultsView.as_view(), name="results"),
    path("<int:pk>/export.xlsx", views.ExportView.as_view(), name="export"),
    path("rapporten/", report_views.ReportListView.as_view(), name="report_list"),
    path("<int:pk>/rapport/", report_views.ReportView.as_view(), name="report"),
    path(
        "<int:pk>/rapport/bevriezen/",
        report_views.FreezeView.as_view(),
        name="report_freeze",
    ),
    path(
        "<int:pk>/rapport.xlsx",
        report_views.ReportXlsxView.as_view(),
        name="report_xlsx",
    ),
    path(
        "<int:pk>/rapport.pdf", report_views.ReportPdfView.as_view(), name="report_pdf"
    ),
    path("<int:pk>/import/", views.ImportView.as_view(), name="import"),
    path(
        "<int:pk>/praktijk/<int:practice_pk>/starten/",
        views.ResponseStartView.as_view(),
        name="response_start",
    ),
    path(
        "antwoorden/<int:pk>/", views.ResponseFormView.as_view(), name="response_form"
    ),
    path(
        "antwoorden/<int:pk>/bekijken/",
        views.ResponseDetailView.as_view(),
        name="response_detail",
    ),
    path(
        "antwoorden/<int:pk>/heropenen/",
        views.ResponseReopenView.as_view(),
        name="response_reopen",
    ),
    path(
        "antwoorden/<int:pk>/vraag/<slug:code>/",
        views.AnswerSaveView.as_view(),
        name="answer_save",
    ),
]
