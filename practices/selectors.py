"""Read queries of the registry and the go-live tracking that pages and other apps share.

Every function runs a fixed number of queries, whatever the number of practices: the
rollout of one service is joined in once (FilteredRelation), the deadline state is a
CASE expression (practices.rules), and counts are database aggregates.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from coalition.models import (
    Certification,
    Coalition,
    ProductVersion,
    Service,
    StaffRole,
    Standard,
    Vendor,
)
from coalition.numbers import round_half_up
from practices.models import (
    DeadlineState,
    Practice,
    PracticeContact,
    Reason,
    Rollout,
    RolloutChange,
    ServiceDeadline,
    Step,
)
from practices.rules import (
    Rule,
    deadline_relation,
    deadline_state,
    deadline_state_joined,
)

PRIMARY_SERVICE = Service.RECORD_ACCESS


def chosen_service(value: object) -> str:
    """The service a page or list is about: the one asked for (`?service=`) when it
    is one, else online access. Pages, filters and tables all ask this."""
    return value if value in Service.values else PRIMARY_SERVICE


# A HIS version is technically ready when it is certified for the MedMij GP data
# standard: that is what online access (inzage) needs from the record system.
READINESS_STANDARD = Standard.GP_DATA
PACE_WEEKS = 8
AT_RISK_SHOWN = 100  # the dashboard lists this many; the practice list has them all

PRACTICE_FIELDS = {
    "coalition": "coalition",
    "step": "rollout_step",
    "live_date": "ro__live_date",
    "planned_date": "ro__planned_date",
    "step_since": "ro__step_since",
}
JOINED_FIELDS = {
    **PRACTICE_FIELDS,
    "deadline": "dl__deadline",
    "stuck_after": "dl__stuck_after",
}
NOT_LIVE_STATES = (DeadlineState.AT_RISK, DeadlineState.OVERDUE)
STATE_SEVERITY = (
    DeadlineState.OVERDUE,
    DeadlineState.AT_RISK,
    DeadlineState.ON_TRACK,
    DeadlineState.LIVE_LATE,
    DeadlineState.LIVE_ON_TIME,
)


def with_readiness(qs: QuerySet[Practice], *, today: dt.date) -> QuerySet[Practice]:
    """`technically_ready`: the practice's HIS version holds the certification today.

    Derived, never copied: certifying a version makes every practice on it ready.
    Only a certification the programme office confirmed counts (a lead's proposal
    does not, a withdrawn one no longer does).
    """
    certified = Certification.objects.filter(
        product_version=OuterRef("his_version"),
        standard=READINESS_STANDARD,
        status=Certification.Status.CONFIRMED,
        since__lte=today,
    )
    return qs.annotate(technically_ready=Exists(certified))


def with_rollout(
    qs: QuerySet[Practice],
    *,
    service: str,
    today: dt.date,
    rules: list[Rule] | None = None,
) -> QuerySet[Practice]:
    """Practices with the rollout of one service and its deadline state annotated.

    A practice without a rollout row for the service counts as not started.
    """
    qs = qs.annotate(
        ro=FilteredRelation("rollouts", condition=Q(rollouts__service=service))
    ).annotate(
        rollout_step=Coalesce(F("ro__step"), Value(Step.NOT_STARTED)),
        rollout_planned=F("ro__planned_date"),
        rollout_live=F("ro__live_date"),
        rollout_since=F("ro__step_since"),
        rollout_reason=F("ro__reason"),
    )
    if rules is None:
        # Each practice's own coalition's deadline, joined: a CASE of fixed size
        # however many coalitions the viewer sees.
        return qs.annotate(dl=deadline_relation(service)).annotate(
            deadline_state=deadline_state_joined(today=today, fields=JOINED_FIELDS)
        )
    return qs.annotate(
        deadline_state=deadline_state(rules, today=today, fields=PRACTICE_FIELDS)
    )


def practice_list(
    practices: QuerySet[Practice], *, service: str, today: dt.date
) -> QuerySet[Practice]:
    """The practice list: what its table shows and its filters need, in one query."""
    qs = practices.select_related(
        "member_organisation", "his_vendor", "portal_vendor", "coalition"
    )
    qs = with_rollout(qs, service=service, today=today)
    qs = qs.annotate(
        # Sorting by state puts the practices furthest behind first: the same rules
        # giving a rank, not a CASE over five copies of the state's CASE.
        deadline_rank=deadline_state_joined(
            today=today,
            fields=JOINED_FIELDS,
            output={state: rank for rank, state in enumerate(STATE_SEVERITY)},
        )
    )
    return with_readiness(qs, today=today)


def state_counts(qs: QuerySet[Practice]) -> dict[str, int]:
    """Counts by deadline state of a `with_rollout` queryset (one query)."""
    # Grouped by the state: one copy of the CASE, not one per state (at national
    # scale the office's counts compiled 2.4 s of SQL with five copies, issue 15).
    agg = {state.value: 0 for state in DeadlineState}
    for row in qs.order_by().values("deadline_state").annotate(n=Count("pk")):
        agg[row["deadline_state"]] = row["n"]
    agg["total"] = sum(agg.values())
    return agg


# --- one practice ---------------------------------------------------------------------


def rollout_rows(practice: Practice, *, today: dt.date) -> list[dict]:
    """One row per service: the rollout (or a not-started stand-in) and its state.

    Two queries: the coalition's deadlines and the rollouts with their state.
    """
    deadlines = {
        d.service: d
        for d in ServiceDeadline.objects.filter(coalition_id=practice.coalition_id)
    }
    rollouts = {
        r.service: r
        for r in Rollout.objects.filter(practice=practice).annotate(
            deadline_state=state_per_service(deadlines, today)
        )
    }
    rows = []
    for service in Service:
        r = rollouts.get(service.value)
        d = deadlines.get(service.value)
        if r is None:
            r = Rollout(practice=practice, service=service.value, step_since=None)
            r.deadline_state = state_without_rollout(d, today)
        rows.append(
            {
                "service": service.value,
                "service_label": service.label,
                "rollout": r,
                "deadline": d.deadline if d else None,
                "state": r.deadline_state,
                "state_label": DeadlineState(r.deadline_state).label,
            }
        )
    return rows


def state_without_rollout(deadline: ServiceDeadline | None, today: dt.date) -> str:
    """The state of a practice that has no rollout row for a service (not started, no
    plan): what the rules in practices.rules give for it; a test checks they agree."""
    if deadline and deadline.deadline < today:
        return DeadlineState.OVERDUE
    return DeadlineState.AT_RISK


def state_per_service(deadlines: dict[str, ServiceDeadline], today: dt.date) -> Case:
    """The deadline state of rollout rows of one coalition, each by its service's rule."""
    return Case(
        *[
            When(
                service=service,
                then=deadline_state(
                    [Rule(d.coalition_id, d.deadline, d.stuck_after)], today=today
                ),
            )
            for service, d in deadlines.items()
        ],
        default=deadline_state([], today=today),
        output_field=CharField(),
    )


def rollout_matrix(practice: Practice, *, today: dt.date | None = None) -> list[dict]:
    """The practice's go-live per service as plain values (for snapshots elsewhere).

    Keys: service, service_label, step, step_label, state, state_label, planned_date,
    live_date, reason, reason_label.
    """
    today = today or timezone.localdate()
    out = []
    for row in rollout_rows(practice, today=today):
        r = row["rollout"]
        out.append(
            {
                "service": row["service"],
                "service_label": str(row["service_label"]),
                "step": int(r.step),
                "step_label": str(Step(r.step).label),
                "state": str(row["state"]),
                "state_label": str(row["state_label"]),
                "planned_date": r.planned_date,
                "live_date": r.live_date,
                "reason": r.reason,
                "reason_label": str(Reason(r.reason).label) if r.reason else "",
            }
        )
    return out


def rollout_timeline(practice: Practice) -> dict[str, list[RolloutChange]]:
    """Every change of the practice's rollouts, newest first, by service (one query)."""
    out: dict[str, list[RolloutChange]] = defaultdict(list)
    for change in (
        RolloutChange.objects.filter(rollout__practice=practice)
        .select_related("rollout", "changed_by")
        .order_by("-changed_at", "-pk")
    ):
        out[change.rollout.service].append(change)
    return out


# --- the go-live dashboard ------------------------------------------------------------


@dataclass
class Forecast:
    """When the target is reached at the pace of the last weeks."""

    target: int
    live: int
    per_week: float
    reached_on: dt.date | None = None  # already reached (the day it was)
    expected_on: dt.date | None = None  # at the current pace
    weeks: int = PACE_WEEKS

    @property
    def reached(self) -> bool:
        return self.reached_on is not None

    @property
    def stalled(self) -> bool:
        return not self.reached and self.expected_on is None

    def late_for(self, deadline: dt.date | None) -> bool:
        """The forecast date (or the day the target was reached) lies after the
        deadline; a stalled pace never reaches it."""
        if deadline is None or not self.target:
            return False
        day = self.reached_on or self.expected_on
        return day is None or day > deadline


def forecast(
    live_dates: list[dt.date], *, target: int, today: dt.date, weeks: int = PACE_WEEKS
) -> Forecast:
    """Project the date the target is reached from the go-lives of the last `weeks`.

    `live_dates` holds one date per practice that is live. The pace is the number that
    went live in the `weeks` before today (today included) divided by `weeks`.
    """
    dates = sorted(d for d in live_dates if d <= today)
    live = len(dates)
    since = today - dt.timedelta(weeks=weeks)
    recent = sum(1 for d in dates if d > since)
    per_week = recent / weeks
    result = Forecast(target=target, live=live, per_week=per_week, weeks=weeks)
    if target <= 0:
        return result
    if live >= target:
        result.reached_on = dates[target - 1]
        return result
    if per_week > 0:
        days = math.ceil((target - live) / per_week * 7)
        result.expected_on = today + dt.timedelta(days=days)
    return result


@dataclass
class ServiceSummary:
    service: str
    label: str
    deadline: ServiceDeadline | None
    n_active: int
    by_step: list[tuple[Step, int]]
    by_state: list[tuple[DeadlineState, int]]
    target: int = 0
    days_left: int | None = None
    extra: dict = field(default_factory=dict)
    # (step, deadline state) → practices: the dashboard's step × status matrix
    cells: dict[tuple[int, str], int] = field(default_factory=dict)

    @property
    def n_live(self) -> int:
        return dict(self.by_step).get(Step.LIVE, 0)

    @property
    def pct_live(self) -> float | None:
        return 100 * self.n_live / self.n_active if self.n_active else None

    @property
    def n_at_risk(self) -> int:
        return dict(self.by_state).get(DeadlineState.AT_RISK, 0)

    @property
    def n_overdue(self) -> int:
        return dict(self.by_state).get(DeadlineState.OVERDUE, 0)

    @property
    def days_over(self) -> int | None:
        """Days since the deadline passed (None while it is ahead or unset)."""
        if self.days_left is None or self.days_left >= 0:
            return None
        return -self.days_left


def coalition_deadlines(coalition: Coalition) -> dict[str, ServiceDeadline]:
    return {d.service: d for d in coalition.service_deadlines.all()}


def service_summaries(
    practices: QuerySet[Practice],
    *,
    coalition: Coalition,
    today: dt.date,
    deadlines: dict[str, ServiceDeadline] | None = None,
    services: list[str] | None = None,
) -> list[ServiceSummary]:
    """Per service: counts by step and by deadline state (one query per service)."""
    if deadlines is None:
        deadlines = coalition_deadlines(coalition)
    out = []
    for service in services or Service.values:
        d = deadlines.get(service)
        rules = [Rule(coalition.pk, d.deadline, d.stuck_after)] if d else []
        qs = with_rollout(practices, service=service, today=today, rules=rules)
        cells = Counter()
        for row in (
            qs.order_by()
            .values("rollout_step", "deadline_state")
            .annotate(n=Count("pk"))
        ):
            cells[(row["rollout_step"], row["deadline_state"])] += row["n"]
        n_active = sum(cells.values())
        by_step = [(s, sum(n for (k, _), n in cells.items() if k == s)) for s in Step]
        by_state = [
            (s, sum(n for (_, k), n in cells.items() if k == s)) for s in DeadlineState
        ]
        out.append(
            ServiceSummary(
                service=service,
                label=str(Service(service).label),
                deadline=d,
                n_active=n_active,
                by_step=by_step,
                by_state=by_state,
                target=math.ceil(n_active * d.target_pct / 100) if d else 0,
                days_left=(d.deadline - today).days if d else None,
                cells=dict(cells),
            )
        )
    return out


def live_dates(practices: QuerySet[Practice], *, service: str) -> list[dt.date]:
    """The go-live date of every live practice for a service (one query)."""
    return list(
        Rollout.objects.filter(practice__in=practices, service=service, step=Step.LIVE)
        .order_by("live_date")
        .values_list("live_date", flat=True)
    )


def burnup_series(
    dates: list[dt.date], *, start: dt.date, end: dt.date
) -> list[tuple[dt.date, int]]:
    """Practices live at the end of each week from `start` to `end`."""
    dates = sorted(dates)
    points = []
    day = start
    i = 0
    while day <= end:
        while i < len(dates) and dates[i] <= day:
            i += 1
        points.append((day, i))
        day += dt.timedelta(weeks=1)
    return points


def month_end_points(
    dates: list[dt.date], *, start: dt.date, today: dt.date
) -> list[tuple[dt.date, int]]:
    """Practices live on the last day of each month from `start`'s month to today's
    (the current month: today). The numbers table beside the burn-up."""
    dates = sorted(dates)
    points = []
    year, month = start.year, start.month
    i = 0
    while (year, month) <= (today.year, today.month):
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        day = min(nxt - dt.timedelta(days=1), today)
        while i < len(dates) and dates[i] <= day:
            i += 1
        points.append((day, i))
        year, month = nxt.year, nxt.month
    return points


def at_risk_practices(
    practices: QuerySet[Practice], *, service: str, today: dt.date, rules: list[Rule]
) -> QuerySet[Practice]:
    """Practices at risk or overdue for a service, the ones furthest behind first."""
    return (
        with_rollout(
            practices.select_related("member_organisation", "his_vendor"),
            service=service,
            today=today,
            rules=rules,
        )
        .filter(deadline_state__in=NOT_LIVE_STATES)
        .order_by("rollout_step", "rollout_since", "name")
    )


def member_matrix(
    practices: QuerySet[Practice], *, today: dt.date, deadlines: dict
) -> list[dict]:
    """Service × practice for a set of practices: two queries."""
    practices = list(practices.order_by("name"))
    ids = [p.pk for p in practices]
    state = state_per_service(deadlines, today)
    cells: dict[tuple[int, str], Rollout] = {
        (r.practice_id, r.service): r
        for r in Rollout.objects.filter(practice_id__in=ids).annotate(
            deadline_state=state
        )
    }
    rows = []
    for p in practices:
        row = []
        for service in Service:
            r = cells.get((p.pk, service.value))
            state = (
                r.deadline_state
                if r
                else state_without_rollout(deadlines.get(service.value), today)
            )
            row.append(
                {
                    "step": Step(r.step) if r else Step.NOT_STARTED,
                    "state": DeadlineState(state),
                }
            )
        rows.append({"practice": p, "cells": row})
    return rows


# --- vendors --------------------------------------------------------------------------


def vendors_with_counts(
    vendors: QuerySet[Vendor], practices: QuerySet[Practice]
) -> QuerySet[Vendor]:
    """Vendors with the number of (visible, active) practices on them and live ones."""
    active = practices.filter(is_active=True)

    def count(extra: Q):
        sub = (
            active.filter(extra)
            .order_by()
            .values("is_active")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(sub, output_field=IntegerField()), 0)

    uses = Q(his_vendor=OuterRef("pk")) | Q(portal_vendor=OuterRef("pk"))
    live = Q(
        rollouts__service=PRIMARY_SERVICE,
        rollouts__step=Step.LIVE,
    )
    return vendors.annotate(n_practices=count(uses), n_live=count(uses & live))


def versions_with_practices(
    versions: QuerySet[ProductVersion], practices: QuerySet[Practice], *, today: dt.date
) -> QuerySet[ProductVersion]:
    """Product versions with how many of the given practices run them, and whether the
    version makes them technically ready today (certifications prefetched)."""
    on_it = (
        practices.filter(his_version=OuterRef("pk"))
        .order_by()
        .values("his_version")
        .annotate(n=Count("pk"))
        .values("n")
    )
    ready = Certification.objects.filter(
        product_version=OuterRef("pk"),
        standard=READINESS_STANDARD,
        status=Certification.Status.CONFIRMED,
        since__lte=today,
    )
    return versions.prefetch_related("certifications").annotate(
        n_practices=Coalesce(Subquery(on_it, output_field=IntegerField()), 0),
        makes_ready=Exists(ready),
    )


def vendor_pace_from(
    dates: list[dt.date], *, today: dt.date, months: int = 12
) -> list[tuple[dt.date, int]]:
    """Go-lives per month over the last `months` months, oldest first."""
    first = dt.date(today.year, today.month, 1)
    buckets = []
    for k in range(months - 1, -1, -1):
        y, m = divmod(first.month - 1 - k, 12)
        buckets.append(dt.date(first.year + y, m + 1, 1))
    counts = Counter(dt.date(d.year, d.month, 1) for d in dates)
    return [(b, counts.get(b, 0)) for b in buckets]


# --- for other apps -------------------------------------------------------------------


def public_progress() -> list[dict]:
    """Per coalition, aggregates only: active practices and those live with online
    access. For the public home page: no practice is identifiable."""
    rows = (
        Coalition.objects.annotate(
            n_practices=Count(
                "practices", filter=Q(practices__is_active=True), distinct=True
            ),
            n_live=Count(
                "practices",
                filter=Q(
                    practices__is_active=True,
                    practices__rollouts__service=PRIMARY_SERVICE,
                    practices__rollouts__step=Step.LIVE,
                ),
                distinct=True,
            ),
        )
        .order_by("name")
        .values("name", "n_practices", "n_live")
    )
    return [
        {
            "coalition": r["name"],
            "n_practices": r["n_practices"],
            "n_live": r["n_live"],
            "pct_live": (
                float(round_half_up(100 * r["n_live"] / r["n_practices"], 1))
                if r["n_practices"]
                else None
            ),
        }
        for r in rows
    ]


def primary_contacts(practice_ids: Iterable[int]) -> QuerySet:
    """(practice id, e-mail, name) of the primary contact of each given practice, for
    other apps that write to a practice without a user account (invitations)."""
    return PracticeContact.objects.filter(
        practice__in=list(practice_ids), is_primary=True
    ).values_list("practice_id", "email", "name")


def team_trained(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    """Practices whose rollout of some service has passed the "team trained" step,
    for other apps (the training demo) that must agree with it."""
    return practices.filter(
        pk__in=Rollout.objects.filter(step__gte=Step.STAFF_TRAINED).values("practice")
    )


# --- what other apps read of a practice --------------------------------------------
# Other apps (training, surveys, the core's pages) read practices through these, never
# through practices.models.

# The staff count field of a practice per staff role.
STAFF_FIELDS: dict[str, str] = {
    StaffRole.GP: "staff_gp",
    StaffRole.NURSE_PRACTITIONER: "staff_nurse_practitioner",
    StaffRole.MANAGER: "staff_manager",
    StaffRole.ASSISTANT: "staff_assistant",
}


def staff_counts(practice: Practice) -> dict[str, int]:
    """How many people of each staff role work at a practice (no query)."""
    return {role: getattr(practice, name) or 0 for role, name in STAFF_FIELDS.items()}


def has_staff(role: str, *, prefix: str = "") -> Q:
    """A filter: practices with at least one person of this staff role."""
    return Q(**{f"{prefix}{STAFF_FIELDS[role]}__gt": 0})


def coalition_practices(
    coalition: Coalition | int, *, active_only: bool = False
) -> QuerySet[Practice]:
    """The practices of a coalition (or only the active ones), unscoped: for reports
    and services that were handed the coalition by a view that checked access."""
    practices = Practice.objects.of_coalition(coalition)
    return practices.active() if active_only else practices


def reach(practices: QuerySet[Practice]) -> dict[str, int]:
    """How many practices and patients these are (one query)."""
    totals = practices.aggregate(n=Count("pk"), patients=Sum("list_size"))
    return {"n": totals["n"] or 0, "patients": totals["patients"] or 0}


def cohorts(practices: QuerySet[Practice]) -> list[str]:
    """The cohorts these practices are in, sorted, for a filter's choices."""
    return list(
        practices.exclude(cohort="")
        .order_by("cohort")
        .values_list("cohort", flat=True)
        .distinct()
    )


def practices_by_agb(coalition: Coalition | int) -> dict[str, tuple[int, str]]:
    """AGB code → (id, name) of a coalition's practices, for imports that name a
    practice by its code (one query)."""
    return {
        agb: (pk, name)
        for agb, pk, name in coalition_practices(coalition).values_list(
            "agb_code", "pk", "name"
        )
    }


def practice_of_coalition(coalition: Coalition, pk: object) -> Practice | None:
    """The practice with this id when it belongs to the coalition, else None."""
    return coalition_practices(coalition).filter(pk=pk).first()


@dataclass
class GoLive:
    """What the go-live dashboard shows for one service, for the page and its export."""

    summaries: list[ServiceSummary]
    summary: ServiceSummary
    dates: list[dt.date]
    forecast: Forecast
    start: dt.date
    series: list[tuple[dt.date, int]]  # weekly, ending today
    today: dt.date

    @property
    def deadline(self) -> dt.date | None:
        d = self.summary.deadline
        return d.deadline if d else None

    @property
    def forecast_late(self) -> bool:
        return self.forecast.late_for(self.deadline)

    def month_points(self) -> list[tuple[dt.date, int]]:
        """The burn-up as a table: practices live at each month's end, up to today."""
        return month_end_points(self.dates, start=self.start, today=self.today)

    def matrix(self) -> list[tuple[Step, list[int]]]:
        """Per step the practices in each deadline state (in `DeadlineState` order)."""
        cells = self.summary.cells
        return [
            (step, [cells.get((step.value, state.value), 0) for state in DeadlineState])
            for step in Step
        ]


def go_live(
    practices: QuerySet[Practice],
    *,
    coalition: Coalition,
    service: str,
    today: dt.date,
) -> GoLive:
    """The dashboard's numbers: summaries of every service, and for `service` the live
    dates, the forecast and the weekly burn-up series from at least 26 weeks ago."""
    from practices.charts import plottable

    deadlines = coalition_deadlines(coalition)
    summaries = service_summaries(
        practices, coalition=coalition, today=today, deadlines=deadlines
    )
    summary = next(s for s in summaries if s.service == service)
    dates = live_dates(practices, service=service)
    fc = forecast(dates, target=summary.target, today=today)
    # A stored 0001-01-01 cannot be placed on the time axis: not charted.
    start = min([*filter(plottable, dates), today - dt.timedelta(weeks=26)])
    start = start - dt.timedelta(days=start.weekday())
    series = burnup_series(dates, start=start, end=today)
    if series[-1][0] != today:
        series.append((today, sum(1 for x in dates if x <= today)))
    return GoLive(summaries, summary, dates, fc, start, series, today)


def at_risk_rows(
    practices: QuerySet[Practice],
    *,
    coalition: Coalition,
    golive: GoLive,
    limit: int = AT_RISK_SHOWN,
) -> list[Practice]:
    """The dashboard's list of practices at risk or overdue for the service of
    `golive` (at most `limit`), each with its `step_label` and `reason_label`."""
    d = golive.summary.deadline
    rules = [Rule(coalition.pk, d.deadline, d.stuck_after)] if d else []
    rows = list(
        at_risk_practices(
            practices, service=golive.summary.service, today=golive.today, rules=rules
        )[:limit]
    )
    for p in rows:
        p.step_label = Step(p.rollout_step).label
        p.reason_label = Reason(p.rollout_reason).label if p.rollout_reason else ""
    return rows


@dataclass
class VendorGoLive:
    """A vendor page's go-live of online access among the given practices."""

    forecast: Forecast  # no target: `live` and the weekly pace
    by_month: list[tuple[dt.date, int]]  # go-lives per month, the last twelve
    series: list[tuple[dt.date, int]]  # weekly burn-up; empty when nothing to chart


def vendor_go_live(practices: QuerySet[Practice], *, today: dt.date) -> VendorGoLive:
    """Go-live of online access on one vendor's practices: the same pace as the
    dashboard's forecast, go-lives per month, and the burn-up from a week before the
    first go-live that can be charted."""
    from practices.charts import plottable

    dates = live_dates(practices, service=PRIMARY_SERVICE)
    plotted = [d for d in dates if plottable(d)]
    series = []
    if plotted:
        start = min(plotted) - dt.timedelta(days=7)
        series = burnup_series(plotted, start=start, end=today)
    return VendorGoLive(
        forecast=forecast(dates, target=0, today=today),
        by_month=vendor_pace_from(dates, today=today),
        series=series,
    )


def versions_with_labels(
    versions: QuerySet[ProductVersion], practices: QuerySet[Practice], *, today: dt.date
) -> list[ProductVersion]:
    """`versions_with_practices`, each with `service_labels` for the page."""
    rows = list(versions_with_practices(versions, practices, today=today))
    for v in rows:
        v.service_labels = [
            str(Service(s).label) for s in v.services if s in Service.values
        ]
    return rows


# --- reports (issue 13) ---------------------------------------------------------------


def with_patients_informed(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    """`informed_marked`: the practice marked a rollout at 'patients informed' or
    beyond (no extra query; downloads of material count too, see content.selectors)."""
    return practices.annotate(
        informed_marked=Exists(
            Rollout.objects.filter(
                practice=OuterRef("pk"), step__gte=Step.PATIENTS_INFORMED
            )
        )
    )


def live_services_on(practice_ids: Iterable[int], day: dt.date) -> dict[int, set[str]]:
    """Per practice, the services it had live on `day` (live since that day or
    earlier), for other apps that must agree with the go-live tracker. One query."""
    out: dict[int, set[str]] = defaultdict(set)
    for pid, service in Rollout.objects.filter(
        practice__in=list(practice_ids), step=Step.LIVE, live_date__lte=day
    ).values_list("practice_id", "service"):
        out[pid].add(service)
    return out


def active_practice_count(*, member_organisation_id: int) -> int:
    """How many active practices belong to a member organisation (it can only leave the
    coalition once they have moved to another member)."""
    return Practice.objects.filter(
        member_organisation_id=member_organisation_id, is_active=True
    ).count()


# --- the progress report and the comparison of many coalitions (issue 13) -------------
# A fixed number of grouped queries whatever the number of coalitions.


def active_practices_of(coalition_ids: Iterable[int]) -> QuerySet[Practice]:
    """The active practices of these coalitions (no query until read)."""
    return Practice.objects.filter(coalition_id__in=list(coalition_ids), is_active=True)


def deadlines_by_coalition(
    coalition_ids: Iterable[int],
) -> dict[tuple[int, str], ServiceDeadline]:
    """{(coalition id, service): deadline} (one query)."""
    return {
        (d.coalition_id, d.service): d
        for d in ServiceDeadline.objects.filter(coalition_id__in=list(coalition_ids))
    }


def service_summaries_by_coalition(
    practices: QuerySet[Practice],
    *,
    coalition_ids: Iterable[int],
    deadlines: dict[tuple[int, str], ServiceDeadline],
    today: dt.date,
) -> dict[int, list[ServiceSummary]]:
    """`service_summaries` of every coalition at once: one query, with one filtered
    join per service, grouped by coalition and each service's step and deadline state
    (each practice's own coalition's deadline joined to it)."""
    cells: dict[tuple[int, str], Counter] = defaultdict(Counter)
    qs = practices
    keys = ["coalition_id"]
    for service in Service.values:
        rel = f"ro_{service}"
        qs = qs.annotate(
            **{
                rel: FilteredRelation(
                    "rollouts", condition=Q(rollouts__service=service)
                )
            }
        ).annotate(
            **{f"step_{service}": Coalesce(F(f"{rel}__step"), Value(Step.NOT_STARTED))}
        )
        fields = {
            "coalition": "coalition",
            "step": f"step_{service}",
            "live_date": f"{rel}__live_date",
            "planned_date": f"{rel}__planned_date",
            "step_since": f"{rel}__step_since",
            "deadline": f"dl_{service}__deadline",
            "stuck_after": f"dl_{service}__stuck_after",
        }
        qs = qs.annotate(**{f"dl_{service}": deadline_relation(service)}).annotate(
            **{f"state_{service}": deadline_state_joined(today=today, fields=fields)}
        )
        keys += [f"step_{service}", f"state_{service}"]
    for row in qs.order_by().values(*keys).annotate(n=Count("pk")):
        for service in Service.values:
            key = (row[f"step_{service}"], row[f"state_{service}"])
            cells[row["coalition_id"], service][key] += row["n"]
    out: dict[int, list[ServiceSummary]] = {}
    for cid in coalition_ids:
        out[cid] = []
        for service in Service.values:
            d = deadlines.get((cid, service))
            c = cells.get((cid, service), Counter())
            n_active = sum(c.values())
            out[cid].append(
                ServiceSummary(
                    service=service,
                    label=str(Service(service).label),
                    deadline=d,
                    n_active=n_active,
                    by_step=[
                        (s, sum(n for (k, _), n in c.items() if k == s)) for s in Step
                    ],
                    by_state=[
                        (s, sum(n for (_, k), n in c.items() if k == s))
                        for s in DeadlineState
                    ],
                    target=math.ceil(n_active * d.target_pct / 100) if d else 0,
                    days_left=(d.deadline - today).days if d else None,
                    cells=dict(c),
                )
            )
    return out


def live_dates_by_coalition(
    practices: QuerySet[Practice], *, service: str | None = None
) -> dict[tuple[int, str], list[dt.date]]:
    """`live_dates` of every coalition and service (or one service) at once:
    {(coalition id, service): sorted go-live dates}, counted per day (one query)."""
    qs = Rollout.objects.filter(practice__in=practices, step=Step.LIVE)
    if service is not None:
        qs = qs.filter(service=service)
    dates: dict[tuple[int, str], list[dt.date]] = defaultdict(list)
    for row in (
        qs.order_by("practice__coalition_id", "service", "live_date")
        .values("practice__coalition_id", "service", "live_date")
        .annotate(n=Count("pk"))
    ):
        key = (row["practice__coalition_id"], row["service"])
        dates[key] += [row["live_date"]] * row["n"]
    return dates


def comparison_reach(
    coalition_ids: Iterable[int],
    *,
    today: dt.date,
) -> dict[int, dict]:
    """Per coalition: active practices (`n`), patients, and per service the live,
    at-risk and overdue practices (`live_<service>`, `<state>_<service>`): one query
    with one filtered join per service."""
    qs = active_practices_of(coalition_ids)
    counts = {"n": Count("pk"), "patients": Sum("list_size")}
    for service in Service.values:
        rel = f"ro_{service}"
        qs = qs.annotate(
            **{
                rel: FilteredRelation(
                    "rollouts", condition=Q(rollouts__service=service)
                )
            }
        ).annotate(
            **{f"step_{service}": Coalesce(F(f"{rel}__step"), Value(Step.NOT_STARTED))}
        )
        fields = {
            "coalition": "coalition",
            "step": f"step_{service}",
            "live_date": f"{rel}__live_date",
            "planned_date": f"{rel}__planned_date",
            "step_since": f"{rel}__step_since",
            "deadline": f"dl_{service}__deadline",
            "stuck_after": f"dl_{service}__stuck_after",
        }
        qs = qs.annotate(**{f"dl_{service}": deadline_relation(service)}).annotate(
            **{f"state_{service}": deadline_state_joined(today=today, fields=fields)}
        )
        counts[f"live_{service}"] = Count(
            "pk", filter=Q(**{f"step_{service}": Step.LIVE})
        )
        for state in (DeadlineState.AT_RISK, DeadlineState.OVERDUE):
            counts[f"{state}_{service}"] = Count(
                "pk", filter=Q(**{f"state_{service}": state})
            )
    return {
        row["coalition_id"]: row
        for row in qs.order_by().values("coalition_id").annotate(**counts)
    }


def _active_at_close() -> Q:
    closes = F("coalition__questionnaires__closes")
    return Q(is_active=True, left_on__isnull=True) | Q(left_on__gt=closes)


def active_at_close(questionnaire_ids: Iterable[int]) -> dict[int, int]:
    """Per questionnaire: the practices of its coalition active at its close."""
    return {
        row["coalition__questionnaires"]: row["n"]
        for row in Practice.objects.filter(
            coalition__questionnaires__in=list(questionnaire_ids)
        )
        .order_by()
        .values("coalition__questionnaires")
        .annotate(n=Count("pk", filter=_active_at_close()))
    }


def active_at_close_by_group(
    questionnaire_ids: Iterable[int], groups: tuple[str, ...]
) -> list[dict]:
    """Per questionnaire and group (practice fields, e.g. the member organisation's
    name): the practices of its coalition active at its close; rows
    {"questionnaire", *groups, "n"} (one query)."""
    return [
        {"questionnaire": row.pop("coalition__questionnaires"), **row}
        for row in Practice.objects.filter(
            _active_at_close(), coalition__questionnaires__in=list(questionnaire_ids)
        )
        .order_by()
        .values("coalition__questionnaires", *groups)
        .annotate(n=Count("pk"))
    ]
