"""Pages of the registry and the go-live tracking. Thin: access, selector or service,
render. Data comes only through coalition.access.

One module per area; this package re-exports the views for practices.urls.
"""

from __future__ import annotations

from practices.views.base import (
    LEAD_OR_OFFICE,
)
from practices.views.dashboard import (
    CoalitionChoiceMixin,
    DashboardExportView,
    DashboardView,
    DeadlinesView,
    MemberMatrixView,
)
from practices.views.practices import (
    PracticeBulkStepView,
    PracticeCreateView,
    PracticeDetailView,
    PracticeEditView,
    PracticeListView,
    PracticeMixin,
    RolloutChangeView,
)
from practices.views.registry import (
    SESSION_KEY,
    RegistryImportView,
    RegistryTemplateView,
)
from practices.views.vendors import (
    VendorDetailView,
    VendorListView,
)

__all__ = [
    "LEAD_OR_OFFICE",
    "PracticeListView",
    "PracticeBulkStepView",
    "PracticeMixin",
    "PracticeDetailView",
    "RolloutChangeView",
    "PracticeEditView",
    "PracticeCreateView",
    "CoalitionChoiceMixin",
    "DashboardView",
    "DashboardExportView",
    "MemberMatrixView",
    "DeadlinesView",
    "SESSION_KEY",
    "RegistryImportView",
    "RegistryTemplateView",
    "VendorListView",
    "VendorDetailView",
]
