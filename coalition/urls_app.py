from django.urls import path

from coalition import audit_views, auth_views, funder_views, views

app_name = "coalition"

urlpatterns = [
    path("start/", views.StartView.as_view(), name="start"),
    path("coalities/", views.CoalitionListView.as_view(), name="coalition_list"),
    path(
        "coalities/<slug:slug>/",
        views.CoalitionDetailView.as_view(),
        name="coalition_detail",
    ),
    path("voortgang/", funder_views.ProgressView.as_view(), name="progress"),
    path(
        "voortgang/voortgang.xlsx",
        funder_views.ProgressXlsxView.as_view(),
        name="progress_xlsx",
    ),
    path(
        "voortgang/voortgang.pdf",
        funder_views.ProgressPdfView.as_view(),
        name="progress_pdf",
    ),
    path(
        "coalities-vergelijken/",
        funder_views.ComparisonView.as_view(),
        name="comparison",
    ),
    path(
        "coalities-vergelijken/coalities.xlsx",
        funder_views.ComparisonXlsxView.as_view(),
        name="comparison_xlsx",
    ),
    path("gebruikers/", views.UserListView.as_view(), name="user_list"),
    path("gebruikers/uitnodigen/", views.InviteView.as_view(), name="invite"),
    path(
        "uitnodiging/<str:token>/",
        auth_views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("auditlog/", audit_views.AuditLogView.as_view(), name="audit_log"),
]

# --- coalition administration (issue 11, parts 1, 3 and 8) ---------------------------
from coalition.urls_orgs import urlpatterns as _orgs_urlpatterns  # noqa: E402

urlpatterns += _orgs_urlpatterns
