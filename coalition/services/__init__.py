"""Writes of the core: coalitions, memberships, invitations, and the e-mail outbox.

One module per area: `memberships`, `invitations` and `outbox`. Everything is
re-exported here: callers import from `coalition.services`.
"""

from __future__ import annotations

from coalition.services.invitations import (
    INVITATION_MAX_AGE,
    INVITATION_SALT,
    invitation_accept,
    invitation_read,
    password_setup_url,
    user_invite,
    vendor_user_invite,
)
from coalition.services.memberships import (
    LEADS_GROUP,
    coalition_create,
    membership_create,
    membership_sync_groups,
)
from coalition.services.outbox import (
    EmailDeliveryError,
    email_claim_timeout,
    email_queue,
    email_retry_unsent,
    email_send,
    log,
)

__all__ = [
    "EmailDeliveryError",
    "INVITATION_MAX_AGE",
    "INVITATION_SALT",
    "LEADS_GROUP",
    "coalition_create",
    "email_claim_timeout",
    "email_queue",
    "email_retry_unsent",
    "email_send",
    "invitation_accept",
    "invitation_read",
    "log",
    "membership_create",
    "membership_sync_groups",
    "password_setup_url",
    "user_invite",
    "vendor_user_invite",
]
