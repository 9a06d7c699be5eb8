"""Writes of visits, follow-up actions and bottlenecks, and what they send.

Every function validates everything first and writes in one transaction, so bad input
leaves nothing half-saved. The views ask `coalition.access` who may act before they
call; a service checks data and state and records `by` (README, "Services trust their
caller's access check"). E-mail goes through `coalition.services.email_queue` (one
recorded, idempotent outbox); digests and reminders also leave a `VisitNotice`.

One module per area; callers import this package (`from practices.visits import
services`), which re-exports what they use.
"""

from practices.visits.services.actions import action_complete, action_create
from practices.visits.services.bottlenecks import (
    bottleneck_create,
    bottleneck_pass_on,
    bottleneck_resolve,
    bottleneck_update,
)
from practices.visits.services.common import VisitConflict, _url
from practices.visits.services.notices import (
    REMINDER_DAYS_BEFORE,
    _notice_send,
    action_reminders_send,
    digests_send_weekly,
)
from practices.visits.services.snapshot import SNAPSHOT_SOURCES, snapshot_build
from practices.visits.services.visits import (
    VISIT_TEXT_FIELDS,
    visit_cancel,
    visit_create,
    visit_feedback_share,
    visit_reply_create,
    visit_update,
    visits_plan_bulk,
)

__all__ = [
    "REMINDER_DAYS_BEFORE",
    "SNAPSHOT_SOURCES",
    "VISIT_TEXT_FIELDS",
    "VisitConflict",
    "_notice_send",  # the vendor module sends its notices the same way
    "_url",
    "action_complete",
    "action_create",
    "action_reminders_send",
    "bottleneck_create",
    "bottleneck_pass_on",
    "bottleneck_resolve",
    "bottleneck_update",
    "digests_send_weekly",
    "snapshot_build",
    "visit_cancel",
    "visit_create",
    "visit_feedback_share",
    "visit_reply_create",
    "visit_update",
    "visits_plan_bulk",
]
