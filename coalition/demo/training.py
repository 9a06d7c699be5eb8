"""Demo training season in the main region: courses, sessions around `today`, some full
with a waitlist, attendance for the past ones.

Deterministic (fixed seed, UUIDs derived from names) and idempotent (validated upserts on
natural keys). Courses and new sessions go through the services; registrations are
written here with full_clean (the service mails each registrant and refuses sessions
already held), and the seat rule (confirmed never above capacity) holds by construction.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid

from django.utils import timezone

from coalition.demo.rows import upsert
from coalition.models import Coalition, StaffRole, User
from practices.models import Practice
from training import services
from training.models import Course, Registration, Session

NAMESPACE = uuid.UUID("6f1c2d4e-3b5a-4c7d-9e8f-0a1b2c3d4e5f")

COURSES = [
    # title, description, audience, hours, points, required
    (
        "Module 1: online inzage en het patiëntenportaal",
        "Wat de wet vraagt, hoe inzage en de online diensten in het portaal werken, "
        "en hoe de praktijk ze in de dagelijkse gang van zaken inpast.",
        list(StaffRole),
        "3.0",
        "3.0",
        True,
    ),
    (
        "Patiënten naar het portaal: zo krijgt u ze aan de slag",
        "Gesprekstechnieken aan de balie en in de spreekkamer, materiaal voor de "
        "wachtkamer, en afspraken binnen het team over wie wat uitlegt.",
        [StaffRole.ASSISTANT, StaffRole.MANAGER, StaffRole.NURSE_PRACTITIONER],
        "2.0",
        "2.0",
        False,
    ),
    (
        "Begrijpelijk schrijven in het dossier",
        "Nu patiënten meelezen: korte zinnen, uitgeschreven afkortingen en een "
        "toon die klopt, met oefeningen op eigen journaalregels.",
        [StaffRole.GP, StaffRole.NURSE_PRACTITIONER],
        "2.5",
        "2.5",
        False,
    ),
]

# day offset from today, course index, online?, capacity, fill (registrations wanted),
# status override
SESSIONS = [
    (-150, 0, False, 16, 15, None),
    (-120, 0, True, 20, 18, None),
    (-95, 1, False, 14, 12, None),
    (-70, 0, False, 16, 16, None),
    (-45, 2, True, 20, 14, None),
    (-21, 0, False, 16, 15, None),
    (-7, 1, True, 16, 11, None),
    (2, 0, False, 12, 15, None),  # full, three on the waitlist; reminder due today
    (9, 2, True, 20, 9, None),
    (16, 0, True, 16, 19, None),  # full with a waitlist
    (23, 1, False, 14, 6, None),
    (30, 0, False, 16, 5, Session.Status.CANCELLED),
    (44, 0, False, 16, 3, None),
    (58, 2, False, 18, 2, None),
    (75, 0, True, 20, 0, None),
]

LOCATIONS = [
    "Zorgcentrum De Rijn, Coolsingel 40, 3011 AD Rotterdam",
    "Gezondheidscentrum Schiedam-Oost, Nieuwe Damlaan 8, 3118 AB Schiedam",
    "Huisartsenkring Rijnmond, Westersingel 12, 3014 GN Rotterdam",
]
FIRST = [
    "Anouk",
    "Bram",
    "Chantal",
    "Dirk",
    "Elif",
    "Freek",
    "Gerda",
    "Hamid",
    "Iris",
    "Jeroen",
    "Karin",
    "Lars",
    "Meryem",
    "Niels",
    "Olga",
    "Pieter",
    "Rachida",
    "Sven",
    "Tineke",
    "Umut",
    "Vera",
    "Wouter",
    "Yara",
    "Zoë",
]
LAST = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "Kaya",
    "Öztürk",
    "Ramdin",
    "Koster",
    "Prins",
    "Huisman",
]


def _uid(key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, key)


def _staff(practice: Practice, index: int, role: str) -> tuple:
    first = FIRST[(practice.pk * 7 + index * 5) % len(FIRST)]
    last = LAST[(practice.pk * 3 + index * 11) % len(LAST)]
    # ASCII only: "öztürk" in an address is refused by the e-mail validator.
    email = (
        f"{first}.{last}".lower().replace(" ", "").replace("ö", "o").replace("ë", "e")
    ).replace("ü", "u")
    return f"{first} {last}", f"{email}.{role[:2]}@{practice.agb_code}.demo.test"


def _roles_of(practice: Practice) -> list[str]:
    roles = [StaffRole.GP.value]
    for role in (StaffRole.NURSE_PRACTITIONER, StaffRole.MANAGER, StaffRole.ASSISTANT):
        if getattr(practice, f"staff_{role.value}") > 0:
            roles.append(role.value)
    return roles


# Start times on working days; with at most three hours every session ends by 17:00.
START_TIMES = [
    dt.time(9, 30),
    dt.time(13, 30),
    dt.time(10, 0),
    dt.time(14, 0),
    dt.time(9, 0),
    dt.time(13, 0),
    dt.time(10, 30),
]
# Capacity of the extra past sessions of the required module, added when the teams
# the rollout calls trained do not fit the planned ones.
EXTRA_CAPACITY = 30


def _session_day(today: dt.date, offset: int, i: int) -> dt.date:
    """A weekday near `today + offset`, spread over Monday to Friday."""
    day = today + dt.timedelta(days=offset)
    if offset != 2:  # the reminder session stays exactly two days ahead if it can
        day += dt.timedelta(days=(i * 2) % 5)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _session_plan(n_trained_pairs: int) -> list[tuple]:
    """SESSIONS, plus extra past sessions of the required module when needed."""
    plan = list(SESSIONS)
    seats = sum(
        capacity
        for offset, course_i, _online, capacity, _fill, status in plan
        if offset < 0 and course_i == 0 and status is None
    )
    offset = -180
    while seats < n_trained_pairs:
        plan.append((offset, 0, len(plan) % 3 == 0, EXTRA_CAPACITY, 0, None))
        seats += EXTRA_CAPACITY
        offset -= 28
    return plan


def _session(uid: uuid.UUID, *, trainers: list[User], fields: dict) -> Session:
    """A new session through the service; an existing one follows today's dates."""
    session = Session.objects.filter(uid=uid).first()
    if session is None:
        rest = {name: value for name, value in fields.items() if name != "course"}
        return services.session_create(
            course=fields["course"], trainers=trainers, uid=uid, **rest
        )
    # Not session_update: it raises the calendar's SEQUENCE and tells the registrants
    # of a change, while a second demo run only moves the dates along with today.
    for name, value in fields.items():
        setattr(session, name, value)
    session.full_clean()
    session.save()
    session.trainers.set(trainers)
    return session


def load(*, today: dt.date, stdout=None) -> None:
    from practices import selectors as practice_selectors

    coalition = Coalition.objects.get(slug="rijnmond")
    trainer = User.objects.filter(email="trainer@demo.test").first()
    rng = random.Random(2026)
    courses = []
    for title, description, audience, hours, points, required in COURSES:
        flags = {f"audience_{r.value}": r in audience for r in StaffRole}
        course, _ = upsert(
            Course,
            save=lambda c: services.course_save(course=c),
            coalition=coalition,
            title=title,
            defaults={
                "description": description,
                "duration_hours": hours,
                "accreditation_points": points,
                "is_required_module": required,
                **flags,
            },
        )
        courses.append(course)

    # The demo practice users' practices come first, so they have registrations.
    with_users = list(
        Practice.objects.filter(coalition=coalition, memberships__role="practice")
        .order_by("agb_code")
        .distinct()
    )
    active = Practice.objects.filter(coalition=coalition, is_active=True)
    practices = with_users + [
        p for p in active.order_by("agb_code")[:60] if p not in with_users
    ]
    # Training agrees with the rollout: a practice whose rollout passed "team
    # getraind" has its GP and every other role it has attended the required module;
    # the others are still to be trained (a few have only their GP done).
    trained = list(practice_selectors.team_trained(active).order_by("agb_code"))
    trained_ids = {p.pk for p in trained}
    untrained = [p for p in practices if p.pk not in trained_ids]
    trained_pairs = [(p, r) for p in trained for r in _roles_of(p)]
    partly = [p for p in untrained[len(with_users) :][::4] if len(_roles_of(p)) > 1]
    past_pairs = trained_pairs + [(p, StaffRole.GP.value) for p in partly]
    plan = _session_plan(len(past_pairs))

    tz = timezone.get_default_timezone()
    now = timezone.now()
    n_regs = 0
    next_past = 0  # the next (practice, role) of past_pairs to seat
    for i, (offset, course_i, online, capacity, fill, status) in enumerate(plan):
        course = courses[course_i]
        day = _session_day(today, offset, i)
        starts = dt.datetime.combine(day, START_TIMES[i % len(START_TIMES)], tzinfo=tz)
        hours = float(course.duration_hours)
        ends = starts + dt.timedelta(hours=hours)
        if status is None:
            status = Session.Status.HELD if ends < now else Session.Status.PLANNED
        uid = _uid(f"rijnmond-session-{i}")
        session = _session(
            uid,
            trainers=[trainer] if trainer is not None else [],
            fields={
                "course": course,
                "starts_at": starts,
                "ends_at": ends,
                "mode": Session.Mode.ONLINE if online else Session.Mode.ON_SITE,
                "address": "" if online else LOCATIONS[i % len(LOCATIONS)],
                "online_url": f"https://vergaderen.demo.test/scholing-{i + 1}"
                if online
                else "",
                "capacity": capacity,
                "registration_deadline": starts - dt.timedelta(days=2),
                "status": status,
                "sequence": 1 if status == Session.Status.CANCELLED else 0,
            },
        )
        past = status == Session.Status.HELD
        if course.is_required_module and past:
            pairs = past_pairs[next_past : next_past + capacity]
            next_past += len(pairs)
            fill = len(pairs)
        elif course.is_required_module:
            # Upcoming: teams not yet trained first (the demo practice users'
            # before others), then new colleagues of trained teams.
            start = max(0, i - 7) * 6
            block = untrained[start % max(1, len(untrained)) :] + untrained
            block = list(dict.fromkeys(block + trained))
            pairs = [(p, r) for p in block for r in _roles_of(p)]
            fill = min(fill, len(pairs))
        else:
            pairs = [
                (practices[(i * 5 + j * 3) % len(practices)], None) for j in range(fill)
            ]
        for j in range(fill):
            practice, role = pairs[j]
            if role is None:
                roles = [r for r in _roles_of(practice) if r in course.audience]
                role = roles[(i + j) % len(roles)] if roles else course.audience[0]
            name, email = _staff(practice, i + j, role)
            if j < capacity:
                reg_status = Registration.Status.CONFIRMED
            else:
                reg_status = Registration.Status.WAITLISTED
            if status == Session.Status.CANCELLED:
                reg_status = Registration.Status.CONFIRMED
            attendance = Registration.Attendance.UNKNOWN
            if past:
                # No-shows only on the optional courses: the required module's
                # attendance is what the rollout's "team getraind" rests on.
                no_show = not course.is_required_module and rng.random() < 0.12
                attendance = (
                    Registration.Attendance.NO_SHOW
                    if no_show
                    else Registration.Attendance.ATTENDED
                )
            # Not registration_create: it refuses sessions already held and mails
            # every registrant; these are the region's registrations so far.
            upsert(
                Registration,
                session=session,
                email=email,
                defaults={
                    "practice": practice,
                    "name": name,
                    "role": role,
                    "status": reg_status,
                    "attendance": attendance,
                    "created": starts - dt.timedelta(days=30) + dt.timedelta(hours=j),
                },
            )
            n_regs += 1
    if stdout is not None:
        stdout.write(
            f"  scholing: {len(courses)} cursussen, {len(plan)} sessies, "
            f"{n_regs} aanmeldingen"
        )
