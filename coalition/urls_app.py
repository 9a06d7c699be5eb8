from django.urls import path

from coalition import audit_views, views

app_name = "coalition"

urlpatterns = [
    path("start/", views.StartView.as_view(), name="start"),
    path("coalities/", views.CoalitionListView.as_view(), name="coalition_list"),
    path(
        "coalities/<slug:slug>/",
        views.CoalitionDetailView.as_view(),
        name="coalition_detail",
    ),
    path("gebruikers/", views.UserListView.as_view(), name="user_list"),
    path("gebruikers/uitnodigen/", views.InviteView.as_view(), name="invite"),
    path("auditlog/", audit_views.AuditLogView.as_view(), name="audit_log"),
]
