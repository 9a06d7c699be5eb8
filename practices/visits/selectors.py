"""Read queries of visits, actions and bottlenecks that pages, panels, the digest and
the exports share. Every function takes an already scoped queryset (from
`coalition.access`) or a coalition the caller may see."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.models import FrameworkAgreement, Role, User, Vendor
from coalition.validators import PLAUSIBLE_YEARS
from practices import selectors as practice_selectors
from practices.visits.dates import add_months
from practices.visits.models import Bottleneck, FollowUpAction, Visit

if TYPE_CHECKING:
    from practices.models import Practice

DUE_WINDOW_DAYS = 30
UNANSWERED_DAYS = 30


class VisitState:
    """Where a practice stands against the yearly rule."""

    OVERDUE = "overdue"
    DUE = "due"
    OK = "ok"

    labels = {
        OVERDUE: _("te laat"),
        DUE: _("binnen 30 dagen"),
        OK: _("op schema"),
    }


# --- the yearly rule ------------------------------------------------------------------


def yearly_cutoffs(today: dt.date) -> tuple[dt.date, dt.date]:
    """(overdue before, due up to): a practice whose last visit (or joining date) lies
    before the first is overdue; up to the second, it is due within 30 days."""
    return (
        add_months(today, -12),
        add_months(today + dt.timedelta(days=DUE_WINDOW_DAYS), -12),
    )


def practices_with_visit_state(
    practices: QuerySet[Practice], *, today: dt.date
) -> QuerySet[Practice]:
    """Active practices annotated with last_visit, next_planned, reference (last visit,
    else the day the practice joined), visit_state (overdue / due / ok)."""
    overdue_before, due_until = yearly_cutoffs(today)
    last = (
        Visit.objects.filter(practice=OuterRef("pk"), held_on__isnull=False)
        .order_by("-held_on")
        .values("held_on")[:1]
    )
    planned = (
        Visit.objects.filter(practice=OuterRef("pk"), held_on__isnull=True)
        .order_by("planned_on")
        .values("planned_on")[:1]
    )
    return (
        practices.filter(is_active=True)
        .annotate(
            last_visit=Subquery(last, output_field=DateField()),
            next_planned=Subquery(planned, output_field=DateField()),
        )
        .annotate(
            reference=Coalesce(
                F("last_visit"), TruncDate("created"), output_field=DateField()
            )
        )
        .annotate(
            visit_state=Case(
                When(reference__lt=overdue_before, then=Value(VisitState.OVERDUE)),
                When(reference__lte=due_until, then=Value(VisitState.DUE)),
                default=Value(VisitState.OK),
                output_field=CharField(),
            )
        )
        .select_related("member_organisation")
    )


def due_date(practice: Practice) -> dt.date:
    """When the next visit is due: 12 months after the reference date."""
    return add_months(practice.reference, 12)


def yearly_counts(practices: QuerySet[Practice], *, today: dt.date) -> dict[str, int]:
    rows = (
        practices_with_visit_state(practices, today=today)
        .order_by()
        .values("visit_state")
        .annotate(n=Count("pk"))
    )
    counts = {VisitState.OVERDUE: 0, VisitState.DUE: 0, VisitState.OK: 0}
    for row in rows:
        counts[row["visit_state"]] = row["n"]
    return counts


# --- visits ---------------------------------------------------------------------------


def visit_list(visits: QuerySet[Visit]) -> QuerySet[Visit]:
    """Visits with what a list shows: practice, visitors, open actions."""
    return (
        visits.select_related("practice__coalition")
        .prefetch_related(
            Prefetch("visitors", queryset=User.objects.order_by("first_name", "email"))
        )
        .annotate(
            n_open_actions=Count("actions", filter=Q(actions__done_on__isnull=True)),
        )
    )


def visit_agenda(visit: Visit, actions: QuerySet[FollowUpAction]) -> list:
    """Actions from earlier visits of the practice that were still open on this visit's
    day: they come back on the agenda until done."""
    day = visit.day
    return list(
        actions.filter(visit__practice_id=visit.practice_id)
        .exclude(visit=visit)
        .filter(
            Q(visit__held_on__lt=day)
            | Q(visit__held_on__isnull=True, visit__planned_on__lt=day)
        )
        .filter(Q(done_on__isnull=True) | Q(done_on__gte=day))
        .order_by("due_on", "pk")
    )


def calendar_month(
    visits: QuerySet[Visit], *, month: dt.date
) -> list[list[tuple[dt.date, list[Visit]]]]:
    """Weeks (Monday first) of (day, visits that day) for a month grid."""
    cal = calendar.Calendar(firstweekday=0)
    weeks = cal.monthdatescalendar(month.year, month.month)
    first, last = weeks[0][0], weeks[-1][-1]
    by_day: dict[dt.date, list[Visit]] = defaultdict(list)
    rows = (
        visits.filter(
            Q(held_on__isnull=True, planned_on__range=(first, last))
            | Q(held_on__range=(first, last))
        )
        .select_related("practice")
        .prefetch_related("visitors")
        .order_by("planned_on", "practice__name")
    )
    for visit in rows:
        by_day[visit.day].append(visit)
    return [[(day, by_day.get(day, [])) for day in week] for week in weeks]


def lead_users(coalition_ids) -> QuerySet[User]:
    """The project leads of some coalitions: who can visit."""
    return (
        User.objects.filter(
            memberships__role=Role.LEAD, memberships__coalition__in=coalition_ids
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def vendor_choices(practices: QuerySet[Practice]) -> QuerySet[Vendor]:
    """Vendors a bottleneck can concern: those of the practices, and those the
    practices' coalitions have an agreement with."""
    # Three `pk__in` subqueries instead of OR-ing three many-valued joins: the joins
    # multiplied into a hundred million rows at national scale (issue 15).
    practices = practices.order_by()
    return Vendor.objects.filter(
        Q(
            pk__in=FrameworkAgreement.objects.filter(
                coalition__in=practices.values("coalition")
            ).values("vendor")
        )
        | Q(
            pk__in=practices.filter(portal_vendor__isnull=False).values("portal_vendor")
        )
        | Q(pk__in=practices.filter(his_vendor__isnull=False).values("his_vendor"))
    )


# --- actions --------------------------------------------------------------------------


def open_actions(actions: QuerySet[FollowUpAction]) -> QuerySet[FollowUpAction]:
    return actions.filter(done_on__isnull=True).order_by("due_on", "pk")


def overdue_actions(
    actions: QuerySet[FollowUpAction], *, today: dt.date
) -> QuerySet[FollowUpAction]:
    return open_actions(actions).filter(due_on__lt=today)


# --- bottlenecks ----------------------------------------------------------------------


def unanswered_bottlenecks(
    bottlenecks: QuerySet[Bottleneck], *, now: dt.datetime | None = None
) -> QuerySet[Bottleneck]:
    """Not resolved, and nothing happened for 30 days since it was raised or passed on."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=UNANSWERED_DAYS)
    return (
        bottlenecks.exclude(status=Bottleneck.Status.RESOLVED)
        .annotate(last_step=Coalesce("passed_on_at", "raised_at"))
        .filter(last_step__lte=cutoff)
        .order_by("last_step")
    )


def _quarter(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def _year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of the year and of the next one, in the site's time zone."""
    tz = timezone.get_current_timezone()
    return (
        dt.datetime(year, 1, 1, tzinfo=tz),
        dt.datetime(year + 1, 1, 1, tzinfo=tz),
    )


def bottleneck_years(bottlenecks: QuerySet[Bottleneck], *, today: dt.date) -> list:
    """The years the overview can show: those with a (plausible) report, and this
    year; newest first."""
    first, last = PLAUSIBLE_YEARS
    low, _unused = _year_bounds(first)
    _unused, high = _year_bounds(last)
    years = {
        day.year
        for day in bottlenecks.order_by()
        .filter(raised_at__gte=low, raised_at__lt=high)
        .datetimes("raised_at", "year")
    }
    years.add(today.year)
    return sorted(years, reverse=True)


def bottleneck_summary(
    bottlenecks: QuerySet[Bottleneck],
    *,
    year: int | None = None,
    today: dt.date | None = None,
) -> dict:
    """Counts grouped by vendor and category, per quarter of one calendar year.

    Totals, status counts and quarter columns cover the same period: the bottlenecks
    raised in `year` (this year when not given). One aggregate query; the grouping into
    rows happens here, not in the template.
    """
    year = year or (today or timezone.localdate()).year
    periods = [(year, q) for q in (1, 2, 3, 4)]
    start, end = _year_bounds(year)
    bottlenecks = bottlenecks.filter(raised_at__gte=start, raised_at__lt=end)
    rows = (
        bottlenecks.order_by()
        .annotate(day=TruncDate("raised_at"))
        .values("vendor_id", "vendor__name", "category", "status", "day")
        .annotate(n=Count("pk"))
    )
    labels = dict(Bottleneck.Category.choices)
    groups: dict[tuple[str, str], dict] = {}
    by_period = {p: defaultdict(int) for p in periods}
    for row in rows:
        vendor = row["vendor__name"] or str(_("geen leverancier"))
        key = (vendor, row["category"])
        group = groups.setdefault(
            key,
            {
                "vendor": vendor,
                "vendor_id": row["vendor_id"],
                "category": row["category"],
                "category_label": str(labels.get(row["category"], row["category"])),
                "total": 0,
                "open": 0,
                "passed_on": 0,
                "resolved": 0,
                "periods": dict.fromkeys(periods, 0),
            },
        )
        group["total"] += row["n"]
        group[row["status"]] += row["n"]
        period = _quarter(row["day"])
        if period in group["periods"]:
            group["periods"][period] += row["n"]
            by_period[period][row["category"]] += row["n"]
    ordered = sorted(
        groups.values(),
        key=lambda g: (g["vendor_id"] is None, g["vendor"], g["category_label"]),
    )
    for group in ordered:
        group["period_counts"] = [group["periods"][p] for p in periods]
    return {
        "groups": ordered,
        "periods": [f"K{q} {y}" for y, q in periods],
        "period_keys": periods,
        "by_period": {p: dict(v) for p, v in by_period.items()},
        "categories": list(Bottleneck.Category.choices),
        "totals": [sum(by_period[p].values()) for p in periods],
        "year": year,
        "total": sum(g["total"] for g in ordered),
    }


# --- panels and digest ----------------------------------------------------------------


def lead_start_counts(coalition, *, today: dt.date) -> dict:
    practices = practice_selectors.coalition_practices(coalition)
    counts = yearly_counts(practices, today=today)
    month_end = add_months(today.replace(day=1), 1)
    return {
        "due": counts[VisitState.DUE],
        "overdue": counts[VisitState.OVERDUE],
        "planned_this_month": Visit.objects.filter(
            practice__coalition=coalition,
            held_on__isnull=True,
            planned_on__gte=today.replace(day=1),
            planned_on__lt=month_end,
        ).count(),
        "open_bottlenecks": Bottleneck.objects.filter(practice__coalition=coalition)
        .exclude(status=Bottleneck.Status.RESOLVED)
        .count(),
    }


def digest_for_coalition(coalition, *, today: dt.date, limit: int = 25) -> dict:
    """What a lead should look at this week, for one coalition."""
    practices = practices_with_visit_state(
        practice_selectors.coalition_practices(coalition), today=today
    )
    due = list(
        practices.filter(visit_state=VisitState.DUE).order_by("reference", "name")
    )
    overdue = list(
        practices.filter(visit_state=VisitState.OVERDUE).order_by("reference", "name")
    )
    actions = overdue_actions(
        FollowUpAction.objects.filter(
            visit__practice__coalition=coalition
        ).select_related("visit__practice"),
        today=today,
    )
    bottlenecks = unanswered_bottlenecks(
        Bottleneck.objects.filter(practice__coalition=coalition).select_related(
            "practice", "vendor"
        )
    )
    n_actions = actions.count()
    n_bottlenecks = bottlenecks.count()
    for p in due + overdue:
        p.due_date = due_date(p)
    return {
        "coalition": coalition,
        "due": due[:limit],
        "n_due": len(due),
        "overdue": overdue[:limit],
        "n_overdue": len(overdue),
        "actions": list(actions[:limit]),
        "n_actions": n_actions,
        "bottlenecks": list(bottlenecks[:limit]),
        "n_bottlenecks": n_bottlenecks,
        "is_empty": not (due or overdue or n_actions or n_bottlenecks),
    }


def _parse_day(value):
    if not value or not isinstance(value, str):
        return value
    try:
        if "T" in value:
            return dt.datetime.fromisoformat(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def snapshot_display(snapshot: dict) -> dict:
    """The stored snapshot made ready for the page: ISO dates back to dates; a part
    that was not available on the day stays None (the page says so)."""
    snapshot = snapshot or {}
    rollout = snapshot.get("rollout")
    if rollout is not None:
        rollout = [
            {
                **row,
                "planned_date": _parse_day(row.get("planned_date")),
                "live_date": _parse_day(row.get("live_date")),
            }
            for row in rollout
        ]
    survey = snapshot.get("survey")
    if survey is not None:
        labels = survey.get("labels") or {}
        survey = {
            **survey,
            "submitted_at": _parse_day(survey.get("submitted_at")),
            "indicator_rows": [
                (labels.get(code, code), value)
                for code, value in sorted((survey.get("indicators") or {}).items())
            ],
        }
    return {
        "taken": bool(snapshot),
        "taken_at": _parse_day(snapshot.get("taken_at")),
        "rollout": rollout,
        "training": snapshot.get("training"),
        "survey": survey,
    }


# --- reports (issue 13) ---------------------------------------------------------------


def report_visits(
    practices: QuerySet[Practice], *, start: dt.date, end: dt.date, top: int = 5
) -> dict:
    """Visits held in a period and its most frequent bottleneck categories (two
    grouped queries)."""
    held = Visit.objects.filter(
        practice__in=practices, held_on__gte=start, held_on__lte=end
    ).aggregate(n=Count("pk"), practices=Count("practice", distinct=True))
    labels = dict(Bottleneck.Category.choices)
    categories = (
        Bottleneck.objects.filter(
            practice__in=practices,
            raised_at__date__gte=start,
            raised_at__date__lte=end,
        )
        .order_by()
        .values("category")
        .annotate(n=Count("pk"), practices=Count("practice", distinct=True))
        .order_by("-n", "category")[:top]
    )
    return {
        "held": held["n"],
        "practices_visited": held["practices"],
        "bottlenecks": [
            {
                "category": row["category"],
                "label": str(labels.get(row["category"], row["category"])),
                "n": row["n"],
                "practices": row["practices"],
            }
            for row in categories
        ],
    }
