"""Writes of the training app: sessions, registrations, attendance, invitations.

Seats are decided while the session row is locked (`select_for_update`), so two
requests at the same moment cannot both take the last seat; on SQLite the settings'
IMMEDIATE transactions serialise writers the same way.

One module per area: `sessions` (courses, sessions, trainer feeds), `registrations`
(registering, cancelling, attendance, the waiting list) and `messages` (reminders,
invitations and messages to participants). Everything is re-exported here: callers
import from `training.services`.
"""

from __future__ import annotations

from training.services.messages import (
    AUDIENCE_STATUSES,
    MESSAGE_REPEAT_WINDOW,
    coverage_invite,
    session_message_send,
    session_send_reminders,
)
from training.services.registrations import (
    registration_cancel,
    registration_create,
    registration_set_attendance,
)
from training.services.sessions import (
    CALENDAR_FIELDS,
    course_save,
    session_cancel,
    session_create,
    session_notify_cancelled,
    session_update,
    trainer_feed_get,
    trainer_feed_renew,
)

__all__ = [
    "AUDIENCE_STATUSES",
    "CALENDAR_FIELDS",
    "MESSAGE_REPEAT_WINDOW",
    "course_save",
    "coverage_invite",
    "registration_cancel",
    "registration_create",
    "registration_set_attendance",
    "session_cancel",
    "session_create",
    "session_message_send",
    "session_notify_cancelled",
    "session_send_reminders",
    "session_update",
    "trainer_feed_get",
    "trainer_feed_renew",
]
