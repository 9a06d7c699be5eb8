"""A deterministic national data set for the page benchmark (issue 15).

At scale 1.0: 5,000 practices in 40 coalitions (the first one a 400-practice coalition
whose lead the benchmark logs in as), member organisations, vendors with product
versions and certifications, framework agreements, deadlines and rollouts of every
service; 5 yearly questionnaires per coalition answered by 70% (≈410,000 answers);
2,000 training sessions with 41,700 registrations; 10,000 visits, 20,000 actions and
2,000 bottlenecks; a funder with grants; the public website. Coalitions, member
organisations, questionnaires, sessions and the website go through their services;
the bulk (practices, rollouts, answers, registrations, visits) through bulk_create.

Run alone: `python -m tests.perf.national [--scale 0.1] [--force]` builds it in the
database DATABASE_URL names. It refuses a database holding anything but bench data
unless --force (which then empties it).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from dataclasses import dataclass, field
from decimal import Decimal

SLUG_PREFIX = "nl-bench-"
LEAD_COALITION_SIZE = 400
TODAY = dt.date(2026, 6, 15)
YEARS = range(2021, 2026)
PASSWORD = "bench-wachtwoord-15"


@dataclass
class World:
    """What the page benchmark needs to find again (ids, not objects)."""

    scale: float
    n_practices: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    lead_coalition: int = 0
    small_coalition: int = 0
    practice: int = 0
    vendor: int = 0
    questionnaire: int = 0
    open_questionnaire: int = 0
    response: int = 0
    session: int = 0
    course: int = 0
    visit: int = 0
    bottleneck: int = 0
    funder: int = 0
    public_practice: int = 0
    seconds: float = 0.0


def foreign_data() -> list[str]:
    """What in the database is not bench data (empty list: safe to rebuild)."""
    from coalition.models import Coalition, User

    found = []
    others = Coalition.objects.exclude(slug__startswith=SLUG_PREFIX)
    if others.exists():
        found.append(f"{others.count()} coalities")
    users = User.objects.exclude(email__endswith="@bench.test")
    if users.exists():
        found.append(f"{users.count()} gebruikers")
    return found


def _empty() -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def build(*, scale: float = 1.0, force: bool = False, log=print) -> World:
    """Empty the database and fill it with the national data set at `scale`."""
    import logging

    from django.db import connection, transaction

    for name in ("celery", "django_tasks", "django.tasks", "wagtail"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if (found := foreign_data()) and not force:
        raise SystemExit(
            "De database bevat andere gegevens dan de benchmark ("
            + ", ".join(found)
            + "): gebruik een eigen database of --force (die alles wist)."
        )
    start = time.perf_counter()
    _empty()
    world = World(scale=scale)
    steps = (
        _core,
        _practices,
        _users,
        _surveys,
        _training,
        _visits,
        _funder,
        _vendors_and_public,
        _website,
    )
    for step in steps:
        t = time.perf_counter()
        with transaction.atomic():
            step(world, random.Random(f"{step.__name__}-15"))
        log(f"  {step.__name__.strip('_')}: {time.perf_counter() - t:.1f} s")
    # Statistics, as autovacuum keeps them on a database in use: without them the
    # planner guesses 50 rows for 400,000 and picks nested loops (a report took 14 s
    # instead of 1 s). VACUUM also fills the visibility map for index-only scans.
    t = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    log(f"  statistics: {time.perf_counter() - t:.1f} s")
    world.seconds = time.perf_counter() - start
    return world


def _sizes(scale: float) -> list[int]:
    """Practices per coalition: the first one 400, the rest share the remainder."""
    total = round(5_000 * scale)
    n_coalitions = max(2, round(40 * scale))
    first = min(LEAD_COALITION_SIZE, total // 2)
    rest = total - first
    per, extra = divmod(rest, n_coalitions - 1)
    return [first] + [per + (i < extra) for i in range(n_coalitions - 1)]


def _core(world: World, rng: random.Random) -> None:
    from coalition import services
    from coalition.models import (
        Certification,
        FrameworkAgreement,
        MemberOrganisation,
        ProductVersion,
        Service,
        Standard,
        Vendor,
    )
    from practices.models import ServiceDeadline

    vendors = []
    for i in range(12):
        kind = Vendor.Kind.HIS if i % 2 else Vendor.Kind.PORTAL
        vendors.append(Vendor(name=f"Bench leverancier {i:02d}", kind=kind))
    Vendor.objects.bulk_create(vendors)
    vendors = list(Vendor.objects.order_by("name"))
    versions = ProductVersion.objects.bulk_create(
        ProductVersion(
            vendor=v,
            product=f"Product {v.pk}",
            version=f"{major}.0",
            services=[s.value for s in Service][: 2 + major],
            released=dt.date(2022 + major, 3, 1),
        )
        for v in vendors
        for major in range(3)
    )
    Certification.objects.bulk_create(
        Certification(
            product_version=pv,
            standard=Standard.GP_DATA,
            since=dt.date(2023 + i % 3, 6, 1),
        )
        for i, pv in enumerate(versions)
        if i % 3
    )
    kinds = list(MemberOrganisation.Kind.values)
    for i, _size in enumerate(_sizes(world.scale)):
        coalition = services.coalition_create(
            name=f"Bench coalitie {i:02d}",
            slug=f"{SLUG_PREFIX}{i:02d}",
            region=f"Regio {i:02d}",
            members=[
                (f"Bench lid {i:02d}-{m}", kinds[(i + m) % len(kinds)])
                for m in range(3 + i % 3)
            ],
        )
        FrameworkAgreement.objects.bulk_create(
            FrameworkAgreement(
                coalition=coalition,
                vendor=vendors[(i + k) % 12],
                starts=dt.date(2023, 1, 1),
            )
            for k in range(3)
        )
        ServiceDeadline.objects.bulk_create(
            ServiceDeadline(
                coalition=coalition,
                service=service,
                deadline=dt.date(2026 + (i + j) % 2, 1 + (i * 3 + j) % 12, 1),
                stuck_after=dt.timedelta(weeks=6 + i % 5),
            )
            for j, service in enumerate(Service.values)
        )


def _practices(world: World, rng: random.Random) -> None:
    from coalition.models import Coalition, ProductVersion, Service, Vendor
    from practices.models import Practice, Rollout, Step

    his = list(Vendor.objects.filter(kind=Vendor.Kind.HIS).order_by("pk"))
    portals = list(Vendor.objects.filter(kind=Vendor.Kind.PORTAL).order_by("pk"))
    versions: dict[int, list[ProductVersion]] = {}
    for pv in ProductVersion.objects.order_by("pk"):
        versions.setdefault(pv.vendor_id, []).append(pv)
    coalitions = list(
        Coalition.objects.filter(slug__startswith=SLUG_PREFIX)
        .order_by("slug")
        .prefetch_related("member_organisations")
    )
    practices = []
    n = 0
    for coalition, size in zip(coalitions, _sizes(world.scale), strict=True):
        members = list(coalition.member_organisations.all())
        for _k in range(size):
            h = his[rng.randrange(len(his))]
            practices.append(
                Practice(
                    agb_code=f"01{n:06d}",
                    name=f"Huisartsenpraktijk Bench {n:05d}",
                    coalition=coalition,
                    member_organisation=members[n % len(members)],
                    street=f"Dorpsstraat {n % 200 + 1}",
                    postcode=f"{1011 + n % 8900} AB",
                    city=f"Plaats {n % 300}",
                    list_size=rng.randint(1500, 12000),
                    his_vendor=h,
                    his_version=rng.choice(versions[h.pk]),
                    portal_vendor=portals[rng.randrange(len(portals))],
                    cohort=f"golf {n % 4 + 1}",
                    staff_gp=rng.randint(1, 6),
                    staff_assistant=rng.randint(1, 8),
                )
            )
            n += 1
    Practice.objects.bulk_create(practices, batch_size=2000)
    world.n_practices = n
    world.lead_coalition = coalitions[0].pk
    world.small_coalition = coalitions[1].pk
    ids = list(Practice.objects.order_by("pk").values_list("pk", flat=True))
    world.practice = ids[7]
    rollouts = []
    for pk in ids:
        for service in Service.values:
            step = rng.choice((0, 1, 2, 3, 4, 5, 5, 5))
            since = TODAY - dt.timedelta(days=rng.randint(1, 400))
            rollouts.append(
                Rollout(
                    practice_id=pk,
                    service=service,
                    step=step,
                    step_since=since,
                    planned_date=None
                    if rng.random() < 0.2
                    else TODAY + dt.timedelta(days=rng.randint(-100, 300)),
                    live_date=since if step == Step.LIVE else None,
                )
            )
    Rollout.objects.bulk_create(rollouts, batch_size=5000)
    world.vendor = portals[0].pk


def _users(world: World, rng: random.Random) -> None:
    from django.contrib.auth.hashers import make_password

    from coalition.models import Membership, Role, User
    from coalition.services import membership_sync_groups

    password = make_password(PASSWORD)
    wanted = {
        "office": (Role.OFFICE, None, None),
        "lead": (Role.LEAD, world.lead_coalition, None),
        "lead_small": (Role.LEAD, world.small_coalition, None),
        "trainer": (Role.TRAINER, world.lead_coalition, None),
        "practice": (Role.PRACTICE, world.lead_coalition, world.practice),
    }
    for key, (role, coalition_id, practice_id) in wanted.items():
        user = User.objects.create(
            email=f"{key}@bench.test",
            first_name=key.capitalize(),
            last_name="Bench",
            password=password,
        )
        Membership.objects.create(
            user=user, role=role, coalition_id=coalition_id, practice_id=practice_id
        )
        membership_sync_groups(user=user)
        world.users[key] = user.pk


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
            courses.append(Course(coalition=c, title=f"Cursus {k} van {c.slug}"))
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


def _funder(world: World, rng: random.Random) -> None:
    from coalition.models import Coalition, Funder, Grant, Membership, Role, User
    from coalition.services import membership_sync_groups

    funder = Funder.objects.create(name="Bench financier")
    world.funder = funder.pk
    Grant.objects.bulk_create(
        Grant(
            coalition=c,
            funder=funder,
            amount=Decimal(250_000),
            starts=dt.date(2024, 1, 1),
            ends=dt.date(2027, 12, 31),
            committed_practices=100,
            committed_patients=400_000,
        )
        for c in Coalition.objects.filter(slug__startswith=SLUG_PREFIX)
    )
    user = User.objects.get(pk=world.users["office"])
    funder_user = User.objects.create(
        email="funder@bench.test",
        first_name="Funder",
        last_name="Bench",
        password=user.password,
    )
    Membership.objects.create(
        user=funder_user,
        role=Role.FUNDER,
        funder=funder,
        coalition_id=world.lead_coalition,
    )
    membership_sync_groups(user=funder_user)
    world.users["funder"] = funder_user.pk


def _vendors_and_public(world: World, rng: random.Random) -> None:
    """Half the bottlenecks with a vendor passed on to it, most of those answered; a
    user of the benchmark's vendor; one practice in five with a public page and a month
    of page-view counters."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat
    from django.utils import timezone

    from coalition.models import Membership, Role, User
    from coalition.services import membership_sync_groups
    from practices.models import Practice, PublicPageViews
    from practices.visits.models import Bottleneck, VendorAnswer

    now = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(9)))
    office = world.users["office"]
    passed = list(
        Bottleneck.objects.filter(vendor__isnull=False)
        .order_by("pk")
        .values_list("pk", "vendor_id")[::2]
    )
    Bottleneck.objects.filter(pk__in=[pk for pk, _v in passed]).update(
        status=Bottleneck.Status.PASSED_ON,
        passed_to=Bottleneck.PassedTo.VENDOR,
        passed_on_by_id=office,
        passed_on_at=now - dt.timedelta(days=30),
    )
    answers = []
    for pk, vendor_id in passed:
        if rng.random() < 0.8:
            answers.append(
                VendorAnswer(
                    bottleneck_id=pk,
                    vendor_id=vendor_id,
                    kind=VendorAnswer.Kind.ACKNOWLEDGED,
                    text="Ontvangen",
                    created=now - dt.timedelta(days=rng.randint(10, 29)),
                )
            )
            if rng.random() < 0.4:
                answers.append(
                    VendorAnswer(
                        bottleneck_id=pk,
                        vendor_id=vendor_id,
                        kind=VendorAnswer.Kind.IN_PROGRESS,
                        text="We kijken ernaar",
                        created=now - dt.timedelta(days=rng.randint(1, 9)),
                    )
                )
    VendorAnswer.objects.bulk_create(answers, batch_size=5000)
    user = User.objects.create(
        email="vendor@bench.test",
        first_name="Vendor",
        last_name="Bench",
        password=User.objects.get(pk=office).password,
    )
    Membership.objects.create(user=user, role=Role.VENDOR, vendor_id=world.vendor)
    membership_sync_groups(user=user)
    world.users["vendor"] = user.pk

    public = list(Practice.objects.order_by("pk").values_list("pk", flat=True)[::5])
    Practice.objects.filter(pk__in=public).update(
        public_page=True,
        public_page_since=now,
        public_slug=Concat(Value("bench-"), Cast("pk", CharField())),
    )
    world.public_practice = public[0]
    PublicPageViews.objects.bulk_create(
        (
            PublicPageViews(
                practice_id=pk,
                day=TODAY - dt.timedelta(days=back),
                views=rng.randint(0, 12),
            )
            for pk in public
            for back in range(30)
        ),
        batch_size=5000,
    )


def _website(world: World, rng: random.Random) -> None:
    import io
    from contextlib import redirect_stdout

    from django.conf import settings
    from wagtail.models import Locale, Page, Site

    from coalition.demo import content as demo
    from content.models import HomePage

    # flush emptied Wagtail's tree: the root and home page its migrations made.
    if not HomePage.objects.exists():
        locale, _ = Locale.objects.get_or_create(
            language_code=settings.LANGUAGE_CODE.split("-")[0]
        )
        root = Page.get_first_root_node() or Page.add_root(
            instance=Page(title="Root", slug="root", locale=locale)
        )
        home = root.add_child(
            instance=HomePage(
                title="Online inzage in de huisartsenzorg", slug="home", locale=locale
            )
        )
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": "Coalitieplatform",
            },
        )
    with redirect_stdout(io.StringIO()):
        demo.load(today=TODAY, stdout=None)


def main(argv: list[str]) -> int:
    import argparse
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.settings")
    import django

    django.setup()
    world = build(scale=args.scale, force=args.force)
    print(f"{world.n_practices} praktijken, {world.counts}, {world.seconds:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
