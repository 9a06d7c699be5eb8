"""Writes of visits, follow-up actions and bottlenecks, and what they send.

Every function validates everything first and writes in one transaction, so bad input
leaves nothing half-saved. E-mail goes through `coalition.services.email_queue` (one
recorded, idempotent outbox); digests and reminders also leave a `VisitNotice`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from coalition import access
from coalition.models import Coalition, Membership, Role, User, Vendor
from coalition.services import email_queue
from practices import selectors as practice_selectors
from practices.models import Practice
from practices.visits import selectors
from practices.visits.dates import month_start, workdays
from practices.visits.models import (
    Bottleneck,
    FollowUpAction,
    Visit,
    VisitNotice,
    VisitReply,
)
from surveys import selectors as survey_selectors
from training import selectors as training_selectors

VISIT_TEXT_FIELDS = (
    "progress",
    "going_well",
    "challenges",
    "support_needed",
    "feedback",
)


def _url(name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs or None)


# --- the snapshot ---------------------------------------------------------------------

# The parts of a snapshot and the selector each comes from (the other apps' read
# functions, imported like any other module).
SNAPSHOT_SOURCES: dict[str, Callable[[Practice], Any]] = {
    "rollout": practice_selectors.rollout_matrix,
    "training": training_selectors.coverage_for_practice,
    "survey": survey_selectors.latest_figures_for_practice,
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Promise):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def snapshot_build(practice: Practice) -> dict:
    """The practice as it is now: rollout matrix, training coverage, latest figures.

    A source that fails raises: a visit report saved with a part silently missing
    would be worse than one that is not saved.
    """
    parts: dict[str, Any] = {
        part: _jsonable(source(practice)) for part, source in SNAPSHOT_SOURCES.items()
    }
    parts["taken_at"] = timezone.now().isoformat()
    return parts


def _take_snapshot(visit: Visit) -> None:
    visit.snapshot = snapshot_build(visit.practice)
    visit.snapshot_taken_at = timezone.now()


# --- one submission, one row ---------------------------------------------------------


class VisitConflict(ValidationError):
    """Someone else saved the visit after this form was opened; `current` is the visit
    as it is stored now, so the page can show what changed."""

    def __init__(self, current: Visit):
        super().__init__(
            _(
                "Iemand anders heeft dit bezoek opgeslagen nadat u het opende. Uw "
                "wijzigingen zijn niet opgeslagen. Hieronder staat wat nu is "
                "opgeslagen; neem over wat nodig is en sla opnieuw op."
            ),
            code="conflict",
        )
        self.current = current


def _save_once(obj, *, form_token: str | None, extra=None):
    """Save a new row carrying the form's one-time token; when the same form was
    submitted before (a double click), return the row it made instead.

    The unique token column decides, so two requests racing each other still make one
    row: the loser's insert fails and it returns the winner's row.
    """
    model = type(obj)
    if form_token:
        existing = model.objects.filter(form_token=form_token).first()
        if existing is not None:
            return existing, False
        obj.form_token = form_token
    try:
        with transaction.atomic():
            obj.save()
            if extra:
                extra(obj)
    except IntegrityError:
        if form_token:
            existing = model.objects.filter(form_token=form_token).first()
            if existing is not None:
                return existing, False
        raise
    return obj, True


# --- visits ---------------------------------------------------------------------------


def _check_lead(by: User, practice: Practice) -> None:
    if not access.can_plan_visits(by) or practice.coalition_id not in (
        access.scope(by).lead_coalitions
    ):
        raise PermissionError("not a lead of this practice's coalition")


def _check_visitors(practice: Practice, visitors: Iterable[User]) -> list[User]:
    visitors = list(visitors)
    allowed = set(
        selectors.lead_users([practice.coalition_id]).values_list("pk", flat=True)
    )
    wrong = [v for v in visitors if v.pk not in allowed]
    if wrong:
        raise ValidationError(
            {
                "visitors": _(
                    "Alleen projectleiders van de coalitie van deze praktijk kunnen "
                    "bezoeken: %(names)s."
                )
                % {"names": ", ".join(str(v) for v in wrong)}
            }
        )
    return visitors


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
    _check_lead(by, practice)
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
    if not access.can_edit_visit(by, visit):
        raise PermissionError("not a lead of this practice's coalition")
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
    if not access.can_edit_visit(by, visit):
        raise PermissionError("not a lead of this practice's coalition")
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
    if not access.can_edit_visit(by, visit):
        raise PermissionError("not a lead of this practice's coalition")
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
    if not access.can_reply_to_visit(by, visit):
        raise PermissionError("may not reply to this visit")
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
        _check_lead(by, practice)
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


# --- follow-up actions ----------------------------------------------------------------


@transaction.atomic
def action_create(
    *,
    by: User,
    visit: Visit,
    description: str,
    owner: str,
    due_on: dt.date,
    owner_user: User | None = None,
) -> FollowUpAction:
    if not access.can_edit_visit(by, visit):
        raise PermissionError("not a lead of this practice's coalition")
    if owner == FollowUpAction.Owner.LEAD:
        owner_user = owner_user or by
        _check_visitors(visit.practice, [owner_user])
    else:
        owner_user = None
    action = FollowUpAction(
        visit=visit,
        description=(description or "").strip(),
        owner=owner,
        owner_user=owner_user,
        due_on=due_on,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_complete(
    *, by: User, action: FollowUpAction, done_on: dt.date | None = None
) -> FollowUpAction:
    if not access.can_complete_action(by, action):
        raise PermissionError("may not complete this action")
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if action.done_on:
        return action
    action.done_on = done_on or timezone.localdate()
    action.full_clean()
    action.save(update_fields=["done_on"])
    return action


# --- bottlenecks ----------------------------------------------------------------------


@transaction.atomic
def bottleneck_create(
    *,
    by: User,
    practice: Practice,
    category: str,
    description: str,
    vendor: Vendor | None = None,
    visit: Visit | None = None,
    form_token: str | None = None,
) -> Bottleneck:
    """Raised during a visit (by the lead) or by a practice user for their practice.

    With a `form_token`, submitting the same form again returns the bottleneck it made.
    """
    if not access.can_raise_bottleneck(by, practice):
        raise PermissionError("may not raise a bottleneck for this practice")
    if visit is not None and not access.can_edit_visit(by, visit):
        raise PermissionError("may not add to this visit")
    bottleneck = Bottleneck(
        practice=practice,
        visit=visit,
        category=category,
        vendor=vendor,
        description=(description or "").strip(),
        raised_by=by,
    )
    bottleneck.full_clean()
    bottleneck, _created = _save_once(bottleneck, form_token=form_token)
    return bottleneck


@transaction.atomic
def bottleneck_update(
    *,
    by: User,
    bottleneck: Bottleneck,
    category: str,
    description: str,
    vendor: Vendor | None = None,
) -> Bottleneck:
    """Correct an open bottleneck (for instance, name the vendor before passing it on)."""
    if not access.can_manage_bottleneck(by, bottleneck):
        raise PermissionError("not a lead of this practice's coalition")
    bottleneck = Bottleneck.objects.select_for_update().get(pk=bottleneck.pk)
    if bottleneck.status != Bottleneck.Status.OPEN:
        raise ValidationError(
            _("Een doorgegeven of opgelost knelpunt wordt niet meer gewijzigd.")
        )
    bottleneck.category = category
    bottleneck.vendor = vendor
    bottleneck.description = (description or "").strip()
    bottleneck.full_clean()
    bottleneck.save(update_fields=["category", "vendor", "description"])
    return bottleneck


def _office_emails() -> list[str]:
    return list(
        Membership.objects.filter(role=Role.OFFICE, user__is_active=True)
        .values_list("user__email", flat=True)
        .order_by("user__email")
        .distinct()
    )


@transaction.atomic
def bottleneck_pass_on(
    *, by: User, bottleneck: Bottleneck, to: str, note: str = ""
) -> Bottleneck:
    """Pass an open bottleneck to the vendor (e-mail to its contact) or to the national
    programme office (e-mail to the office's users); who and when are recorded.

    The office in turn passes what reached its inbox on to the vendor.
    """
    office = access.can_handle_office_bottleneck(by, bottleneck)
    if not (office or access.can_manage_bottleneck(by, bottleneck)):
        raise PermissionError("not a lead of this practice's coalition")
    bottleneck = (
        Bottleneck.objects.select_for_update(of=("self",))
        .select_related("practice__coalition", "vendor")
        .get(pk=bottleneck.pk)
    )
    if office and access.can_handle_office_bottleneck(by, bottleneck):
        if to != Bottleneck.PassedTo.VENDOR:
            raise ValidationError(
                {
                    "to": _(
                        "Het programmabureau geeft een knelpunt door aan de "
                        "leverancier."
                    )
                }
            )
    elif bottleneck.status != Bottleneck.Status.OPEN:
        raise ValidationError(
            _("Alleen een open knelpunt kan worden doorgegeven; dit is al %(status)s.")
            % {"status": bottleneck.get_status_display()}
        )
    if to == Bottleneck.PassedTo.VENDOR:
        if bottleneck.vendor is None:
            raise ValidationError(
                {
                    "to": _(
                        "Bij dit knelpunt is geen leverancier gekozen: geef het door "
                        "aan het programmabureau, of kies eerst de leverancier."
                    )
                }
            )
        if not bottleneck.vendor.contact_email:
            raise ValidationError(
                {
                    "to": _(
                        "%(vendor)s heeft geen e-mailadres van een contactpersoon. "
                        "Vul dat eerst in bij de leverancier; het knelpunt is niet "
                        "doorgegeven."
                    )
                    % {"vendor": bottleneck.vendor.name}
                }
            )
        recipients = [bottleneck.vendor.contact_email]
    elif to == Bottleneck.PassedTo.OFFICE:
        recipients = _office_emails()
    else:
        raise ValidationError({"to": _("Kies aan wie u het knelpunt doorgeeft.")})
    now = timezone.now()
    bottleneck.status = Bottleneck.Status.PASSED_ON
    bottleneck.passed_to = to
    bottleneck.passed_on_by = by
    bottleneck.passed_on_at = now
    bottleneck.pass_on_note = (note or "").strip()
    bottleneck.full_clean()
    bottleneck.save()
    coalition = bottleneck.practice.coalition
    context = {
        "bottleneck": bottleneck,
        "practice": bottleneck.practice,
        "coalition": coalition,
        "by": by,
        "to_vendor": to == Bottleneck.PassedTo.VENDOR,
    }
    for email in recipients:
        _notice_send(
            kind=VisitNotice.Kind.PASSED_ON,
            key=f"visits:bottleneck:{bottleneck.pk}:{to}:{email}",
            to=email,
            day=timezone.localdate(),
            template="practices/visits/email/bottleneck_passed_on",
            context=context,
            coalition=coalition,
            summary={"bottleneck": bottleneck.pk, "to": to},
        )
    return bottleneck


@transaction.atomic
def bottleneck_resolve(
    *, by: User, bottleneck: Bottleneck, resolution: str
) -> Bottleneck:
    """Close a bottleneck: the lead of its coalition, or the office for one in its
    inbox."""
    if not (
        access.can_manage_bottleneck(by, bottleneck)
        or access.can_handle_office_bottleneck(by, bottleneck)
    ):
        raise PermissionError("not a lead of this practice's coalition")
    bottleneck = Bottleneck.objects.select_for_update().get(pk=bottleneck.pk)
    if bottleneck.status == Bottleneck.Status.RESOLVED:
        raise ValidationError(_("Dit knelpunt is al opgelost."))
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError(
            {"resolution": _("Beschrijf kort hoe het knelpunt is opgelost.")}
        )
    bottleneck.status = Bottleneck.Status.RESOLVED
    bottleneck.resolution = resolution
    bottleneck.resolved_by = by
    bottleneck.resolved_at = timezone.now()
    bottleneck.full_clean()
    bottleneck.save()
    return bottleneck


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
