"""Pages of the coalition administration (issue 11): a lead's member organisations
(part 1), framework agreements and grants (part 3), and the programme office's
coalitions (part 8). Thin: access, selector or service, render.

One module per area; this package re-exports the views for coalition.urls_orgs.
"""

from __future__ import annotations

from coalition.views_admin_orgs.agreements import (
    AgreementFormView,
    AgreementListView,
    GrantFormView,
    GrantListView,
    LeadRecordFormView,
)
from coalition.views_admin_orgs.base import (
    LEAD_ONLY,
    OFFICE_ONLY,
    LeadListView,
)
from coalition.views_admin_orgs.member_organisations import (
    MemberOrganisationCreateView,
    MemberOrganisationDetailView,
    MemberOrganisationEditView,
    MemberOrganisationEndView,
    MemberOrganisationListView,
    MemberOrganisationMixin,
)
from coalition.views_admin_orgs.office_coalitions import (
    OfficeCoalitionCreateView,
    OfficeCoalitionDetailView,
    OfficeCoalitionEditView,
    OfficeCoalitionListView,
    OfficeCoalitionMixin,
)

__all__ = [
    "LEAD_ONLY",
    "OFFICE_ONLY",
    "LeadListView",
    "MemberOrganisationListView",
    "MemberOrganisationCreateView",
    "MemberOrganisationMixin",
    "MemberOrganisationDetailView",
    "MemberOrganisationEditView",
    "MemberOrganisationEndView",
    "AgreementListView",
    "GrantListView",
    "LeadRecordFormView",
    "AgreementFormView",
    "GrantFormView",
    "OfficeCoalitionListView",
    "OfficeCoalitionCreateView",
    "OfficeCoalitionMixin",
    "OfficeCoalitionDetailView",
    "OfficeCoalitionEditView",
]
