"""The audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from coalition.access.scoping import scope

if TYPE_CHECKING:
    from coalition.access.scoping import AnyUser
    from coalition.models import AuditEvent


# --- audit log -----------------------------------------------------------------------


def can_read_audit_log(user: AnyUser) -> bool:
    s = scope(user)
    return s.office or bool(s.lead_coalitions)


def visible_audit_events(user: AnyUser) -> QuerySet[AuditEvent]:
    """Leads read their own coalitions' log; the programme office reads all of it."""
    from coalition.models import AuditEvent

    s = scope(user)
    if s.office:
        return AuditEvent.objects.all()
    return AuditEvent.objects.filter(coalition_id__in=s.lead_coalitions)
