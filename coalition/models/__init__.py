"""Core of the platform: who the coalition is, who works in it, what it is funded for.

This package imports no app; the one lazy reference to `practices.Practice` (a practice
user's membership) is by name only.

`organisations` holds the region, the coalition, its member organisations, funders and
grants; `vendors` the services, standards, vendors, their versions, certifications and
agreements; `accounts` the users, their memberships and roles, the e-mail outbox and the
users' events. Django finds the models through this module; callers import from
`coalition.models`.
"""

from __future__ import annotations

from coalition.models.accounts import (
    EmailMessage,
    Membership,
    Role,
    StaffRole,
    User,
    UserEvent,
    UserManager,
)
from coalition.models.organisations import (
    Coalition,
    Funder,
    Grant,
    MemberOrganisation,
    MemberOrganisationQuerySet,
    Region,
)
from coalition.models.vendors import (
    Certification,
    FrameworkAgreement,
    ProductVersion,
    Service,
    Standard,
    Vendor,
    VendorContact,
)

# The audit log's row lives in its own module (append-only, see models_audit).
from coalition.models_audit import AuditEvent

__all__ = [
    "AuditEvent",
    "Certification",
    "Coalition",
    "EmailMessage",
    "FrameworkAgreement",
    "Funder",
    "Grant",
    "MemberOrganisation",
    "MemberOrganisationQuerySet",
    "Membership",
    "ProductVersion",
    "Region",
    "Role",
    "Service",
    "StaffRole",
    "Standard",
    "User",
    "UserEvent",
    "UserManager",
    "Vendor",
    "VendorContact",
]
