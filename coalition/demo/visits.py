"""Demo visits: a year of visits, follow-up actions and bottlenecks in the main region.

Deterministic (fixed seed, dates derived from `today`) and idempotent (validated upserts
on natural keys: practice + planned date, visit + description, practice + description).
Most practices were visited in the last twelve months; some are due within 30 days,
some are overdue, some have a visit planned (through visit_create). The history (held
visits, actions, bottlenecks passed on, vendors' answers) has past dates the services
would stamp "now", and passing on mails the vendor: it is written here with full_clean
(coalition.demo.rows), so no e-mail goes out.
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q

from coalition.demo.rows import upsert
from coalition.models import Coalition, Role, User
from practices import services as practice_services
from practices.models import Practice, Step
from practices.visits.dates import add_months
from practices.visits.models import Bottleneck, FollowUpAction, Visit
from practices.visits.services import snapshot_build, visit_create

TZ = ZoneInfo(settings.TIME_ZONE)

PROGRESS = [
    "Online inzage staat aan; e-consult is sinds kort beschikbaar voor alle patiënten.",
    "De praktijk heeft het portaal gekozen en de koppeling met het HIS laten testen.",
    "Herhaalrecepten gaan voor een groot deel al online; afspraken nog niet.",
    "Alle assistentes kunnen patiëntaccounts activeren; de huisartsen volgen de scholing.",
    "Online afspraken staan open voor spreekuren van de eigen huisarts.",
    "Labuitslagen zijn zichtbaar in het portaal, met een korte uitleg erbij.",
]
GOING_WELL = [
    "Patiënten die het portaal gebruiken zijn enthousiast over de snelle antwoorden.",
    "Het team heeft vaste afspraken over wie de e-consults beantwoordt.",
    "De baliemedewerkers wijzen patiënten aan de telefoon actief op de app.",
    "Jongere patiënten maken hun afspraken bijna allemaal online.",
    "Minder telefoontjes over uitslagen sinds die in het portaal staan.",
]
CHALLENGES = [
    "Oudere patiënten lopen vast bij het inloggen met DigiD.",
    "Er is weinig tijd om patiënten aan de balie uit te leggen hoe het portaal werkt.",
    "Het journaal is niet altijd geschreven in taal die patiënten begrijpen.",
    "De koppeling tussen HIS en portaal valt af en toe een paar uur weg.",
    "In de wijk spreken veel patiënten weinig Nederlands; de folders helpen dan niet.",
    "Het aantal e-consults groeit sneller dan het team had verwacht.",
]
SUPPORT = [
    "Een extra scholing over begrijpelijk schrijven in het dossier.",
    "Hulp bij de tekst op de website en in het wachtkamerscherm.",
    "Een contactpersoon bij de leverancier die snel reageert op storingen.",
    "Voorlichtingsmateriaal in meerdere talen.",
    "Een voorbeeld van werkafspraken voor het beantwoorden van e-consults.",
]
# Feedback is composed per visit from sentence banks chosen by the practice's state
# (how many services are live), so no two visits read alike.
FEEDBACK_OPENING = {
    "start": [
        "Dank voor de gastvrije ontvangst en het open gesprek over de start.",
        "Goed dat u de tijd nam om samen de eerste stappen door te nemen.",
        "Fijn dat het hele team aanschoof om de invoering voor te bereiden.",
        "Dank voor het eerlijke beeld van waar de praktijk nu staat.",
    ],
    "underway": [
        "Dank voor het open gesprek; u bent duidelijk op weg.",
        "Fijn om te zien hoe het team de eerste diensten heeft opgepakt.",
        "Het was prettig om te horen hoe de eerste maanden zijn verlopen.",
        "Dank voor uw tijd; er is sinds de vorige keer veel in beweging gekomen.",
    ],
    "advanced": [
        "Het portaal leeft in uw praktijk, dat was tijdens het bezoek goed te merken.",
        "Complimenten: u behoort tot de praktijken die het verst zijn in de regio.",
        "Dank voor het gesprek; uw aanpak is een mooi voorbeeld voor andere praktijken.",
        "Fijn om te zien dat online zorg bij u gewoon onderdeel van het werk is.",
    ],
}
FEEDBACK_WELL = [
    "Wat goed gaat: {going_well_lower}",
    "Wij zagen vooral sterke punten in de samenwerking: {going_well_lower}",
    "Een compliment voor het team: {going_well_lower}",
    "Opvallend positief vonden wij dit: {going_well_lower}",
]
FEEDBACK_CHALLENGE = [
    "Tegelijk hoorden wij een zorg: {challenge_lower} Dat herkennen wij bij meer "
    "praktijken.",
    "Het aandachtspunt is duidelijk: {challenge_lower}",
    "U gaf aan: {challenge_lower} Daar denken wij graag over mee.",
    "Wat nog schuurt: {challenge_lower}",
]
FEEDBACK_NEXT = {
    "start": [
        "Als eerste stap adviseren wij om met één dienst te beginnen en die goed "
        "neer te zetten voordat de volgende volgt.",
        "Wij raden aan één aanspreekpunt in het team te kiezen dat de invoering "
        "coördineert.",
        "Begin klein: laat eerst de assistentes zelf het portaal gebruiken, zodat zij "
        "patiënten uit eigen ervaring kunnen helpen.",
    ],
    "underway": [
        "Als volgende stap raden wij aan vaste tijden te reserveren voor e-consults en "
        "die binnen één werkdag te beantwoorden.",
        "Wij adviseren een paar afspraakplekken alleen online aan te bieden, zodat "
        "patiënten de voordelen zelf ervaren.",
        "Zet de diensten die al werken actief in de wachtkamer en op de website, dan "
        "groeit het gebruik vanzelf.",
    ],
    "advanced": [
        "De volgende stap is het gebruik meten en met het team bespreken waar het nog "
        "beter kan.",
        "Wij nodigen u uit om uw werkafspraken te delen op de regiobijeenkomst.",
        "Kijk samen met de leverancier naar de nieuwe functies die dit jaar uitkomen.",
    ],
}
FEEDBACK_SUPPORT = [
    "Wat u van ons vroeg, pakken wij op: {support_lower}",
    "Wij komen terug op uw vraag om ondersteuning ({support_lower_bare}).",
    "Voor de gevraagde hulp ({support_lower_bare}) neemt de projectleider contact "
    "met u op.",
]
FEEDBACK_CLOSING = [
    "Wij zien u graag bij het volgende bezoek.",
    "Heeft u tussendoor vragen, neem dan gerust contact op.",
    "Succes met de volgende stappen!",
    "Wij houden graag vinger aan de pols.",
]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _feedback(rng, *, state, going_well, challenges, support, used) -> str:
    """A feedback text from the banks for the practice's state; drawn again (the
    same seeded sequence, so still deterministic) until it is not used before."""
    for _attempt in range(50):
        parts = [
            rng.choice(FEEDBACK_OPENING[state]),
            rng.choice(FEEDBACK_WELL).format(going_well_lower=_lower_first(going_well)),
            rng.choice(FEEDBACK_CHALLENGE).format(
                challenge_lower=_lower_first(challenges)
            ),
            rng.choice(FEEDBACK_NEXT[state]),
            rng.choice(FEEDBACK_SUPPORT).format(
                support_lower=_lower_first(support),
                support_lower_bare=_lower_first(support).rstrip("."),
            ),
            rng.choice(FEEDBACK_CLOSING),
        ]
        text = " ".join(parts)
        if text not in used:
            break
    used.add(text)
    return text


def practice_state(n_live: int, n_services: int) -> str:
    """start (nothing live), underway (up to half live) or advanced."""
    if n_live == 0:
        return "start"
    if n_live * 2 <= n_services:
        return "underway"
    return "advanced"


ACTIONS = [
    ("Posters en folders over het portaal in de wachtkamer ophangen", "practice"),
    ("Assistentes instrueren over het activeren van patiëntaccounts", "practice"),
    ("Twee afspraakplekken per dag alleen online aanbieden", "practice"),
    ("Tekst over het portaal op de website bijwerken", "practice"),
    ("Scholing begrijpelijk schrijven voor het team inplannen", "lead"),
    ("Bij de leverancier navragen wanneer de koppeling stabiel is", "lead"),
    ("Meertalige folders naar de praktijk sturen", "lead"),
    ("Werkafspraak vastleggen: e-consults binnen één werkdag beantwoorden", "practice"),
]
BOTTLENECKS = {
    Bottleneck.Category.LOGIN: [
        "Oudere patiënten krijgen de DigiD-app niet geactiveerd en haken af.",
        "Na het inloggen met DigiD komen patiënten soms op een lege pagina uit.",
    ],
    Bottleneck.Category.PORTAL_FUNCTION: [
        "Patiënten kunnen een online afspraak niet zelf annuleren.",
        "Bijlagen bij een e-consult komen niet altijd aan.",
    ],
    Bottleneck.Category.HIS_LINK: [
        "Medicatie uit het HIS verschijnt met een dag vertraging in het portaal.",
        "De koppeling valt 's nachts weg, waarna herhaalrecepten blijven hangen.",
    ],
    Bottleneck.Category.WORKFLOW: [
        "Het beantwoorden van e-consults kost meer tijd dan er ingeroosterd is.",
    ],
    Bottleneck.Category.PATIENT_COMMUNICATION: [
        "Patiënten schrikken van uitslagen die ze eerder zien dan de huisarts ze bespreekt.",
    ],
    Bottleneck.Category.OTHER: [
        "Het wachtkamerscherm kan geen eigen berichten over het portaal tonen.",
    ],
}
CATEGORY_WEIGHTS = [
    (Bottleneck.Category.LOGIN, 5),
    (Bottleneck.Category.PORTAL_FUNCTION, 3),
    (Bottleneck.Category.HIS_LINK, 3),
    (Bottleneck.Category.WORKFLOW, 2),
    (Bottleneck.Category.PATIENT_COMMUNICATION, 2),
    (Bottleneck.Category.OTHER, 1),
]


def _weekday(day: dt.date) -> dt.date:
    """Visits happen on working days: move a weekend day to the Monday after."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _at(day: dt.date, hour: int = 11, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


# The demo's own visits are created at this time on their planned day (a working
# hour): `_prune` recognises them by it. Earlier runs used 07:00.
CREATED_AT = (8, 47)
_OLD_CREATED_HOUR = 7


def _workday_after(day: dt.date, days: int) -> dt.date:
    return _weekday(day + dt.timedelta(days=days))


def _visit(
    practice,
    lead,
    *,
    planned_on,
    held_on,
    rng,
    today,
    shared=True,
    live=False,
    state="underway",
    used=None,
):
    """One visit; `live` takes a real snapshot (today's state) instead of an empty one.

    Visits fall on working days; the texts follow the practice's state."""
    progress = rng.choice(PROGRESS)
    # `created` at CREATED_AT on the planned day marks a row as the demo's own.
    defaults = {
        "held_on": held_on,
        "created_by": lead,
        "created": _at(planned_on, *CREATED_AT),
    }
    if held_on:
        going_well = rng.choice(GOING_WELL)
        challenges = rng.choice(CHALLENGES)
        support = rng.choice(SUPPORT)
        shared_on = _workday_after(held_on, 3)
        defaults.update(
            progress=progress,
            going_well=going_well,
            challenges=challenges,
            support_needed=support,
            feedback=_feedback(
                rng,
                state=state,
                going_well=going_well,
                challenges=challenges,
                support=support,
                used=used if used is not None else set(),
            ),
            feedback_shared_at=_at(shared_on, 16, 15)
            if shared and shared_on <= today
            else None,
            feedback_shared_by=lead if shared else None,
            snapshot={
                **(
                    snapshot_build(practice)
                    if live
                    else {"rollout": None, "training": None, "survey": None}
                ),
                "taken_at": _at(held_on, 12).isoformat(),
            },
            snapshot_taken_at=_at(held_on, 12),
        )
        if defaults["feedback_shared_at"] is None:
            defaults["feedback_shared_by"] = None
    if (
        not held_on
        and not Visit.objects.filter(practice=practice, planned_on=planned_on).exists()
    ):
        # A visit still to come is what a lead plans on the page: the service makes it.
        visit_create(by=lead, practice=practice, planned_on=planned_on, visitors=[lead])
    # Held visits are history (shared, a snapshot of their day), which visit_create
    # would stamp now: written here, cleaned like a form would.
    visit, _ = upsert(
        Visit, practice=practice, planned_on=planned_on, defaults=defaults
    )
    visit.visitors.set([lead])
    _KEPT.add(visit.pk)
    return visit


_KEPT: set[int] = set()


def _prune(coalition, lead) -> None:
    """Remove the demo's own visits of an earlier day's run (the year of visits moves
    with `today`), so running the demo on another day does not pile them up. Visits
    someone made by hand while trying the demo are left alone."""
    stale = [
        v.pk
        for v in Visit.objects.filter(practice__coalition=coalition, created_by=lead)
        if v.pk not in _KEPT
        and v.created
        in (_at(v.planned_on, *CREATED_AT), _at(v.planned_on, _OLD_CREATED_HOUR))
    ]
    Bottleneck.objects.filter(visit__in=stale).delete()
    Visit.objects.filter(pk__in=stale).delete()


def _actions(visit, lead, *, rng, today):
    n = rng.randint(1, 3)
    for description, owner in rng.sample(ACTIONS, n):
        due_on = visit.held_on + dt.timedelta(days=rng.choice([14, 30, 45, 60]))
        roll = rng.random()  # drawn always, so the sequence does not hang on today
        done = due_on < today and roll < 0.9
        done_on = min(today, due_on - dt.timedelta(days=rng.randint(0, 10)))
        upsert(
            FollowUpAction,
            visit=visit,
            description=description,
            defaults={
                "owner": owner,
                "owner_user": lead if owner == "lead" else None,
                "due_on": due_on,
                "done_on": max(done_on, visit.held_on) if done else None,
                "created": _at(visit.held_on, 15),
            },
        )


def _bottleneck(practice, lead, *, visit, raised_on, rng, today, by=None):
    category = rng.choices(
        [c for c, _w in CATEGORY_WEIGHTS], weights=[w for _c, w in CATEGORY_WEIGHTS]
    )[0]
    description = rng.choice(BOTTLENECKS[category])
    vendor = (
        practice.his_vendor
        if category == Bottleneck.Category.HIS_LINK
        else practice.portal_vendor
    )
    if category in (Bottleneck.Category.WORKFLOW, Bottleneck.Category.OTHER):
        vendor = None
    age = (today - raised_on).days
    roll = rng.random()
    status = Bottleneck.Status.OPEN
    if age > 90 and roll < 0.6 or age > 30 and roll < 0.3:
        status = Bottleneck.Status.RESOLVED
    elif age > 7 and roll < 0.85:
        status = Bottleneck.Status.PASSED_ON
    passed = status != Bottleneck.Status.OPEN
    passed_on = min(
        _workday_after(raised_on, min(age, rng.randint(2, 10))), max(raised_on, today)
    )
    resolved_on = _workday_after(passed_on, min(age, rng.randint(10, 60)))
    resolved = status == Bottleneck.Status.RESOLVED
    upsert(
        Bottleneck,
        practice=practice,
        visit=visit,
        description=description,
        defaults={
            "category": category,
            "vendor": vendor,
            "status": status,
            "raised_by": by or lead,
            "raised_at": _at(raised_on, 14),
            "passed_to": ("vendor" if vendor else "office") if passed else "",
            "passed_on_by": lead if passed else None,
            "passed_on_at": _at(passed_on, 9) if passed else None,
            "resolved_by": lead if resolved else None,
            "resolved_at": _at(min(resolved_on, today), 10) if resolved else None,
            "resolution": "De leverancier heeft een update uitgerold; de praktijk "
            "merkt geen problemen meer."
            if resolved
            else "",
        },
    )


# Issue 16: two link problems passed on to the HIS vendor Medisys, whose demo user
# (leverancier@demo.test) answered the first — fixed in version 12 — and has the
# second still to answer.
VENDOR_THREADS = [
    (
        "Labuitslagen uit het HIS verschijnen pas een dag later in het portaal.",
        40,
        [
            ("acknowledged", 1, "Dank voor de melding, we zoeken het uit."),
            ("in_progress", 6, "De vertraging zit in de nachtelijke koppeling."),
            ("fixed", 21, "Versie 12 stuurt uitslagen direct door."),
        ],
    ),
    ("Het medicatieoverzicht komt niet mee naar het portaal.", 6, []),
]


def _vendor_threads(coalition, lead, *, today: dt.date) -> None:
    from coalition.models import ProductVersion, Vendor
    from practices.visits.models import VendorAnswer

    vendor = Vendor.objects.filter(name="Medisys HIS").first()
    fixed_in = ProductVersion.objects.filter(vendor=vendor, version="12").first()
    vendor_user = User.objects.filter(email="leverancier@demo.test").first()
    practices = list(
        Practice.objects.filter(
            coalition=coalition, is_active=True, his_vendor=vendor
        ).order_by("-his_version__version", "agb_code")[: len(VENDOR_THREADS)]
    )
    if vendor is None or fixed_in is None or len(practices) < len(VENDOR_THREADS):
        return
    # Every fourth other practice on Medisys has not upgraded to 12 yet: the lead's
    # upgrade list once the fix is in 12.
    older = ProductVersion.objects.filter(vendor=vendor, version="11").first()
    if older is not None:
        rest = (
            Practice.objects.filter(coalition=coalition, his_vendor=vendor)
            .exclude(pk__in=[p.pk for p in practices])
            .order_by("agb_code")
            .values_list("pk", flat=True)
        )
        for practice in Practice.objects.filter(pk__in=list(rest)[::4]):
            if practice.his_version_id != older.pk:
                practice.his_version = older
                practice_services.practice_save(practice=practice)
    for practice, (description, days_ago, answers) in zip(
        practices, VENDOR_THREADS, strict=True
    ):
        passed_on = _workday_after(today - dt.timedelta(days=days_ago + 2), 1)
        bottleneck, _created = upsert(
            Bottleneck,
            practice=practice,
            visit=None,
            description=description,
            defaults={
                "category": Bottleneck.Category.HIS_LINK,
                "vendor": vendor,
                "status": Bottleneck.Status.PASSED_ON,
                "raised_by": lead,
                "raised_at": _at(passed_on - dt.timedelta(days=1), 14),
                "passed_to": "vendor",
                "passed_on_by": lead,
                "passed_on_at": _at(passed_on, 9),
            },
        )
        for kind, after, text in answers:
            upsert(
                VendorAnswer,
                bottleneck=bottleneck,
                kind=kind,
                defaults={
                    "vendor": vendor,
                    "fixed_in": fixed_in if kind == "fixed" else None,
                    "text": text,
                    "author": vendor_user,
                    "created": _at(
                        min(passed_on + dt.timedelta(days=after), today), 10
                    ),
                },
            )


def load(*, today: dt.date, stdout=None) -> None:
    from coalition.demo.practices import demo_practice

    _KEPT.clear()
    coalition = Coalition.objects.get(slug="rijnmond")
    lead = User.objects.get(email="projectleider@demo.test")
    practices = list(
        Practice.objects.filter(coalition=coalition, is_active=True)
        .select_related("portal_vendor", "his_vendor")
        .annotate(
            n_live=Count("rollouts", filter=Q(rollouts__step=Step.LIVE)),
            n_services=Count("rollouts"),
        )
        .order_by("agb_code")
    )
    rng = random.Random(4444)
    used: set[str] = set()
    for i, practice in enumerate(practices):
        kind = i % 20
        if kind < 14:  # visited in the last year
            last = today - dt.timedelta(days=rng.randint(10, 330))
        elif kind < 16:  # due within 30 days
            last = add_months(today, -12) + dt.timedelta(days=rng.randint(1, 28))
        elif kind < 18:  # overdue
            last = add_months(today, -12) - dt.timedelta(days=rng.randint(5, 90))
        elif kind == 18:  # visited twice: once more than a year ago
            last = today - dt.timedelta(days=rng.randint(40, 80))
        else:  # never visited yet: a first visit is planned
            last = None
        held = []
        if last is not None:
            last = _weekday(last)
            if last > today:
                last -= dt.timedelta(days=7)
            held.append(last)
            if kind == 18 or i % 7 == 0:
                earlier = _weekday(add_months(last, -12) - dt.timedelta(days=10))
                held.insert(0, earlier)
        for n, day in enumerate(held):
            visit = _visit(
                practice,
                lead,
                planned_on=day,
                held_on=day,
                rng=rng,
                today=today,
                shared=rng.random() < 0.5 or (today - day).days > 5,
                live=n == len(held) - 1,
                state=practice_state(practice.n_live, practice.n_services),
                used=used,
            )
            _actions(visit, lead, rng=rng, today=today)
            if rng.random() < 0.3 or (n == len(held) - 1 and kind == 18):
                _bottleneck(
                    practice, lead, visit=visit, raised_on=day, rng=rng, today=today
                )
        if last is None or kind in (14, 16):
            # due ones before their due date; the others within the next weeks
            days = rng.randint(2, 20) if kind == 14 else rng.randint(2, 50)
            planned = _weekday(today + dt.timedelta(days=days))
            _visit(
                practice, lead, planned_on=planned, held_on=None, rng=rng, today=today
            )

    # The demo practice user's practice: a recent shared visit with open actions and a
    # DigiD bottleneck passed on to the portal vendor.
    practice = demo_practice(coalition, 0)
    day = _weekday(today - dt.timedelta(days=21))
    if day > today:
        day -= dt.timedelta(days=7)
    visit = _visit(
        practice,
        lead,
        planned_on=day,
        held_on=day,
        rng=random.Random(7),
        today=today,
        live=True,
        used=used,
    )
    for description, owner, days in [
        (
            "Posters en folders over het portaal in de wachtkamer ophangen",
            "practice",
            30,
        ),
        ("Scholing begrijpelijk schrijven voor het team inplannen", "lead", 45),
    ]:
        upsert(
            FollowUpAction,
            visit=visit,
            description=description,
            defaults={
                "owner": owner,
                "owner_user": lead if owner == "lead" else None,
                "due_on": day + dt.timedelta(days=days),
                "done_on": None,
                "created": _at(day, 15),
            },
        )
    upsert(
        Bottleneck,
        practice=practice,
        visit=visit,
        description="Patiënten boven de 75 lukt het inloggen met DigiD vaak niet.",
        defaults={
            "category": Bottleneck.Category.LOGIN,
            "vendor": practice.portal_vendor,
            "status": Bottleneck.Status.PASSED_ON,
            "raised_by": lead,
            "raised_at": _at(day, 14),
            "passed_to": "vendor",
            "passed_on_by": lead,
            "passed_on_at": _at(day + dt.timedelta(days=1), 9),
        },
    )
    # and one the practice reported itself, outside a visit
    practice_user = User.objects.filter(
        memberships__role=Role.PRACTICE, memberships__practice=practice
    ).first()
    _bottleneck(
        practice,
        lead,
        visit=None,
        raised_on=today - dt.timedelta(days=4),
        rng=random.Random(8),
        today=today,
        by=practice_user,
    )
    _vendor_threads(coalition, lead, today=today)
    _prune(coalition, lead)
    if stdout is not None:
        stdout.write(
            f"  bezoeken: {Visit.objects.filter(practice__coalition=coalition).count()}, "
            f"acties: {FollowUpAction.objects.filter(visit__practice__coalition=coalition).count()}, "
            f"knelpunten: {Bottleneck.objects.filter(practice__coalition=coalition).count()}"
        )
