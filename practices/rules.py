"""The deadline rules, written once, as a database expression.

A rollout's deadline state is never stored: it depends on today and on the coalition's
deadline for the service, both of which move. The practice list filters on it and the
dashboard counts by it, so it must be computable in SQL; the one definition below is used
for the rollout rows (practice page, matrices) and for the practice list (where the rollout
columns are subqueries), so the two can never drift.

The rules, for a practice that is
- live: *live on time* when it went live on or before the deadline, else *live late*;
- not live, deadline passed: *overdue*;
- not live, deadline ahead: *at risk* when it has no planned date, a planned date after
  the deadline, or has stood in one step for longer than the coalition allows; otherwise
  *on track*.
Without a deadline for the service only the plan and the time in a step count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    IntegerField,
    Q,
    When,
)
from django.db.models import Value as _Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import LessThan

from practices.models.rollout import DeadlineState, Step

DEFAULT_STUCK_AFTER = dt.timedelta(weeks=8)


@dataclass(frozen=True)
class Rule:
    """The parameters of the rules for one coalition and service."""

    coalition_id: int | None
    deadline: dt.date | None
    stuck_after: dt.timedelta = DEFAULT_STUCK_AFTER


ROLLOUT_FIELDS = {
    "coalition": "practice__coalition",
    "step": "step",
    "live_date": "live_date",
    "planned_date": "planned_date",
    "step_since": "step_since",
}


def deadline_state(
    rules: Iterable[Rule],
    *,
    today: dt.date,
    fields: Mapping[str, str] = ROLLOUT_FIELDS,
    output: Mapping[str, int] | None = None,
) -> Case:
    """A CASE expression giving the DeadlineState value of each row.

    `fields` names the columns (or annotations) that hold the coalition, step, live date,
    planned date and the date the current step began. Coalitions without a rule fall
    back to the rules without a deadline. With `output` (state → integer) the same
    CASE gives that integer instead: a sort rank without a second CASE around a copy of
    the first.
    """
    f = fields

    def Value(state: str):  # noqa: N802 - stands in for the Value of each branch
        if output is None:
            return _Value(state)
        return _Value(output[state])

    def branch(deadline: dt.date | None, stuck_after: dt.timedelta, where: Q):
        cutoff = today - stuck_after
        live = Q(**{f["step"]: Step.LIVE})
        whens = []
        if deadline is not None:
            whens.append(
                When(
                    where & live & Q(**{f"{f['live_date']}__gt": deadline}),
                    then=Value(DeadlineState.LIVE_LATE),
                )
            )
        whens.append(When(where & live, then=Value(DeadlineState.LIVE_ON_TIME)))
        if deadline is not None and deadline < today:
            whens.append(When(where, then=Value(DeadlineState.OVERDUE)))
            return whens
        risky = Q(**{f"{f['planned_date']}__isnull": True}) | Q(
            **{f"{f['step_since']}__lt": cutoff}
        )
        if deadline is not None:
            risky |= Q(**{f"{f['planned_date']}__gt": deadline})
        whens.append(When(where & risky, then=Value(DeadlineState.AT_RISK)))
        whens.append(When(where, then=Value(DeadlineState.ON_TRACK)))
        return whens

    whens: list[When] = []
    for rule in rules:
        whens += branch(
            rule.deadline, rule.stuck_after, Q(**{f["coalition"]: rule.coalition_id})
        )
    # Every row not covered above: no deadline for its coalition.
    whens += branch(None, DEFAULT_STUCK_AFTER, Q(pk__isnull=False))
    return Case(*whens, output_field=CharField() if output is None else IntegerField())


def deadline_relation(service: str | F, path: str = "coalition") -> FilteredRelation:
    """The row's coalition's deadline for one service, as a join (`path` leads from the
    rows to their coalition); for `deadline_state_joined`. Rows that are themselves of
    a service (rollouts) pass `F("service")`: each joins its own service's deadline."""
    return FilteredRelation(
        f"{path}__service_deadlines",
        condition=Q(**{f"{path}__service_deadlines__service": service}),
    )


def deadline_state_joined(
    *,
    today: dt.date,
    fields: Mapping[str, str],
    output: Mapping[str, int] | None = None,
) -> Case:
    """`deadline_state` reading each row's own deadline and stuck rule from a joined
    deadline row (`fields["deadline"]` and `fields["stuck_after"]`, e.g. through
    `deadline_relation`) instead of one set of branches per coalition: the same
    states in a CASE of fixed size, however many coalitions the rows span (the office's
    CASE over 40 coalitions was 100,000 characters of SQL and seconds of compiling,
    issue 15). A row without a deadline row gets the rules without a deadline.
    """
    f = fields

    def Value(state: str):  # noqa: N802 - stands in for the Value of each branch
        return _Value(state if output is None else output[state])

    deadline = F(f["deadline"])
    live = Q(**{f["step"]: Step.LIVE})
    stuck_until = ExpressionWrapper(
        F(f["step_since"])
        + Coalesce(
            F(f["stuck_after"]),
            _Value(DEFAULT_STUCK_AFTER, output_field=DurationField()),
        ),
        output_field=DateField(),
    )
    return Case(
        When(
            live & Q(**{f"{f['live_date']}__gt": deadline}),
            then=Value(DeadlineState.LIVE_LATE),
        ),
        When(live, then=Value(DeadlineState.LIVE_ON_TIME)),
        When(Q(**{f"{f['deadline']}__lt": today}), then=Value(DeadlineState.OVERDUE)),
        When(
            Q(**{f"{f['planned_date']}__isnull": True})
            | Q(LessThan(stuck_until, today))
            | Q(**{f"{f['planned_date']}__gt": deadline}),
            then=Value(DeadlineState.AT_RISK),
        ),
        default=Value(DeadlineState.ON_TRACK),
        output_field=CharField() if output is None else IntegerField(),
    )
