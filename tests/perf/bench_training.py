"""Training target: 50 simultaneous registrations to a 20-seat session leave exactly 20
confirmed and 30 waitlisted (run with DATABASE_URL set to PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading

from tests.perf.bench import Result, Timer

SEATS = 20
PEOPLE = 50


def run() -> list[Result]:
    from django.conf import settings
    from django.db import connection
    from django.utils import timezone

    from coalition.models import StaffRole
    from tests.factories import CoalitionFactory, PracticeFactory
    from training import services
    from training.models import Course, Registration, Session

    name = f"{PEOPLE} gelijktijdige aanmeldingen voor {SEATS} plaatsen"
    if not settings.USING_POSTGRES:
        # The throw-away SQLite test database is in memory with a shared cache, which
        # allows no concurrent writers at all; the target is about PostgreSQL.
        return [
            Result(
                name=name,
                seconds=0.0,
                detail="overgeslagen: alleen met DATABASE_URL=postgres://… zinvol",
                ok=True,
            )
        ]
    coalition = CoalitionFactory(slug="bench-training", name="Bench scholing")
    practice = PracticeFactory(coalition=coalition)
    course = Course.objects.create(coalition=coalition, title="Bench: module 1")
    start = timezone.now() + dt.timedelta(days=14)
    session = Session.objects.create(
        course=course,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        address="Coolsingel 40, Rotterdam",
        capacity=SEATS,
        registration_deadline=start,
    )
    barrier = threading.Barrier(PEOPLE)
    errors: list[str] = []

    def register(i: int) -> None:
        try:
            barrier.wait()
            services.registration_create(
                session=session,
                practice=practice,
                name=f"Deelnemer {i}",
                email=f"deelnemer{i}@bench.test",
                role=StaffRole.ASSISTANT,
            )
        except Exception as exc:  # noqa: BLE001 - reported in the result
            errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(PEOPLE)]
    with Timer() as timer:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    confirmed = Registration.objects.filter(session=session, status="confirmed").count()
    waitlisted = Registration.objects.filter(
        session=session, status="waitlisted"
    ).count()
    ok = confirmed == SEATS and waitlisted == PEOPLE - SEATS and not errors
    detail = f"[PostgreSQL] {confirmed} bevestigd, {waitlisted} wachtlijst"
    if errors:
        detail += f", {len(errors)} fouten (eerste: {errors[0]})"
    return [
        Result(
            name=name,
            seconds=timer.seconds,
            target_seconds=10.0,
            detail=detail,
            ok=ok and timer.seconds <= 10.0,
        )
    ]
