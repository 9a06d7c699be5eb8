"""The national data set's core: vendors, coalitions, practices and rollouts, users,
the funder."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from tests.perf.national.world import PASSWORD, SLUG_PREFIX, TODAY, World, _sizes


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
