"""Demo visits: a year of visits, follow-up actions and bottlenecks in the main region.

Deterministic (fixed seed, dates derived from `today`) and idempotent (update_or_create
on natural keys: practice + planned date, visit + description, practice + description).
Most practices were visited in the last twelve months; some are due within 30 days,
some are overdue, some have a visit planned. Written directly (no e-mail goes out).
"""

from __future__ import annotations

import datetime as dt
import random
from zoneinfo import ZoneInfo

from django.conf import settings

from coalition.models import Coalition, Role, User
from practices.models import Bottleneck, FollowUpAction, Practice, Visit
from practices.visits.dates import add_months
from practices.visits.services import snapshot_build

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
FEEDBACK = [
    "Dank voor het open gesprek. U bent goed op weg: {progress} Wij adviseren om "
    "een paar afspraakplekken alleen online aan te bieden, zodat patiënten de "
    "voordelen zelf ervaren.",
    "Fijn om te zien hoe het team samenwerkt. {progress} Als volgende stap raden wij "
    "aan vaste tijden te reserveren voor e-consults en die binnen één werkdag te "
    "beantwoorden.",
    "Het portaal leeft in uw praktijk. {progress} Wij sturen u materiaal voor de "
    "wachtkamer en nemen het inlogprobleem mee naar de leverancier.",
]
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


def _at(day: dt.date, hour: int = 11) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def _visit(practice, lead, *, planned_on, held_on, rng, today, shared=True, live=False):
    """One visit; `live` takes a real snapshot (today's state) instead of an empty one."""
    progress = rng.choice(PROGRESS)
    # `created` at 07:00 on the planned day marks a row as the demo's own (see _prune).
    defaults = {"held_on": held_on, "created_by": lead, "created": _at(planned_on, 7)}
    if held_on:
        defaults.update(
            progress=progress,
            going_well=rng.choice(GOING_WELL),
            challenges=rng.choice(CHALLENGES),
            support_needed=rng.choice(SUPPORT),
            feedback=rng.choice(FEEDBACK).format(progress=progress),
            feedback_shared_at=_at(held_on + dt.timedelta(days=3), 16)
            if shared and held_on + dt.timedelta(days=3) <= today
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
    visit, _ = Visit.objects.update_or_create(
        practice=practice, planned_on=planned_on, defaults=defaults
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
        if v.pk not in _KEPT and v.created == _at(v.planned_on, 7)
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
        FollowUpAction.objects.update_or_create(
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
    passed_on = raised_on + dt.timedelta(days=min(age, rng.randint(2, 10)))
    resolved_on = passed_on + dt.timedelta(days=min(age, rng.randint(10, 60)))
    resolved = status == Bottleneck.Status.RESOLVED
    Bottleneck.objects.update_or_create(
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


def load(*, today: dt.date, stdout=None) -> None:
    from practices.demo import demo_practice

    _KEPT.clear()
    coalition = Coalition.objects.get(slug="rijnmond")
    lead = User.objects.get(email="projectleider@demo.test")
    practices = list(
        Practice.objects.filter(coalition=coalition, is_active=True)
        .select_related("portal_vendor", "his_vendor")
        .order_by("agb_code")
    )
    rng = random.Random(4444)
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
    )
    for description, owner, days in [
        (
            "Posters en folders over het portaal in de wachtkamer ophangen",
            "practice",
            30,
        ),
        ("Scholing begrijpelijk schrijven voor het team inplannen", "lead", 45),
    ]:
        FollowUpAction.objects.update_or_create(
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
    Bottleneck.objects.update_or_create(
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
    _prune(coalition, lead)
    if stdout is not None:
        stdout.write(
            f"  bezoeken: {Visit.objects.filter(practice__coalition=coalition).count()}, "
            f"acties: {FollowUpAction.objects.filter(visit__practice__coalition=coalition).count()}, "
            f"knelpunten: {Bottleneck.objects.filter(practice__coalition=coalition).count()}"
        )
