"""The practice list, one practice, and what other apps read of a practice."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from coalition.models import Certification, Coalition, Service, StaffRole, Standard
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


def neighbourhood_labels() -> dict[str, str]:
    """The label of each kind of neighbourhood, by its value (no query)."""
    return dict(Practice.Neighbourhood.choices)


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
