"""The go-live dashboard: states per service, forecasts, burn-up and the practices at risk."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from coalition.models import Coalition, Service
from practices.models import (
    DeadlineState,
    Practice,
    Reason,
    Rollout,
    ServiceDeadline,
    Step,
)
from practices.rules import Rule
from practices.selectors.registry import (
    NOT_LIVE_STATES,
    PRIMARY_SERVICE,
    state_per_service,
    state_without_rollout,
    with_rollout,
)
from practices.selectors.vendors import vendor_pace_from

PACE_WEEKS = 8
AT_RISK_SHOWN = 100  # the dashboard lists this many; the practice list has them all


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

    @classmethod
    def of(
        cls,
        service: str,
        cells: dict[tuple[int, str], int],
        *,
        deadline: ServiceDeadline | None,
        today: dt.date,
    ) -> ServiceSummary:
        """The summary of one service from its (step, state) → practices counts."""
        n_active = sum(cells.values())
        return cls(
            service=service,
            label=str(Service(service).label),
            deadline=deadline,
            n_active=n_active,
            by_step=[
                (s, sum(n for (k, _), n in cells.items() if k == s)) for s in Step
            ],
            by_state=[
                (s, sum(n for (_, k), n in cells.items() if k == s))
                for s in DeadlineState
            ],
            target=math.ceil(n_active * deadline.target_pct / 100) if deadline else 0,
            days_left=(deadline.deadline - today).days if deadline else None,
            cells=dict(cells),
        )

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
    """Per service: counts by step and by deadline state of `practices`, which are
    `coalition`'s. Two queries (three without `deadlines`): the practices, and their
    rollout rows grouped by service, step and state (each by its service's rule,
    `state_per_service`). A practice without a row for a service is not started, in
    the state `state_without_rollout` gives (a test checks it agrees with the rules).
    At national scale one query per service cost the dashboard 50 ms of its 120
    (issue 15)."""
    if deadlines is None:
        deadlines = coalition_deadlines(coalition)
    services = services or Service.values
    n_active = practices.order_by().count()
    cells: dict[str, Counter] = {service: Counter() for service in services}
    rows = (
        Rollout.objects.filter(practice__in=practices, service__in=services)
        .annotate(state=state_per_service(deadlines, today))
        .order_by()
        .values("service", "step", "state")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        cells[row["service"]][(row["step"], row["state"])] += row["n"]
    out = []
    for service in services:
        d = deadlines.get(service)
        c = cells[service]
        # (Never below 0, also when a rollout was added between the two queries.)
        if (missing := n_active - sum(c.values())) > 0:
            c[(Step.NOT_STARTED.value, state_without_rollout(d, today))] += missing
        out.append(ServiceSummary.of(service, c, deadline=d, today=today))
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
    """Practices at risk or overdue for a service, the ones furthest behind first:
    the name and member organisation the dashboard's list shows, with the rollout
    (a whole practice with its vendor per row was a fifth of the dashboard)."""
    return (
        with_rollout(
            practices.select_related("member_organisation").only(
                "pk", "name", "coalition_id", "member_organisation__name"
            ),
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
    """Service × practice for a set of practices: two queries, of the values the
    matrix shows (whole practices and rollouts were most of the page, issue 15)."""
    practices = list(practices.order_by("name").only("pk", "name"))
    ids = [p.pk for p in practices]
    cells: dict[tuple[int, str], tuple[int, str]] = {
        (practice_id, service): (step, state)
        for practice_id, service, step, state in Rollout.objects.filter(
            practice_id__in=ids
        )
        .annotate(deadline_state=state_per_service(deadlines, today))
        .values_list("practice_id", "service", "step", "deadline_state")
    }
    not_started = {
        service.value: (
            Step.NOT_STARTED,
            state_without_rollout(deadlines.get(service.value), today),
        )
        for service in Service
    }
    # Each label translated once, not once per cell.
    step_labels = {step: str(step.label) for step in Step}
    rows = []
    for p in practices:
        row = []
        for service in Service:
            step, state = cells.get((p.pk, service.value), not_started[service.value])
            step = Step(step)
            row.append({"step": step, "step_label": step_labels[step], "state": state})
        rows.append({"practice": p, "cells": row})
    return rows


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
