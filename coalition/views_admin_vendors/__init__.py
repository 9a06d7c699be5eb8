"""Vendors, their product versions and certifications, managed in the platform
(issue 11.2 and the office's half of 11.8).

A lead adds vendors, keeps their coalition's contacts at them, adds product versions of
a vendor that is theirs alone and proposes certifications; the programme office keeps
the shared data and confirms or withdraws certifications. The rules are in
`coalition.access` (block "vendors"); every write is a service in
`coalition.services_vendors`.

One module per area; this package re-exports the views for coalition.urls_app.
"""

from __future__ import annotations

from coalition.views_admin_vendors.base import (
    LEAD_OR_OFFICE,
)
from coalition.views_admin_vendors.certifications import (
    CertificationConfirmView,
    CertificationListView,
    CertificationWithdrawView,
)
from coalition.views_admin_vendors.forms import (
    CertificationProposeForm,
    ProductVersionForm,
    VendorContactForm,
    VendorCreateForm,
    VendorForm,
    WithdrawForm,
)
from coalition.views_admin_vendors.tables import (
    CertificationTable,
    VendorAdminTable,
)
from coalition.views_admin_vendors.vendors import (
    CertificationProposeView,
    ProductVersionView,
    VendorAdminDetailView,
    VendorAdminListView,
    VendorContactView,
    VendorCreateView,
    VendorPracticeNamesView,
    VendorUpdateView,
)

__all__ = [
    "LEAD_OR_OFFICE",
    "VendorAdminTable",
    "CertificationTable",
    "VendorForm",
    "VendorContactForm",
    "VendorCreateForm",
    "ProductVersionForm",
    "CertificationProposeForm",
    "WithdrawForm",
    "VendorAdminListView",
    "VendorAdminDetailView",
    "VendorCreateView",
    "VendorUpdateView",
    "VendorPracticeNamesView",
    "VendorContactView",
    "ProductVersionView",
    "CertificationProposeView",
    "CertificationConfirmView",
    "CertificationWithdrawView",
    "CertificationListView",
]
