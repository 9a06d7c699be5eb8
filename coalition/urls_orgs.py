"""URLs of the coalition administration (issue 11, parts 1, 3 and 8), mounted in the
`coalition` namespace by coalition/urls_app.py."""

from django.urls import path

from coalition import views_admin_orgs as views

urlpatterns = [
    # a lead's member organisations
    path(
        "coalitie/lidorganisaties/",
        views.MemberOrganisationListView.as_view(),
        name="member_org_list",
    ),
    path(
        "coalitie/lidorganisaties/nieuw/",
        views.MemberOrganisationCreateView.as_view(),
        name="member_org_create",
    ),
    path(
        "coalitie/lidorganisaties/<int:pk>/",
        views.MemberOrganisationDetailView.as_view(),
        name="member_org_detail",
    ),
    path(
        "coalitie/lidorganisaties/<int:pk>/bewerken/",
        views.MemberOrganisationEditView.as_view(),
        name="member_org_edit",
    ),
    path(
        "coalitie/lidorganisaties/<int:pk>/beeindigen/",
        views.MemberOrganisationEndView.as_view(),
        name="member_org_end",
    ),
    # a lead's framework agreements and grants
    path(
        "coalitie/raamovereenkomsten/",
        views.AgreementListView.as_view(),
        name="agreement_list",
    ),
    path(
        "coalitie/raamovereenkomsten/nieuw/",
        views.AgreementFormView.as_view(),
        name="agreement_create",
    ),
    path(
        "coalitie/raamovereenkomsten/<int:pk>/",
        views.AgreementFormView.as_view(),
        name="agreement_edit",
    ),
    path("coalitie/subsidies/", views.GrantListView.as_view(), name="grant_list"),
    path(
        "coalitie/subsidies/nieuw/", views.GrantFormView.as_view(), name="grant_create"
    ),
    path(
        "coalitie/subsidies/<int:pk>/", views.GrantFormView.as_view(), name="grant_edit"
    ),
    # the programme office's coalitions
    path(
        "programmabureau/coalities/",
        views.OfficeCoalitionListView.as_view(),
        name="office_coalition_list",
    ),
    path(
        "programmabureau/coalities/nieuw/",
        views.OfficeCoalitionCreateView.as_view(),
        name="office_coalition_create",
    ),
    path(
        "programmabureau/coalities/<slug:slug>/",
        views.OfficeCoalitionDetailView.as_view(),
        name="office_coalition_detail",
    ),
    path(
        "programmabureau/coalities/<slug:slug>/bewerken/",
        views.OfficeCoalitionEditView.as_view(),
        name="office_coalition_edit",
    ),
]
