from django.urls import path

from coalition import (
    audit_views,
    auth_views,
    funder_views,
    views,
    views_admin_users,
    views_admin_vendors,
)

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
        "voortgang/export/",
        funder_views.ProgressExportStartView.as_view(),
        name="progress_export_start",
    ),
    path(
        "voortgang/export/<int:pk>/",
        funder_views.ProgressExportView.as_view(),
        name="progress_export",
    ),
    path(
        "voortgang/export/<int:pk>/status/",
        funder_views.ProgressExportStatusView.as_view(),
        name="progress_export_status",
    ),
    path(
        "voortgang/export/<int:pk>/rapporten.xlsx",
        funder_views.ProgressExportDownloadView.as_view(),
        name="progress_export_download",
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
    path(
        "gebruikers/", views_admin_users.UserAdminListView.as_view(), name="user_list"
    ),
    path("gebruikers/uitnodigen/", views.InviteView.as_view(), name="invite"),
    path(
        "uitnodiging/<str:token>/",
        auth_views.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path("auditlog/", audit_views.AuditLogView.as_view(), name="audit_log"),
    # --- vendors, product versions, certifications (issue 11.2, 11.8) ---
    path(
        "beheer/leveranciers/",
        views_admin_vendors.VendorAdminListView.as_view(),
        name="vendor_admin_list",
    ),
    path(
        "beheer/leveranciers/praktijknamen/<int:pk>/",
        views_admin_vendors.VendorPracticeNamesView.as_view(),
        name="vendor_practice_names",
    ),
    path(
        "beheer/leveranciers/nieuw/",
        views_admin_vendors.VendorCreateView.as_view(),
        name="vendor_create",
    ),
    path(
        "beheer/leveranciers/<int:pk>/",
        views_admin_vendors.VendorAdminDetailView.as_view(),
        name="vendor_admin_detail",
    ),
    path(
        "beheer/leveranciers/<int:pk>/bewerken/",
        views_admin_vendors.VendorUpdateView.as_view(),
        name="vendor_update",
    ),
    path(
        "beheer/leveranciers/<int:pk>/contactpersonen/nieuw/",
        views_admin_vendors.VendorContactView.as_view(),
        name="vendor_contact_create",
    ),
    path(
        "beheer/leveranciers/<int:pk>/contactpersonen/<int:cpk>/",
        views_admin_vendors.VendorContactView.as_view(),
        name="vendor_contact_update",
    ),
    path(
        "beheer/leveranciers/<int:pk>/versies/nieuw/",
        views_admin_vendors.ProductVersionView.as_view(),
        name="product_version_create",
    ),
    path(
        "beheer/leveranciers/<int:pk>/versies/<int:vpk>/",
        views_admin_vendors.ProductVersionView.as_view(),
        name="product_version_update",
    ),
    path(
        "beheer/leveranciers/<int:pk>/certificering-voorstellen/",
        views_admin_vendors.CertificationProposeView.as_view(),
        name="certification_propose",
    ),
    path(
        "beheer/certificeringen/",
        views_admin_vendors.CertificationListView.as_view(),
        name="certification_list",
    ),
    path(
        "beheer/certificeringen/<int:pk>/bevestigen/",
        views_admin_vendors.CertificationConfirmView.as_view(),
        name="certification_confirm",
    ),
    path(
        "beheer/certificeringen/<int:pk>/intrekken/",
        views_admin_vendors.CertificationWithdrawView.as_view(),
        name="certification_withdraw",
    ),
    # --- users of a coalition (issue 11.4) ---
    path(
        "gebruikers/<int:pk>/",
        views_admin_users.UserAdminDetailView.as_view(),
        name="user_admin_detail",
    ),
    path(
        "gebruikers/<int:pk>/rollen/<int:mpk>/",
        views_admin_users.MembershipChangeView.as_view(),
        name="membership_change",
    ),
    path(
        "gebruikers/<int:pk>/deactiveren/",
        views_admin_users.UserDeactivateView.as_view(),
        name="user_deactivate",
    ),
    path(
        "gebruikers/<int:pk>/activeren/",
        views_admin_users.UserReactivateView.as_view(),
        name="user_reactivate",
    ),
    path(
        "gebruikers/<int:pk>/uitnodiging-opnieuw/",
        views_admin_users.UserResendInvitationView.as_view(),
        name="user_resend_invitation",
    ),
]

# --- coalition administration (issue 11, parts 1, 3 and 8) ---------------------------
from coalition.urls_orgs import urlpatterns as _orgs_urlpatterns  # noqa: E402

urlpatterns += _orgs_urlpatterns
