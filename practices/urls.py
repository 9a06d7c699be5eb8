from django.urls import path

from practices import public_views, views, views_proposals

app_name = "practices"

urlpatterns = [
    path("", views.PracticeListView.as_view(), name="list"),
    path("nieuw/", views.PracticeCreateView.as_view(), name="create"),
    path("stap-wijzigen/", views.PracticeBulkStepView.as_view(), name="bulk_step"),
    path("import/", views.RegistryImportView.as_view(), name="import"),
    path(
        "import/sjabloon.xlsx",
        views.RegistryTemplateView.as_view(),
        name="import_template",
    ),
    path("go-live/", views.DashboardView.as_view(), name="dashboard"),
    path("go-live/deadlines/", views.DeadlinesView.as_view(), name="deadlines"),
    path(
        "go-live/export/", views.DashboardExportView.as_view(), name="dashboard_export"
    ),
    path(
        "go-live/lidorganisatie/<int:pk>/",
        views.MemberMatrixView.as_view(),
        name="member_matrix",
    ),
    path("leveranciers/", views.VendorListView.as_view(), name="vendor_list"),
    path(
        "leveranciers/<int:pk>/",
        views.VendorDetailView.as_view(),
        name="vendor_detail",
    ),
    path("<int:pk>/", views.PracticeDetailView.as_view(), name="detail"),
    path("<int:pk>/bewerken/", views.PracticeEditView.as_view(), name="edit"),
    path("<int:pk>/uitrol/", views.RolloutChangeView.as_view(), name="rollout"),
    path(
        "<int:pk>/publieke-pagina/",
        public_views.PublicPageSetView.as_view(),
        name="public_page_set",
    ),
    path(
        "<int:pk>/voorstel/",
        views_proposals.ProposalCreateView.as_view(),
        name="proposal_create",
    ),
    path(
        "voorstellen/<int:pk>/besluit/",
        views_proposals.ProposalDecideView.as_view(),
        name="proposal_decide",
    ),
]
