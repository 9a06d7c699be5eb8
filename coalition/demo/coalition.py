"""Demo data of the core: two coalitions, vendors, a grant, and one user per role.

Every step is deterministic (fixed seed, natural keys) and idempotent (upserts validated
with full_clean, or the services where the rows are new),
so running `manage.py demo` twice leaves the same data.
"""

from __future__ import annotations

import datetime as dt

from coalition import services as core_services
from coalition.demo.rows import upsert
from coalition.models import (
    Certification,
    Coalition,
    FrameworkAgreement,
    Funder,
    Grant,
    MemberOrganisation,
    Membership,
    ProductVersion,
    Role,
    Service,
    Standard,
    User,
    Vendor,
)
from coalition.services import membership_sync_groups

DEMO_PASSWORD = "demo-online-2026"

MAIN = "rijnmond"
SMALL = "zeeland"

COALITIONS = {
    MAIN: {
        "name": "Coalitie Online Rijnmond",
        "region": "Rotterdam-Rijnmond",
        "province": "ZH",
        "contact_email": "projectbureau@rijnmond.demo.test",
        "vendors_see_practice_names": False,
        "members": [
            ("Huisartsenkring Rijnmond", MemberOrganisation.Kind.LHV_KRING),
            ("Zorggroep Maas en IJssel", MemberOrganisation.Kind.ZORGGROEP),
            (
                "Netwerk Gezondheidscentra Rijnmond",
                MemberOrganisation.Kind.HEALTH_CENTRES,
            ),
        ],
    },
    SMALL: {
        "name": "Coalitie Zeeuwse Huisartsen Online",
        "region": "Zeeland",
        "province": "ZE",
        "contact_email": "projectbureau@zeeland.demo.test",
        # Issue 16: vendors see this coalition's practice names, Rijnmond's counts.
        "vendors_see_practice_names": True,
        "members": [
            ("Huisartsenkring Zeeland", MemberOrganisation.Kind.LHV_KRING),
            ("Huisartsencoöperatie De Schelde", MemberOrganisation.Kind.COOPERATIVE),
        ],
    },
}

ALL_SERVICES = [s.value for s in Service]
VENDORS = [
    # name, kind, contact, versions: (product, version, services, certified standards)
    (
        "Praktijkportaal Nederland BV",
        Vendor.Kind.PORTAL,
        ("Sanne de Wit", "support@praktijkportaal.demo.test"),
        [
            (
                "Praktijkportaal",
                "4.2",
                ALL_SERVICES,
                [Standard.GP_DATA, Standard.E_APPOINTMENT],
            ),
            ("Praktijkportaal", "5.0", ALL_SERVICES, list(Standard)),
        ],
    ),
    (
        "MijnZorgApp BV",
        Vendor.Kind.PORTAL,
        ("Ahmed el Amrani", "klantenservice@mijnzorgapp.demo.test"),
        [
            ("MijnZorgApp", "2024.1", ALL_SERVICES[:5], [Standard.GP_DATA]),
            ("MijnZorgApp", "2025.2", ALL_SERVICES, [Standard.GP_DATA, Standard.PDF_A]),
        ],
    ),
    (
        "Medisys HIS",
        Vendor.Kind.HIS,
        ("Peter Jansen", "service@medisys.demo.test"),
        [
            ("Medisys", "11", ALL_SERVICES[:4], [Standard.GP_DATA, Standard.PDF_A]),
            ("Medisys", "12", ALL_SERVICES, list(Standard)),
        ],
    ),
    (
        "Huisarts Informatie Systemen Noord",
        Vendor.Kind.HIS,
        ("Ingrid Bakker", "helpdesk@hisnoord.demo.test"),
        [
            ("HIS Noord", "7.3", ALL_SERVICES[:3], []),
            ("HIS Noord", "8.0", ALL_SERVICES, [Standard.GP_DATA, Standard.PDF_A]),
        ],
    ),
    (
        "CareConnect Systems",
        Vendor.Kind.BOTH,
        ("Linda Visser", "support@careconnect.demo.test"),
        [
            (
                "CareConnect",
                "3.1",
                ALL_SERVICES,
                [Standard.GP_DATA, Standard.E_APPOINTMENT],
            )
        ],
    ),
]
MAIN_PORTALS = ["Praktijkportaal Nederland BV", "MijnZorgApp BV"]
MAIN_HIS = ["Medisys HIS", "Huisarts Informatie Systemen Noord", "CareConnect Systems"]

USERS = [
    # email, first, last, role, coalition slug, practice lookup (index into practices)
    ("projectleider@demo.test", "Marieke", "van Dijk", Role.LEAD, MAIN, None),
    ("projectleider.zeeland@demo.test", "Joost", "Verhulst", Role.LEAD, SMALL, None),
    ("trainer@demo.test", "Fatima", "Bouzid", Role.TRAINER, MAIN, None),
    ("praktijk@demo.test", "Eva", "Hendriks", Role.PRACTICE, MAIN, 0),
    ("praktijk2@demo.test", "Tom", "de Groot", Role.PRACTICE, MAIN, 1),
    ("financier@demo.test", "Karin", "Smit", Role.FUNDER, MAIN, None),
    ("programmabureau@demo.test", "Ruud", "Mulder", Role.OFFICE, None, None),
]


# Issue 16: two vendors' users (e-mail, first, last, vendor), each seeing only what
# was passed on to their own vendor.
VENDOR_USERS = [
    ("leverancier@demo.test", "Peter", "Jansen", "Medisys HIS"),
    ("leverancier2@demo.test", "Sanne", "de Wit", "Praktijkportaal Nederland BV"),
]


def core(*, today: dt.date, stdout=None) -> None:
    vendors = {}
    for name, kind, (contact, email), versions in VENDORS:
        vendor, _ = upsert(
            Vendor,
            name=name,
            defaults={
                "kind": kind,
                "contact_name": contact,
                "contact_email": email,
                "website": "",
            },
        )
        vendors[name] = vendor
        for i, (product, version, services, standards) in enumerate(versions):
            pv, _ = upsert(
                ProductVersion,
                vendor=vendor,
                product=product,
                version=version,
                defaults={
                    "services": list(services),
                    "released": dt.date(today.year - 2 + i, 3, 1),
                },
            )
            for standard in standards:
                upsert(
                    Certification,
                    product_version=pv,
                    standard=standard,
                    defaults={
                        "since": dt.date(today.year - 1 + i, 6, 1),
                        "status": Certification.Status.CONFIRMED,
                        "source": "Register van gecertificeerde versies (demo)",
                    },
                )

    for slug, spec in COALITIONS.items():
        coalition, _ = upsert(
            Coalition,
            slug=slug,
            defaults={
                "name": spec["name"],
                "region": spec["region"],
                "province": spec["province"],
                "contact_email": spec["contact_email"],
                "vendors_see_practice_names": spec["vendors_see_practice_names"],
            },
        )
        for member, kind in spec["members"]:
            upsert(
                MemberOrganisation,
                coalition=coalition,
                name=member,
                defaults={"kind": kind},
            )

    rijnmond = Coalition.objects.get(slug=MAIN)
    zeeland = Coalition.objects.get(slug=SMALL)
    start = dt.date(today.year - 1, 1, 1)
    for name in MAIN_PORTALS + MAIN_HIS:
        upsert(
            FrameworkAgreement,
            coalition=rijnmond,
            vendor=vendors[name],
            defaults={"starts": start, "ends": dt.date(today.year + 2, 12, 31)},
        )
    for name in ("CareConnect Systems", "Medisys HIS"):
        upsert(
            FrameworkAgreement,
            coalition=zeeland,
            vendor=vendors[name],
            defaults={"starts": start, "ends": None},
        )

    _administration(today=today, rijnmond=rijnmond, zeeland=zeeland)

    vws, _ = upsert(Funder, name="Ministerie van VWS")
    insurer, _ = upsert(Funder, name="Zorgverzekeraar Zuidwest")
    upsert(
        Grant,
        coalition=rijnmond,
        funder=vws,
        reference="VWS-OPEN-RM-01",
        defaults={
            "amount": "1415000.00",
            "starts": start,
            "ends": dt.date(today.year + 1, 12, 31),
            "committed_practices": 160,
            "committed_patients": 500_000,
        },
    )
    upsert(
        Grant,
        coalition=zeeland,
        funder=insurer,
        reference="ZVZW-ZL-01",
        defaults={
            "amount": "120000.00",
            "starts": start,
            "ends": dt.date(today.year + 1, 12, 31),
            "committed_practices": 12,
            "committed_patients": 40_000,
        },
    )


def users(*, today: dt.date, stdout=None) -> None:
    from coalition.demo.practices import demo_practice

    for email, first, last, role, slug, practice_index in USERS:
        user = _demo_user(email, first, last)
        coalition = Coalition.objects.get(slug=slug) if slug else None
        practice = None
        if practice_index is not None:
            practice = demo_practice(coalition, practice_index)
        if not Membership.objects.filter(
            user=user, role=role, coalition=coalition, practice=practice
        ).exists():
            core_services.membership_create(
                user=user, role=role, coalition=coalition, practice=practice
            )
        if role == Role.FUNDER:
            Membership.objects.filter(user=user, role=role).update(
                funder=Funder.objects.get(name="Ministerie van VWS")
            )
        membership_sync_groups(user=user)
    vendor_users()
    certification_examples(today=today)


def vendor_users() -> None:
    for email, first, last, vendor_name in VENDOR_USERS:
        user = _demo_user(email, first, last)
        vendor = Vendor.objects.get(name=vendor_name)
        if not Membership.objects.filter(
            user=user, role=Role.VENDOR, vendor=vendor
        ).exists():
            core_services.membership_create(user=user, role=Role.VENDOR, vendor=vendor)


def _demo_user(email: str, first: str, last: str) -> User:
    """A demo account with the shared password. Not user_invite: that mails a link to
    set a password, and the demo's accounts log in with the printed one."""
    user = User.objects.filter(email=email).first()
    if user is None:
        # Hashing is slow on purpose; existing demo users keep their password.
        user = User(email=email, first_name=first, last_name=last, is_demo=True)
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
    return user


def certification_examples(*, today: dt.date) -> None:
    """A lead's proposal waiting for the office, and one the office withdrew (issue
    11.2), written through the services; once each, however often the demo runs."""
    from coalition import services_vendors

    lead = User.objects.get(email="projectleider@demo.test")
    office = User.objects.get(email="programmabureau@demo.test")
    main = Coalition.objects.get(slug=MAIN)
    examples = [
        ("HIS Noord", "7.3", Standard.GP_DATA, "Brief van de leverancier", None),
        (
            "MijnZorgApp",
            "2024.1",
            Standard.E_APPOINTMENT,
            "Nieuwsbrief van de leverancier",
            "Niet in het register van gecertificeerde versies gevonden.",
        ),
    ]
    for product, version, standard, source, withdraw_note in examples:
        pv = ProductVersion.objects.get(product=product, version=version)
        if Certification.objects.filter(product_version=pv, standard=standard).exists():
            continue
        cert = services_vendors.certification_propose(
            by=lead,
            coalition=main,
            product_version=pv,
            standard=standard,
            since=today - dt.timedelta(days=30),
            source=source,
        )
        if withdraw_note:
            services_vendors.certification_withdraw(
                by=office, certification=cert, note=withdraw_note
            )


def logins() -> list[tuple[str, str, str]]:
    """(role, e-mail, password) of the demo accounts, for printing."""
    labels = dict(Role.choices)
    return [
        (str(labels[role]), email, DEMO_PASSWORD)
        for email, _f, _l, role, _s, _p in USERS
    ] + [
        (f"{labels[Role.VENDOR]} ({vendor})", email, DEMO_PASSWORD)
        for email, _f, _l, vendor in VENDOR_USERS
    ]


# Issue 11 (coalition administration): members with their contacts, one member that
# left (its row stays, with an end date), and the products each agreement covers.
MEMBER_CONTACTS = {
    "Huisartsenkring Rijnmond": ("Gerard Vos", "g.vos@kringrijnmond.demo.test"),
    "Zorggroep Maas en IJssel": ("Yasmina Achahbar", "y.achahbar@maasijssel.demo.test"),
    "Netwerk Gezondheidscentra Rijnmond": ("Kees Dekker", "k.dekker@ngr.demo.test"),
    "Huisartsenkring Zeeland": ("Marloes Kodde", "m.kodde@kringzeeland.demo.test"),
    "Huisartsencoöperatie De Schelde": ("Jan Minderhoud", "jan@deschelde.demo.test"),
}
ENDED_MEMBER = ("Gezondheidscentra Walcheren", MemberOrganisation.Kind.HEALTH_CENTRES)


def _administration(*, today: dt.date, rijnmond: Coalition, zeeland: Coalition):
    for org in MemberOrganisation.objects.filter(name__in=MEMBER_CONTACTS):
        name, email = MEMBER_CONTACTS[org.name]
        if (org.contact_name, org.contact_email) != (name, email):
            org.contact_name, org.contact_email = name, email
            org.full_clean()
            org.save(update_fields=["contact_name", "contact_email"])
    name, kind = ENDED_MEMBER
    upsert(
        MemberOrganisation,
        coalition=zeeland,
        name=name,
        defaults={"kind": kind, "ended_on": dt.date(today.year - 1, 12, 31)},
    )
    for agreement in FrameworkAgreement.objects.filter(
        coalition__in=[rijnmond, zeeland]
    ).select_related("vendor"):
        versions = list(agreement.vendor.product_versions.order_by("version"))
        if set(agreement.products.all()) != set(versions):
            agreement.products.set(versions)
