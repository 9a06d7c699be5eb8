"""Writes of the registry and the go-live tracking.

Every rollout change goes through `rollout_change`, which keeps the history row (who,
when, from, to, note) in the same transaction, so the timeline can never miss a change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coalition.models import Coalition, Service
from practices.imports import PRACTICE_FIELDS, ImportPlan, plan_registry_import
from practices.models import (
    Practice,
    PracticeContact,
    Rollout,
    RolloutChange,
    ServiceDeadline,
    Step,
)

if TYPE_CHECKING:
    from coalition.models import User

_UNSET = object()


def rollouts_ensure(*, practices: Iterable[Practice], today: dt.date | None = None):
    """Give every practice a rollout row per service (not started), in bulk."""
    today = today or timezone.localdate()
    ids = [p.pk for p in practices]
    have = set(
        Rollout.objects.filter(practice_id__in=ids).values_list(
            "practice_id", "service"
        )
    )
    Rollout.objects.bulk_create(
        [
            Rollout(practice_id=pk, service=s, step=Step.NOT_STARTED, step_since=today)
            for pk in ids
            for s in Service.values
            if (pk, s) not in have
        ],
        batch_size=1000,
    )


@transaction.atomic
def rollout_change(
    *,
    practice: Practice,
    service: str,
    by: User | None,
    step: int | None = None,
    planned_date=_UNSET,
    live_date: dt.date | None = None,
    reason: str | None = None,
    note: str = "",
    today: dt.date | None = None,
    at: dt.datetime | None = None,
) -> Rollout:
    """Move a practice's rollout of one service and record the change.

    Going live sets the live date (today unless given) and clears the reason; leaving
    live clears the live date. Any step change clears the reason unless a different
    one is given; the history row of the earlier change keeps the old reason. A change that changes nothing and has no note writes
    nothing.
    """
    today = today or timezone.localdate()
    if service not in Service.values:
        raise ValidationError({"service": _("Onbekende dienst.")})
    rollout, _new = Rollout.objects.select_for_update().get_or_create(
        practice=practice,
        service=service,
        defaults={"step": Step.NOT_STARTED, "step_since": today},
    )
    before = (rollout.step, rollout.planned_date, rollout.live_date, rollout.reason)
    if step is not None and int(step) != rollout.step:
        rollout.step = int(step)
        rollout.step_since = today
        # A reason belongs to the step it was given for: a step change clears it
        # unless a new one comes with it (the form posts the old one back).
        if reason == before[3]:
            reason = None
        rollout.reason = ""
    if planned_date is not _UNSET:
        rollout.planned_date = planned_date
    if rollout.step == Step.LIVE:
        rollout.live_date = live_date or rollout.live_date or today
        rollout.reason = ""
    else:
        rollout.live_date = None
        if reason is not None:
            rollout.reason = reason
    if rollout.live_date and rollout.live_date > today:
        raise ValidationError(
            {"live_date": _("Een livedatum kan niet in de toekomst liggen.")}
        )
    after = (rollout.step, rollout.planned_date, rollout.live_date, rollout.reason)
    if before == after and not note.strip():
        return rollout
    rollout.full_clean()
    rollout.save()
    RolloutChange.objects.create(
        rollout=rollout,
        changed_at=at or timezone.now(),
        changed_by=by,
        from_step=before[0],
        to_step=rollout.step,
        from_planned_date=before[1],
        to_planned_date=rollout.planned_date,
        live_date=rollout.live_date,
        reason=rollout.reason,
        note=note.strip(),
    )
    return rollout


@transaction.atomic
def rollout_bulk_step(
    *,
    practices: Iterable[Practice],
    service: str,
    step: int,
    by: User | None,
    note: str = "",
) -> int:
    """Set one step for a selection of practices; each gets its own history row."""
    n = 0
    for practice in practices:
        rollout_change(practice=practice, service=service, by=by, step=step, note=note)
        n += 1
    return n


@transaction.atomic
def practice_save(*, practice: Practice, by: User | None = None) -> Practice:
    """Validate and save a practice's registry data; a new one gets its rollout rows."""
    new = practice.pk is None
    practice.full_clean()
    practice.save()
    if new:
        rollouts_ensure(practices=[practice])
    return practice


@transaction.atomic
def practice_contacts_save(*, practice: Practice, formset) -> None:
    """Save the contacts formset of a practice (the rows belong to that practice)."""
    for form in formset.forms:
        if not form.has_changed() and form.instance.pk is None:
            continue
        if formset.can_delete and formset._should_delete_form(form):
            if form.instance.pk:
                form.instance.delete()
            continue
        contact: PracticeContact = form.save(commit=False)
        contact.practice = practice
        contact.full_clean()
        contact.save()


@transaction.atomic
def practice_update(
    *, practice: Practice, contacts, by: User | None = None
) -> Practice:
    """The edit page: the registry data and the contacts formset, together or not."""
    practice_save(practice=practice, by=by)
    practice_contacts_save(practice=practice, formset=contacts)
    return practice


@transaction.atomic
def service_deadline_set(
    *,
    coalition: Coalition,
    service: str,
    deadline: dt.date,
    target_pct: int,
    stuck_after: dt.timedelta,
) -> ServiceDeadline:
    obj = ServiceDeadline.objects.filter(coalition=coalition, service=service).first()
    obj = obj or ServiceDeadline(coalition=coalition, service=service)
    obj.deadline, obj.target_pct, obj.stuck_after = deadline, target_pct, stuck_after
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def service_deadlines_set(*, coalition: Coalition, rows: Iterable[dict]) -> int:
    """The deadlines form in one go: every service with a date is set, all or none.

    Each row: service, deadline, target_pct, stuck_weeks (as the form gives them).
    """
    n = 0
    for row in rows:
        if row.get("deadline") and row.get("service") in Service.values:
            service_deadline_set(
                coalition=coalition,
                service=row["service"],
                deadline=row["deadline"],
                target_pct=row["target_pct"],
                stuck_after=dt.timedelta(weeks=row["stuck_weeks"]),
            )
            n += 1
    return n


def registry_import(
    *,
    coalition: Coalition,
    file,
    commit: bool,
    by: User | None = None,
    name: str = "",
) -> ImportPlan:
    """Upsert practices by AGB code from an xlsx file.

    Always validates the whole file first; writes only when `commit` is set and no row
    has an error, all in one transaction.
    """
    plan = plan_registry_import(coalition=coalition, file=file, name=name)
    if commit and plan.valid:
        _registry_write(coalition=coalition, plan=plan, by=by)
        plan.committed = True
    return plan


@transaction.atomic
def _registry_write(*, coalition: Coalition, plan: ImportPlan, by: User | None):
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    new: list[tuple[Practice, dict]] = []
    changed: list[Practice] = []
    contacts_new: list[PracticeContact] = []
    contacts_changed: list[PracticeContact] = []
    now = timezone.now()
    for row in plan.rows:
        v = row.values
        if row.status == "unchanged":
            continue
        p = row.practice or Practice(coalition=coalition, agb_code=v["agb_code"])
        if p.his_vendor_id != (v["his_vendor"].pk if v["his_vendor"] else None):
            p.his_version = None
        for name in PRACTICE_FIELDS:
            setattr(p, name, v[name])
        # Unique and check constraints were checked for the whole file at once, and
        # the related rows come from the lookups just read (no query per row).
        p.full_clean(
            exclude=[
                "coalition",
                "member_organisation",
                "his_vendor",
                "his_version",
                "portal_vendor",
            ],
            validate_unique=False,
            validate_constraints=False,
        )
        if p.pk is None:
            new.append((p, v))
        else:
            p.updated = now  # bulk_update does not apply auto_now
            changed.append(p)
            if v["contact_email"]:
                c = row.contact or PracticeContact(practice=p, is_primary=True)
                c.name = v["contact_name"] or v["contact_email"]
                c.email = v["contact_email"]
                c.full_clean(exclude=["practice"])
                (contacts_changed if c.pk else contacts_new).append(c)
    if new:
        created = bulk_create_with_history(
            [p for p, _v in new], Practice, batch_size=500, default_user=by
        )
        by_agb = {p.agb_code: p for p in created}
        if any(p.pk is None for p in created):
            by_agb = {
                p.agb_code: p
                for p in Practice.objects.filter(agb_code__in=list(by_agb))
            }
        for p, v in new:
            if v["contact_email"]:
                c = PracticeContact(
                    practice=by_agb[p.agb_code],
                    is_primary=True,
                    name=v["contact_name"] or v["contact_email"],
                    email=v["contact_email"],
                )
                c.full_clean(exclude=["practice"])
                contacts_new.append(c)
        # No rollout rows yet: a practice without one counts as not started
        # everywhere (practices.selectors), and the first change creates it.
    if changed:
        bulk_update_with_history(
            changed,
            Practice,
            [*PRACTICE_FIELDS, "his_version", "updated"],
            batch_size=500,
            default_user=by,
        )
    PracticeContact.objects.bulk_create(contacts_new, batch_size=1000)
    PracticeContact.objects.bulk_update(
        contacts_changed, ["name", "email"], batch_size=1000
    )


# --- the public practice page (practices.public) ------------------------------------


def _unique_public_slug(practice: Practice) -> str:
    from django.utils.text import slugify

    base = slugify(f"{practice.name} {practice.city}")[:70].strip("-") or "praktijk"
    slug, n = base, 1
    while Practice.objects.filter(public_slug=slug).exclude(pk=practice.pk).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def practice_public_page_set(
    *, practice: Practice, publish: bool, by: User | None, at: dt.datetime | None = None
) -> Practice:
    """The practice agrees to (or withdraws) its public page.

    The slug is made once and kept when the page is withdrawn, so that a printed QR
    code works again when the practice publishes again.
    """
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.public_page == publish:
        return practice
    practice.public_page = publish
    practice.public_page_since = (at or timezone.now()) if publish else None
    if publish and not practice.public_slug:
        practice.public_slug = _unique_public_slug(practice)
    practice._change_reason = (
        _("Publieke pagina aangezet") if publish else _("Publieke pagina uitgezet")
    )
    if by is not None:
        practice._history_user = by
    practice.save(
        update_fields=["public_page", "public_page_since", "public_slug", "updated"]
    )
    return practice


def public_page_view_count(*, practice_id: int, day: dt.date | None = None) -> None:
    """One more view of the practice's public page today; nothing about the visitor."""
    from django.db import IntegrityError
    from django.db.models import F

    from practices.models import PublicPageViews

    day = day or timezone.localdate()
    rows = PublicPageViews.objects.filter(practice_id=practice_id, day=day)
    if rows.update(views=F("views") + 1):
        return
    try:
        with transaction.atomic():
            PublicPageViews.objects.create(practice_id=practice_id, day=day, views=1)
    except IntegrityError:  # another visitor created today's row a moment ago
        rows.update(views=F("views") + 1)
