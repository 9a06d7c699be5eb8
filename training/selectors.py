"""Read queries of the training app that pages, panels and other apps share.

Other apps use only these functions (`coverage_for_practice`,
`upcoming_public_sessions`), never the models' internals.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from coalition import access
from coalition.models import StaffRole, User
from practices import selectors as practice_selectors
from training.models import Course, Registration, Session

if TYPE_CHECKING:
    from practices.models import Practice

ROLES = [role.value for role in StaffRole]


def _trained_filter(prefix: str, role: str) -> Q:
    """Attended registrations of the required module, for one staff role."""
    return Q(
        **{
            f"{prefix}role": role,
            f"{prefix}attendance": Registration.Attendance.ATTENDED,
            f"{prefix}status": Registration.Status.CONFIRMED,
            f"{prefix}session__course__is_required_module": True,
        }
    )


def role_needed(role: str, n_staff: int | None) -> bool:
    """The training rule: at least one GP always; the other roles where the practice
    has such staff (`n_staff`: how many people of that role it has)."""
    return role == StaffRole.GP or (n_staff or 0) > 0


def role_needed_filter(role: str) -> Q:
    """`role_needed` as a filter on practices."""
    return Q() if role == StaffRole.GP else practice_selectors.has_staff(role)


def role_required(practice: Practice, role: str) -> bool:
    """`role_needed` for one practice (no query for the GP)."""
    if role == StaffRole.GP:
        return True
    return role_needed(role, practice_selectors.staff_counts(practice)[role])


def _coverage(practice: Practice, trained: dict[str, int]) -> dict:
    roles = [
        {
            "role": role,
            "label": str(StaffRole(role).label),
            "required": role_required(practice, role),
            "trained": trained.get(role, 0),
        }
        for role in ROLES
    ]
    return {
        "roles": roles,
        "complete": all(r["trained"] > 0 for r in roles if r["required"]),
        "missing": [r for r in roles if r["required"] and not r["trained"]],
    }


def coverage_for_practice(practice: Practice) -> dict:
    """Which staff roles of a practice attended the required module (one query).

    {"roles": [{"role", "label", "required", "trained"}], "complete": bool}; `trained`
    counts distinct people per role, and coverage is per role, not per attendee.
    """
    trained = dict(
        Registration.objects.filter(
            practice=practice,
            attendance=Registration.Attendance.ATTENDED,
            status=Registration.Status.CONFIRMED,
            session__course__is_required_module=True,
        )
        .values("role")
        .annotate(n=Count("email", distinct=True))
        .values_list("role", "n")
    )
    return _coverage(practice, trained)


def practices_with_coverage(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    """Practices annotated with `trained_<role>` counts and `has_gap` (one query)."""
    annotations = {
        f"trained_{role}": Count(
            "training_registrations__email",
            filter=_trained_filter("training_registrations__", role),
            distinct=True,
        )
        for role in ROLES
    }
    return practices.annotate(**annotations)


def _trained(role: str) -> QuerySet[Registration]:
    """The practice's attended registrations of the required module for one role."""
    return Registration.objects.filter(
        _trained_filter("", role), practice=OuterRef("pk")
    )


def gap_filter() -> Q:
    """Practices that miss a required trained role, as one EXISTS test per role.

    No grouping: the coverage list filters, counts and pages with it without
    aggregating every registration of the country first (three grouped queries of
    about 60 ms each on the office's coverage page at national scale, issue 15)."""
    gap = Q()
    for role in ROLES:
        gap |= role_needed_filter(role) & Q(~Exists(_trained(role)))
    return gap


def with_trained_counts(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    """Practices annotated with `trained_<role>` as a correlated count per row: for a
    page of a list, where only the rows shown are counted (`practices_with_coverage`
    groups every practice in one query, for the totals)."""
    return practices.annotate(
        **{
            f"trained_{role}": Coalesce(
                Subquery(
                    _trained(role)
                    .order_by()
                    .values("practice")
                    .annotate(n=Count("email", distinct=True))
                    .values("n")
                ),
                0,
            )
            for role in ROLES
        }
    )


def practices_with_gaps(practices: QuerySet[Practice]) -> QuerySet[Practice]:
    """Active practices that miss at least one required trained role."""
    return practices.filter(gap_filter(), is_active=True)


def coverage_of(practice: Practice) -> dict:
    """Coverage of a practice annotated by `practices_with_coverage` (no query)."""
    return _coverage(
        practice, {role: getattr(practice, f"trained_{role}") for role in ROLES}
    )


def coverage_summary(practices: QuerySet[Practice], *, gaps: int | None = None) -> dict:
    """Counts for a dashboard: active practices, complete, with gaps (two counts; in
    one query the EXISTS tests inside FILTER ran once per practice, 30× slower than
    as a WHERE, where PostgreSQL hashes them). `gaps`: the count of
    `practices_with_gaps(practices)` when the caller has it already."""
    active = practices.filter(is_active=True)
    total = active.count()
    if gaps is None:
        gaps = practices_with_gaps(active).count()
    return {"total": total, "complete": total - gaps, "gaps": gaps}


# --- sessions -------------------------------------------------------------------------


def with_seats(sessions: QuerySet[Session]) -> QuerySet[Session]:
    """Sessions with their course, trainers and seat counts, for lists and pages."""
    return (
        sessions.select_related("course")
        .annotate(
            n_confirmed=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.CONFIRMED),
            ),
            n_waitlisted=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.WAITLISTED),
            ),
        )
        .prefetch_related(
            Prefetch("trainers", queryset=User.objects.order_by("last_name", "email"))
        )
    )


def session_list(user) -> QuerySet[Session]:
    return with_seats(access.visible_sessions(user)).order_by("starts_at", "pk")


def public_calendar() -> QuerySet[Session]:
    """Upcoming sessions of every coalition, cancelled ones marked as such."""
    return with_seats(
        access.public_sessions().filter(ends_at__gte=timezone.now())
    ).order_by("starts_at", "pk")


def upcoming_public_sessions(*, limit: int = 5) -> QuerySet[Session]:
    """The next planned sessions, for the home page and other apps' panels."""
    return (
        access.public_sessions()
        .planned()
        .upcoming()
        .select_related("course")
        .order_by("starts_at", "pk")[:limit]
    )


def trainer_sessions(user: User) -> QuerySet[Session]:
    """The sessions a user gives themselves (also for the per-trainer feed)."""
    return Session.objects.filter(trainers=user)


def next_sessions_for_trainer(user: User, *, limit: int = 5) -> list[Session]:
    return list(
        with_seats(access.visible_sessions(user).filter(trainers=user))
        .filter(ends_at__gte=timezone.now())
        .exclude(status=Session.Status.CANCELLED)
        .order_by("starts_at", "pk")[:limit]
    )


def sessions_for_roles(*, coalition_id: int, roles: list[str]) -> QuerySet[Session]:
    """Upcoming open sessions of the required module for any of these roles."""
    audience = Q()
    for role in roles:
        audience |= Q(**{f"course__audience_{role}": True})
    return (
        Session.objects.planned()
        .filter(
            audience,
            course__coalition_id=coalition_id,
            course__is_required_module=True,
            starts_at__gt=timezone.now(),
            registration_deadline__gte=timezone.now(),
        )
        .select_related("course")
        .order_by("starts_at", "pk")
    )


def session_registrations(user, session: Session) -> QuerySet[Registration]:
    """The registrations of one session the user may see, in list order."""
    return (
        access.visible_registrations(user)
        .filter(session=session)
        .select_related("practice")
        .order_by("status", "created", "pk")
    )


def practice_registrations(practice: Practice, *, upcoming: bool = True):
    qs = (
        Registration.objects.filter(practice=practice)
        .active()
        .select_related("session__course")
        .order_by("session__starts_at", "name")
    )
    if upcoming:
        qs = qs.filter(session__ends_at__gte=timezone.now())
    return qs


def courses_for(user) -> QuerySet[Course]:
    return (
        access.visible_courses(user)
        .annotate(n_sessions=Count("sessions"))
        .order_by("coalition", "title")
    )


# --- a practice's team ----------------------------------------------------------------


def team_registrations(practice: Practice) -> QuerySet[Registration]:
    """All active registrations of a practice's staff, with the waitlist position
    (1 = next in line) of those waiting (one query)."""
    ahead = (
        Registration.objects.filter(
            session=OuterRef("session"), status=Registration.Status.WAITLISTED
        )
        .filter(
            Q(created__lt=OuterRef("created"))
            | Q(created=OuterRef("created"), pk__lte=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Registration.objects.filter(practice=practice)
        .active()
        .select_related("session__course")
        .annotate(waitlist_position=Subquery(ahead))
        .order_by("-session__starts_at", "name", "pk")
    )


def team_training(practice: Practice) -> dict:
    """The team page split in what is coming, who waits and who attended."""
    now = timezone.now()
    coming, waiting, attended, other = [], [], [], []
    for r in team_registrations(practice):
        if r.attendance == Registration.Attendance.ATTENDED:
            attended.append(r)
        elif r.session.ends_at < now:
            other.append(r)
        elif r.status == Registration.Status.WAITLISTED:
            waiting.append(r)
        else:
            coming.append(r)
    coming.reverse()
    waiting.reverse()
    return {
        "coming": coming,
        "waiting": waiting,
        "attended": attended,
        "past_other": other,
    }


# --- the trainer's to-do --------------------------------------------------------------


def trainer_todo(user: User, *, days: int = 7) -> dict:
    """What a trainer still has to do: past sessions without attendance marked, and
    their sessions in the coming week with confirmed / capacity / waitlist (two
    queries, whatever the number of sessions)."""
    now = timezone.now()
    mine = access.visible_sessions(user).filter(trainers=user)
    unmarked = Registration.objects.filter(
        session=OuterRef("pk"),
        status=Registration.Status.CONFIRMED,
        attendance=Registration.Attendance.UNKNOWN,
    )
    unmarked_count = (
        Registration.objects.filter(
            session=OuterRef("pk"),
            status=Registration.Status.CONFIRMED,
            attendance=Registration.Attendance.UNKNOWN,
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    to_mark = list(
        mine.filter(starts_at__lt=now)
        .exclude(status=Session.Status.CANCELLED)
        .filter(Exists(unmarked))
        .select_related("course")
        .annotate(n_unmarked=Coalesce(Subquery(unmarked_count), 0))
        .order_by("-starts_at", "pk")
    )
    this_week = list(
        with_seats(mine)
        .filter(starts_at__gte=now, starts_at__lt=now + timedelta(days=days))
        .filter(status=Session.Status.PLANNED)
        .order_by("starts_at", "pk")
    )
    return {"to_mark": to_mark, "this_week": this_week}


# --- reports (issue 13) ---------------------------------------------------------------


def coverage_by_role(practices: QuerySet[Practice]) -> list[dict]:
    """Per staff role: practices that need it, and of those, how many have a trained
    person (coverage per role per practice, not per attendee). One query."""
    staff = practice_selectors.STAFF_FIELDS
    fields = [staff[role] for role in ROLES if role != StaffRole.GP]
    trained = [f"trained_{role}" for role in ROLES]
    needed = dict.fromkeys(ROLES, 0)
    covered = dict.fromkeys(ROLES, 0)
    for row in practices_with_coverage(practices).order_by().values(*fields, *trained):
        for role in ROLES:
            if role_needed(role, row.get(staff[role])):
                needed[role] += 1
                if row[f"trained_{role}"]:
                    covered[role] += 1
    return [
        {
            "role": role,
            "label": str(StaffRole(role).label),
            "needed": needed[role],
            "covered": covered[role],
            "pct": 100 * covered[role] / needed[role] if needed[role] else None,
        }
        for role in ROLES
    ]


def coverage_by_coalition(practices: QuerySet[Practice]) -> dict[int, dict[str, int]]:
    """Per coalition: `needed_<role>` and `covered_<role>` practices (a role is needed
    where the practice has such staff; a GP always): `coverage_by_role` of every
    coalition in one grouped query."""
    # Trained practices per role as an uncorrelated subquery the database hashes once
    # (an EXISTS per practice and role took 2.9 s for 5,000 practices, issue 15).
    cover = {}
    for role in ROLES:
        need = role_needed_filter(role)
        trained = Q(
            pk__in=Registration.objects.filter(
                role=role,
                attendance=Registration.Attendance.ATTENDED,
                status=Registration.Status.CONFIRMED,
                session__course__is_required_module=True,
            ).values("practice_id")
        )
        cover[f"needed_{role}"] = Count("pk", filter=need)
        cover[f"covered_{role}"] = Count("pk", filter=need & trained)
    return {
        row["coalition_id"]: row
        for row in practices.order_by().values("coalition_id").annotate(**cover)
    }


def coverage_rows(counts: dict[str, int]) -> list[dict]:
    """`coverage_by_role`'s rows from per-role `needed`/`covered` counts (no query)."""
    return [
        {
            "role": role,
            "label": str(StaffRole(role).label),
            "needed": counts[f"needed_{role}"],
            "covered": counts[f"covered_{role}"],
            "pct": 100 * counts[f"covered_{role}"] / counts[f"needed_{role}"]
            if counts[f"needed_{role}"]
            else None,
        }
        for role in ROLES
    ]
