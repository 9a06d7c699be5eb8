"""The progress report and the comparison of many coalitions (issue 13): a fixed number
of grouped queries whatever the number of coalitions."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from coalition.models import Service
from practices.models import DeadlineState, Practice, Rollout, ServiceDeadline, Step
from practices.rules import (
    deadline_relation,
    deadline_state_joined,
)
from practices.selectors.golive import ServiceSummary
from practices.selectors.registry import state_without_rollout

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


def _with_every_service(
    qs: QuerySet[Practice], *, today: dt.date
) -> QuerySet[Practice]:
    """Per service, `step_<service>` and `state_<service>`: one filtered join to the
    rollout and one to the coalition's deadline per service, so one grouped query counts
    every service of every coalition."""
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
    return qs


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
    qs = _with_every_service(practices, today=today)
    keys = ["coalition_id"]
    for service in Service.values:
        keys += [f"step_{service}", f"state_{service}"]
    for row in qs.order_by().values(*keys).annotate(n=Count("pk")):
        for service in Service.values:
            key = (row[f"step_{service}"], row[f"state_{service}"])
            cells[row["coalition_id"], service][key] += row["n"]
    return {
        cid: [
            ServiceSummary.of(
                service,
                cells.get((cid, service), Counter()),
                deadline=deadlines.get((cid, service)),
                today=today,
            )
            for service in Service.values
        ]
        for cid in coalition_ids
    }


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
    deadlines: dict[tuple[int, str], ServiceDeadline] | None = None,
) -> dict[int, dict]:
    """Per coalition: active practices (`n`), patients, and per service the live,
    at-risk and overdue practices (`live_<service>`, `<state>_<service>`).

    Two queries (three without `deadlines`, as `deadlines_by_coalition` gives them):
    the practices counted per coalition, and their rollout rows grouped by coalition,
    service, step and state, each row by its own coalition's deadline for its service
    (joined on both). A practice without a row for a service is not started, in the
    state `state_without_rollout` gives (a test checks it agrees with the rules). One
    query with a filtered join to the rollouts and the deadlines per service took
    55 ms at national scale: six hash joins of 5,000 rows each."""
    ids = list(coalition_ids)
    if deadlines is None:
        deadlines = deadlines_by_coalition(ids)
    practices = active_practices_of(ids)
    states = (DeadlineState.AT_RISK, DeadlineState.OVERDUE)
    zero = {
        f"{what}_{service}": 0
        for service in Service.values
        for what in ("live", *states)
    }
    out = {
        row["coalition_id"]: {**row, **zero}
        for row in practices.order_by()
        .values("coalition_id")
        .annotate(n=Count("pk"), patients=Sum("list_size"))
    }
    fields = {
        "coalition": "practice__coalition",
        "step": "step",
        "live_date": "live_date",
        "planned_date": "planned_date",
        "step_since": "step_since",
        "deadline": "dl__deadline",
        "stuck_after": "dl__stuck_after",
    }
    rows = (
        # The practices' own columns, not `practice__in=practices`: that joined the
        # practices a second time.
        Rollout.objects.filter(practice__coalition_id__in=ids, practice__is_active=True)
        .annotate(dl=deadline_relation(F("service"), path="practice__coalition"))
        .annotate(state=deadline_state_joined(today=today, fields=fields))
        .order_by()
        .values("practice__coalition_id", "service", "step", "state")
        .annotate(rows=Count("pk"))
    )
    with_row: Counter = Counter()
    for row in rows:
        reach = out.get(row["practice__coalition_id"])
        if reach is None or row["service"] not in Service.values:
            continue
        service, n = row["service"], row["rows"]
        with_row[reach["coalition_id"], service] += n
        if row["step"] == Step.LIVE:
            reach[f"live_{service}"] += n
        if row["state"] in states:
            reach[f"{row['state']}_{service}"] += n
    for cid, reach in out.items():
        for service in Service.values:
            # (Never below 0, also when a rollout was added between the two queries.)
            if (missing := reach["n"] - with_row[cid, service]) > 0:
                state = state_without_rollout(deadlines.get((cid, service)), today)
                if state in states:
                    reach[f"{state}_{service}"] += missing
    return out


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
