"""Writes of visits: plan, report, cancel, share the feedback, the practice's reply,
and planning many at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import Membership, Role, User
from coalition.services import email_queue
from practices.visits.dates import month_start, workdays
from practices.visits.models import (
    Visit,
    VisitNotice,
    VisitReply,
)
from practices.visits.services.common import (
    VisitConflict,
    _check_visitors,
    _save_once,
    _url,
)
from practices.visits.services.notices import _notice_send
from practices.visits.services.snapshot import _take_snapshot

if TYPE_CHECKING:
    from practices.models import Practice


VISIT_TEXT_FIELDS = (
    "progress",
    "going_well",
    "challenges",
    "support_needed",
    "feedback",
)


@transaction.atomic
def visit_create(
    *,
    by: User,
    practice: Practice,
    planned_on: dt.date,
    held_on: dt.date | None = None,
    visitors: Iterable[User] = (),
    progress: str = "",
    going_well: str = "",
    challenges: str = "",
    support_needed: str = "",
    feedback: str = "",
    form_token: str | None = None,
) -> Visit:
    """Plan a visit, or record one that was held (then the snapshot is taken now).

    With a `form_token`, submitting the same form again returns the visit it made.
    """
    visitors = _check_visitors(practice, visitors)
    visit = Visit(
        practice=practice,
        planned_on=planned_on,
        held_on=held_on,
        progress=progress,
        going_well=going_well,
        challenges=challenges,
        support_needed=support_needed,
        feedback=feedback,
        created_by=by,
    )
    visit.full_clean()
    if form_token and (existing := Visit.objects.filter(form_token=form_token).first()):
        return existing
    if held_on:
        _take_snapshot(visit)
    visit, _created = _save_once(
        visit, form_token=form_token, extra=lambda v: v.visitors.set(visitors)
    )
    return visit


@transaction.atomic
def visit_update(
    *,
    by: User,
    visit: Visit,
    visitors: Iterable[User] | None = None,
    version: int | None = None,
    **fields,
) -> Visit:
    """Change a visit's dates or report; marking it held takes the snapshot.

    `version` is the one the form was opened at: when the stored visit has moved on
    (someone else saved it meanwhile), nothing is written and `VisitConflict` says so.
    """
    allowed = {"planned_on", "held_on", *VISIT_TEXT_FIELDS}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if version is not None and version != visit.version:
        raise VisitConflict(visit)
    was_held = visit.is_held
    for name, value in fields.items():
        setattr(visit, name, value)
    if visit.is_shared and not visit.feedback.strip():
        raise ValidationError(
            {
                "feedback": _(
                    "Deze terugkoppeling is al gedeeld met de praktijk en kan niet "
                    "leeg worden."
                )
            }
        )
    visit.full_clean()
    if visit.is_held and not was_held:
        _take_snapshot(visit)
    visit.version += 1
    visit.save()
    if visitors is not None:
        visit.visitors.set(_check_visitors(visit.practice, visitors))
    return visit


@transaction.atomic
def visit_cancel(*, by: User, visit: Visit) -> None:
    """Drop a planned visit that will not take place (a held one stays on record)."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.is_held:
        raise ValidationError(
            _("Een gehouden bezoek blijft bewaard; alleen een gepland bezoek vervalt.")
        )
    if visit.actions.exists() or visit.bottlenecks.exists():
        raise ValidationError(
            _(
                "Er hangen acties of knelpunten aan dit bezoek: verplaats de datum in "
                "plaats van het te laten vervallen."
            )
        )
    visit.delete()


@transaction.atomic
def visit_feedback_share(*, by: User, visit: Visit) -> Visit:
    """Make the feedback visible to the practice (who, when)."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.is_shared:
        raise ValidationError(_("Deze terugkoppeling is al gedeeld."))
    if not visit.is_held:
        raise ValidationError(
            _("Het bezoek is nog niet gehouden: vul eerst de datum gehouden in.")
        )
    if not visit.feedback.strip():
        raise ValidationError(
            _(
                "Er is geen terugkoppeling om te delen: schrijf eerst de "
                "terugkoppeling aan de praktijk."
            )
        )
    visit.feedback_shared_at = timezone.now()
    visit.feedback_shared_by = by
    visit.full_clean()
    visit.save(update_fields=["feedback_shared_at", "feedback_shared_by", "updated"])
    _feedback_shared_notify(visit, by=by)
    return visit


def _practice_recipients(practice: Practice) -> list[str]:
    """The practice's contacts and its active practice users, each address once."""
    emails = list(
        practice.contacts.order_by("-is_primary", "pk").values_list("email", flat=True)
    )
    emails += list(
        Membership.objects.filter(
            role=Role.PRACTICE, practice=practice, user__is_active=True
        )
        .order_by("user__email")
        .values_list("user__email", flat=True)
    )
    seen: dict[str, str] = {}
    for email in emails:
        if email and email.strip().lower() not in seen:
            seen[email.strip().lower()] = email.strip()
    return list(seen.values())


def _feedback_shared_notify(visit: Visit, *, by: User) -> None:
    """Tell the practice its feedback is there: one e-mail per recipient per share,
    through the outbox (the key makes a second call send nothing)."""
    practice = visit.practice
    coalition = practice.coalition
    context = {
        "visit": visit,
        "practice": practice,
        "coalition": coalition,
        "by": by,
        "visit_url": _url("visits:visit_detail", pk=visit.pk),
    }
    day = timezone.localdate()
    for email in _practice_recipients(practice):
        _notice_send(
            kind=VisitNotice.Kind.SHARED,
            key=f"visits:shared:{visit.pk}:{email.lower()}",
            to=email,
            day=day,
            template="practices/visits/email/feedback_shared",
            context=context,
            coalition=coalition,
            summary={"visit": visit.pk},
        )


@transaction.atomic
def visit_reply_create(*, by: User, visit: Visit, text: str) -> VisitReply:
    if not visit.is_shared:  # the practice answers feedback it was given
        raise ValidationError(_("Deze terugkoppeling is nog niet gedeeld."))
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Schrijf een reactie.")})
    reply = VisitReply(visit=visit, author=by, text=text)
    reply.full_clean()
    reply.save()
    # The visitors hear of it (the shared-by lead when nobody was named as visitor).
    recipients = {u.email for u in visit.visitors.filter(is_active=True)}
    if not recipients and visit.feedback_shared_by:
        recipients = {visit.feedback_shared_by.email}
    for email in sorted(recipients):
        email_queue(
            key=f"visits:reply:{reply.pk}:{email}",
            to=email,
            template="practices/visits/email/reply",
            context={
                "reply": reply,
                "visit": visit,
                "practice": visit.practice,
                "visit_url": _url("visits:visit_detail", pk=visit.pk),
            },
            coalition=visit.practice.coalition,
        )
    return reply


@transaction.atomic
def visits_plan_bulk(
    *,
    by: User,
    practices: Iterable[Practice],
    visitor: User,
    month: dt.date,
    today: dt.date | None = None,
) -> dict[str, list]:
    """Plan one visit per practice in a month, spread over its working days.

    Practices that already have a planned visit are skipped (and reported), so planning
    the same set twice creates nothing new.
    """
    today = today or timezone.localdate()
    month = month_start(month)
    practices = list(practices)
    if not practices:
        raise ValidationError(_("Kies minstens één praktijk om te plannen."))
    if month < month_start(today):
        raise ValidationError(
            {"month": _("Deze maand is voorbij: kies deze maand of een latere.")}
        )
    days = workdays(month, not_before=today)
    if not days:
        raise ValidationError(
            {"month": _("Deze maand heeft geen werkdagen meer: kies een latere maand.")}
        )
    for practice in practices:
        _check_visitors(practice, [visitor])
    already = set(
        Visit.objects.filter(practice__in=practices, held_on__isnull=True).values_list(
            "practice_id", flat=True
        )
    )
    todo = [p for p in practices if p.pk not in already]
    created = []
    for i, practice in enumerate(todo):
        visit = Visit(
            practice=practice,
            planned_on=days[(i * len(days)) // len(todo)],
            created_by=by,
        )
        visit.full_clean()
        visit.save()
        visit.visitors.set([visitor])
        created.append(visit)
    return {
        "created": created,
        "skipped": [p for p in practices if p.pk in already],
    }
