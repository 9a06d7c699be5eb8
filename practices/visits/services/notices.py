"""What the visits send on their own: each notice once per key (`VisitNotice`), the
weekly digest of the leads and the reminders of follow-up actions."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from coalition.models import Coalition, Membership, Role, User
from coalition.services import email_queue
from practices.visits import selectors
from practices.visits.models import (
    FollowUpAction,
    VisitNotice,
)
from practices.visits.services.common import _url

if TYPE_CHECKING:
    pass


# --- digest and reminders -------------------------------------------------------------


def _notice_send(
    *,
    kind: str,
    key: str,
    to: str,
    day: dt.date,
    template: str,
    context: dict,
    coalition: Coalition | None,
    summary: dict,
) -> bool:
    """Send once per key: the notice row and the e-mail are written together."""
    with transaction.atomic():
        if VisitNotice.objects.filter(key=key).exists():
            return False
        message = email_queue(
            key=key, to=to, template=template, context=context, coalition=coalition
        )
        VisitNotice.objects.create(
            kind=kind,
            key=key,
            to=to,
            day=day,
            coalition=coalition,
            message=message,
            summary=summary,
        )
    return message is not None


def digests_send_weekly(*, today: dt.date | None = None) -> int:
    """One digest per project lead per ISO week, over all coalitions they lead.

    Nothing to report means no e-mail; a second run in the same week sends nothing.
    """
    today = today or timezone.localdate()
    year, week, _weekday = today.isocalendar()
    sent = 0
    leads = (
        User.objects.filter(memberships__role=Role.LEAD, is_active=True)
        .distinct()
        .order_by("pk")
    )
    # A coalition with several leads is summed up once, not once per lead.
    by_coalition: dict[int, dict] = {}
    for lead in leads:
        coalitions = Coalition.objects.filter(
            memberships__user=lead, memberships__role=Role.LEAD
        ).order_by("name")
        sections = []
        for c in coalitions:
            if c.pk not in by_coalition:
                by_coalition[c.pk] = selectors.digest_for_coalition(c, today=today)
            sections.append(by_coalition[c.pk])
        sections = [s for s in sections if not s["is_empty"]]
        if not sections:
            continue
        summary = {
            str(s["coalition"].pk): {
                "due": s["n_due"],
                "overdue": s["n_overdue"],
                "actions": s["n_actions"],
                "bottlenecks": s["n_bottlenecks"],
            }
            for s in sections
        }
        if _notice_send(
            kind=VisitNotice.Kind.DIGEST,
            key=f"visits:digest:{lead.pk}:{year}-W{week:02d}",
            to=lead.email,
            day=today,
            template="practices/visits/email/weekly_digest",
            context={
                "lead": lead,
                "sections": sections,
                "today": today,
                "planning_url": _url("visits:yearly"),
                "bottlenecks_url": _url("visits:bottleneck_list"),
            },
            coalition=sections[0]["coalition"] if len(sections) == 1 else None,
            summary=summary,
        ):
            sent += 1
    return sent


REMINDER_DAYS_BEFORE = 3


def _action_recipients(action: FollowUpAction) -> list[str]:
    if action.owner == FollowUpAction.Owner.LEAD:
        if action.owner_user and action.owner_user.is_active:
            return [action.owner_user.email]
        return [u.email for u in action.visit.visitors.filter(is_active=True)]
    practice = action.visit.practice
    emails = list(
        Membership.objects.filter(
            role=Role.PRACTICE, practice=practice, user__is_active=True
        )
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )
    if not emails:
        contact = practice.contacts.order_by("-is_primary", "pk").first()
        if contact:
            emails = [contact.email]
    return emails


def action_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind an action's owner 3 days before it is due (or later, when a run was
    missed, until the due date). Once per action per due date and recipient."""
    today = today or timezone.localdate()
    until = today + dt.timedelta(days=REMINDER_DAYS_BEFORE)
    actions = (
        FollowUpAction.objects.filter(
            done_on__isnull=True, due_on__gte=today, due_on__lte=until
        )
        .select_related("visit__practice__coalition", "owner_user")
        .order_by("pk")
    )
    sent = 0
    for action in actions:
        if action.owner == FollowUpAction.Owner.PRACTICE and not action.visit.is_shared:
            continue  # the practice has not been shown this action yet
        coalition = action.visit.practice.coalition
        for email in _action_recipients(action):
            if _notice_send(
                kind=VisitNotice.Kind.REMINDER,
                key=f"visits:reminder:{action.pk}:{action.due_on.isoformat()}:{email}",
                to=email,
                day=today,
                template="practices/visits/email/action_reminder",
                context={
                    "action": action,
                    "visit": action.visit,
                    "practice": action.visit.practice,
                    "visit_url": _url("visits:visit_detail", pk=action.visit_id),
                },
                coalition=coalition,
                summary={"action": action.pk, "due_on": action.due_on.isoformat()},
            ):
                sent += 1
        if action.reminder_sent_on != today:
            action.reminder_sent_on = today
            action.save(update_fields=["reminder_sent_on"])
    return sent
