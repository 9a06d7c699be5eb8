"""The national data set's activity: questionnaires and their answers, training,
visits."""

from __future__ import annotations

import datetime as dt
import random

from tests.perf.national.world import SLUG_PREFIX, TODAY, YEARS, World


def _surveys(world: World, rng: random.Random) -> None:
    from django.utils import timezone

    from coalition.models import Coalition
    from practices.models import Practice
    from surveys import services
    from surveys.models import Response

    now = timezone.now()
    answers_total = 0
    by_coalition: dict[int, list[int]] = {}
    for coalition_id, pk in Practice.objects.order_by("pk").values_list(
        "coalition_id", "pk"
    ):
        by_coalition.setdefault(coalition_id, []).append(pk)
    coalitions = list(
        Coalition.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug")
    )
    for coalition in coalitions:
        for year in YEARS:
            q = services.questionnaire_create_standard(coalition=coalition, year=year)
            q = services.questionnaire_set_status(questionnaire=q, status="open")
            Response.objects.bulk_create(
                Response(
                    questionnaire=q,
                    practice_id=p,
                    status=Response.Status.SUBMITTED,
                    invited_at=now,
                    submitted_at=now,
                )
                for p in by_coalition[coalition.pk]
                if rng.random() < 0.7
            )
            answers_total += _answer(q.pk, now)
            if coalition.pk == world.lead_coalition:
                world.questionnaire = q.pk
    world.counts["answers"] = answers_total
    # The practice's own response in the open questionnaire: a draft to fill in.
    response, _ = Response.objects.update_or_create(
        questionnaire_id=world.questionnaire,
        practice_id=world.practice,
        defaults={"status": Response.Status.DRAFT, "submitted_at": None},
    )
    world.response = response.pk
    world.open_questionnaire = world.questionnaire


# The wholes that other answers are a part of: 3,000-12,000, while every other count is
# 50-3,000, so no share (registered patients, online appointments) passes 100%.
WHOLES = ("list_size", "appointments_total_q4")


def _answer(questionnaire_id: int, now) -> int:
    """Every submitted response of the questionnaire answers its yes/no and numeric
    questions, 70% its text questions: one INSERT … SELECT (410,000 rows through
    bulk_create took minutes). The values follow from the ids, so they are the same
    every run (flush restarts the sequences)."""
    from django.db import connection

    from surveys.models import Answer, Question, Response

    a, q, r = (m._meta.db_table for m in (Answer, Question, Response))
    h = f"({r}.id * 7919 + {q}.id * 104729)"
    sql = f"""
        INSERT INTO {a} (response_id, question_id, number, boolean, text, date,
                         choices, updated)
        SELECT {r}.id, {q}.id,
               CASE WHEN {q}.kind = %s THEN 20 + {h} %% 81
                    WHEN {q}.code IN (%s, %s) THEN 3000 + {h} %% 9001
                    WHEN {q}.kind IN (%s, %s) THEN 50 + {h} %% 2951 END,
               CASE WHEN {q}.kind = %s THEN {h} %% 10 < 7 END,
               CASE WHEN {q}.kind = %s THEN %s ELSE '' END,
               NULL, %s, %s
        FROM {r} JOIN {q} ON {q}.questionnaire_id = {r}.questionnaire_id
        WHERE {r}.questionnaire_id = %s AND {r}.status = %s
          AND ({q}.kind IN (%s, %s, %s, %s) OR ({q}.kind = %s AND {h} %% 10 < 7))
    """
    kind = Question.Kind
    params = [
        kind.PERCENTAGE,
        *WHOLES,
        kind.INTEGER,
        kind.DECIMAL,
        kind.YES_NO,
        kind.TEXT,
        "Gaat goed",
        "[]",
        now,
        questionnaire_id,
        Response.Status.SUBMITTED,
        kind.PERCENTAGE,
        kind.INTEGER,
        kind.DECIMAL,
        kind.YES_NO,
        kind.TEXT,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _training(world: World, rng: random.Random) -> None:
    from django.utils import timezone

    from coalition.models import Coalition, StaffRole, User
    from practices.models import Practice
    from training import services
    from training.models import Course, Registration, Session

    n_sessions = round(2_000 * world.scale)
    n_registrations = round(41_700 * world.scale)
    trainer = User.objects.get(pk=world.users["trainer"])
    coalitions = list(
        Coalition.objects.filter(slug__startswith=SLUG_PREFIX).order_by("slug")
    )
    courses = []
    for c in coalitions:
        for k in range(3):
            # The first of each coalition's courses is its required module: only
            # attendance there counts for training coverage.
            courses.append(
                Course(
                    coalition=c,
                    title=f"Cursus {k} van {c.slug}",
                    is_required_module=k == 0,
                )
            )
    Course.objects.bulk_create(courses)
    courses = list(Course.objects.order_by("pk"))
    world.course = courses[0].pk
    tz = timezone.get_current_timezone()
    sessions = []
    for i in range(n_sessions):
        course = courses[i % len(courses)]
        start = dt.datetime.combine(
            TODAY + dt.timedelta(days=rng.randint(-300, 200)), dt.time(19, 0), tz
        )
        if i < 3:  # through the service: its checks, and trainers set
            # The trainer's start page lists their sessions of the coming week: these
            # three fall in it on whatever day the benchmark runs, at every scale (at
            # 10% the random dates left that list empty, and its prefetch query out).
            start = dt.datetime.combine(
                timezone.localdate() + dt.timedelta(days=1 + 2 * i), dt.time(19, 0), tz
            )
            services.session_create(
                course=course,
                trainers=[trainer],
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                capacity=30,
                address="Bench 1",
                registration_deadline=start - dt.timedelta(days=2),
            )
            continue
        sessions.append(
            Session(
                course=course,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=2),
                capacity=30,
                address="Bench 1",
                registration_deadline=start - dt.timedelta(days=2),
            )
        )
    Session.objects.bulk_create(sessions, batch_size=2000)
    session_rows = list(
        Session.objects.order_by("pk").values_list("pk", "course__coalition_id")
    )
    world.session = session_rows[0][0]
    Session.trainers.through.objects.bulk_create(
        Session.trainers.through(session_id=pk, user_id=trainer.pk)
        for pk, coalition_id in session_rows[3:]
        if coalition_id == world.lead_coalition
    )
    by_coalition: dict[int, list[int]] = {}
    for coalition_id, pk in Practice.objects.values_list("coalition_id", "pk"):
        by_coalition.setdefault(coalition_id, []).append(pk)
    per_session, extra = divmod(n_registrations, len(session_rows))
    roles = list(StaffRole.values)
    regs = []
    for i, (pk, coalition_id) in enumerate(session_rows):
        pool = by_coalition[coalition_id]
        for k in range(per_session + (i < extra)):
            regs.append(
                Registration(
                    session_id=pk,
                    practice_id=pool[rng.randrange(len(pool))],
                    name=f"Deelnemer {i}-{k}",
                    email=f"deelnemer{i}-{k}@bench.test",
                    role=roles[k % len(roles)],
                    status=Registration.Status.CONFIRMED
                    if k < 30
                    else Registration.Status.WAITLISTED,
                    attendance=Registration.Attendance.ATTENDED
                    if k % 3
                    else Registration.Attendance.UNKNOWN,
                )
            )
    Registration.objects.bulk_create(regs, batch_size=5000)
    world.counts["registrations"] = len(regs)
    world.counts["sessions"] = len(session_rows)


def _visits(world: World, rng: random.Random) -> None:
    from practices.models import Practice
    from practices.visits.models import Bottleneck, FollowUpAction, Visit

    practices = list(
        Practice.objects.order_by("pk").values_list("pk", "portal_vendor_id")
    )
    visits = []
    for pk, _vendor in practices:
        for back in (rng.randint(10, 420), rng.randint(380, 700)):
            day = TODAY - dt.timedelta(days=back)
            visits.append(
                Visit(practice_id=pk, planned_on=day, held_on=day, feedback="Prima")
            )
    Visit.objects.bulk_create(visits, batch_size=5000)
    rows = list(Visit.objects.order_by("pk").values_list("pk", "planned_on"))
    world.visit = next(
        pk
        for pk, practice_id in Visit.objects.filter(
            practice_id=world.practice
        ).values_list("pk", "practice_id")
    )
    FollowUpAction.objects.bulk_create(
        (
            FollowUpAction(
                visit_id=pk,
                description=f"Actie {k}",
                due_on=day + dt.timedelta(days=30),
                done_on=None if k % 3 else day + dt.timedelta(days=20),
            )
            for pk, day in rows
            for k in range(2)
        ),
        batch_size=5000,
    )
    vendor_of = dict(practices)
    step = max(1, len(visits) // round(2_000 * world.scale))
    chosen = list(Visit.objects.order_by("pk").values_list("pk", "practice_id")[::1])[
        ::step
    ]
    Bottleneck.objects.bulk_create(
        (
            Bottleneck(
                practice_id=practice_id,
                visit_id=pk,
                category=rng.choice(Bottleneck.Category.values),
                vendor_id=vendor_of[practice_id],
                description="Knelpunt",
            )
            for pk, practice_id in chosen
        ),
        batch_size=5000,
    )
    world.bottleneck = Bottleneck.objects.order_by("pk").values_list("pk", flat=True)[0]
