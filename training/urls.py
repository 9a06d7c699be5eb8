from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.SessionListView.as_view(), name="session_list"),
    path("agenda/", views.PublicSessionListView.as_view(), name="public_list"),
    path("agenda/scholing.ics", views.CalendarFeedView.as_view(), name="feed"),
    path(
        "agenda/trainer/<str:token>.ics",
        views.TrainerFeedView.as_view(),
        name="trainer_feed",
    ),
    path(
        "mijn-agenda/",
        views.TrainerFeedManageView.as_view(),
        name="trainer_feed_manage",
    ),
    path(
        "team/<int:pk>/",
        views.TeamTrainingView.as_view(),
        name="team_training",
    ),
    path(
        "sessies/<int:pk>/berichten/",
        views.SessionMessageView.as_view(),
        name="session_messages",
    ),
    path(
        "agenda/<int:pk>/",
        views.PublicSessionDetailView.as_view(),
        name="public_detail",
    ),
    path("agenda/<int:pk>.ics", views.SessionIcsView.as_view(), name="session_ics"),
    path("sessies/nieuw/", views.SessionCreateView.as_view(), name="session_create"),
    path("sessies/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path(
        "sessies/<int:pk>/bewerken/",
        views.SessionUpdateView.as_view(),
        name="session_update",
    ),
    path(
        "sessies/<int:pk>/annuleren/",
        views.SessionCancelView.as_view(),
        name="session_cancel",
    ),
    path(
        "sessies/<int:pk>/aanmelden/",
        views.RegistrationCreateView.as_view(),
        name="register",
    ),
    path(
        "sessies/<int:pk>/aanwezigheid/",
        views.AttendanceView.as_view(),
        name="attendance",
    ),
    path(
        "sessies/<int:pk>/deelnemers.xlsx",
        views.AttendeeExportView.as_view(),
        name="attendee_export",
    ),
    path(
        "aanmeldingen/<int:pk>/annuleren/",
        views.RegistrationCancelView.as_view(),
        name="registration_cancel",
    ),
    path(
        "aanmeldingen/<int:pk>/certificaat.pdf",
        views.CertificateView.as_view(),
        name="certificate",
    ),
    path("cursussen/", views.CourseListView.as_view(), name="course_list"),
    path("cursussen/nieuw/", views.CourseCreateView.as_view(), name="course_create"),
    path(
        "cursussen/<int:pk>/bewerken/",
        views.CourseUpdateView.as_view(),
        name="course_update",
    ),
    path("dekking/", views.CoverageListView.as_view(), name="coverage"),
    path(
        "dekking/uitnodigen/",
        views.CoverageInviteView.as_view(),
        name="coverage_invite_all",
    ),
    path(
        "dekking/<int:pk>/uitnodigen/",
        views.CoverageInviteView.as_view(),
        name="coverage_invite",
    ),
]
