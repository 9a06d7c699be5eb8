"""Demo practices: about 160 in the main region (≈500,000 patients), 12 in the small one.

Deterministic: a fixed seed per coalition, AGB codes and names derived from the index.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from coalition.demo.rows import clean_all, upsert
from coalition.models import (
    Coalition,
    MemberOrganisation,
    ProductVersion,
    Service,
    Vendor,
)
from practices import services
from practices.models import (
    Practice,
    PracticeContact,
    Reason,
    Rollout,
    RolloutChange,
    Step,
)

STREETS = [
    "Dorpsstraat",
    "Kerkstraat",
    "Molenweg",
    "Havenstraat",
    "Schoolstraat",
    "Lindelaan",
    "Beukenlaan",
    "Parkweg",
    "Julianastraat",
    "Wilhelminaplein",
    "Stationsweg",
    "Nieuwe Binnenweg",
    "Westersingel",
    "Vlietlaan",
    "Dijkstraat",
    "Marktplein",
    "Zuiderpark",
    "Oosterkade",
    "Rozenlaan",
    "Tulpstraat",
]
MAIN_CITIES = [
    ("Rotterdam", 3011, 3089),
    ("Schiedam", 3111, 3125),
    ("Vlaardingen", 3131, 3138),
    ("Capelle aan den IJssel", 2901, 2909),
    ("Barendrecht", 2991, 2994),
    ("Spijkenisse", 3201, 3209),
    ("Ridderkerk", 2981, 2987),
    ("Maassluis", 3141, 3147),
]
SMALL_CITIES = [
    ("Middelburg", 4331, 4339),
    ("Vlissingen", 4381, 4389),
    ("Goes", 4461, 4465),
]
SURNAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "Kok",
    "Jacobs",
    "Yilmaz",
    "El Idrissi",
    "Ramdin",
    "Koster",
    "Prins",
    "Huisman",
    "Verbeek",
]
# Neighbourhoods and villages per city: group practices and health centres are named
# after them, as in the region.
WIJKEN = {
    "Rotterdam": [
        "Kralingen",
        "Hillegersberg",
        "Blijdorp",
        "Delfshaven",
        "Charlois",
        "Feijenoord",
        "IJsselmonde",
        "Ommoord",
        "Overschie",
        "Crooswijk",
        "Lombardijen",
        "Pendrecht",
        "Zevenkamp",
        "Hoogvliet",
        "Katendrecht",
        "Bergpolder",
        "Schiebroek",
        "Het Lage Land",
        "Oude Westen",
        "Spangen",
    ],
    "Schiedam": ["Woudhoek", "Groenoord", "Nieuwland", "Kethel", "Spaland"],
    "Vlaardingen": ["Holy", "Westwijk", "Ambacht", "Babberspolder"],
    "Capelle aan den IJssel": ["Schollevaar", "Oostgaarde", "Middelwatering"],
    "Barendrecht": ["Carnisselande", "Smitshoek", "Riederhoek"],
    "Spijkenisse": ["Maaswijk", "Groenewoud", "De Akkers", "Waterland"],
    "Ridderkerk": ["Bolnes", "Slikkerveer", "Drievliet"],
    "Maassluis": ["Sluispolder", "Steendijkpolder", "Koningshoek"],
    "Middelburg": ["Dauwendaele", "Griffioen", "Arnestein"],
    "Vlissingen": ["Paauwenburg", "Lammerenburg", "Souburg"],
    "Goes": ["Goes-Oost", "Ouverture", "Kloetinge"],
}
# What a solo or duo practice is often called after: a tree, a landmark, a street.
SYMBOLS = [
    "De Linde",
    "Het Anker",
    "De Eik",
    "De Vaart",
    "De Brug",
    "Het Kompas",
    "De Akker",
    "De Waterkant",
    "De Beuk",
    "De Kastanje",
    "De Wilg",
    "Het Baken",
    "De Molen",
    "De Haven",
    "De Esch",
    "Het Plein",
    "De Dijk",
    "De Singel",
    "De Vijverhof",
    "De Boomgaard",
    "Het Hof",
    "De Lindenhof",
    "De Kade",
    "De Polder",
]
GROUP_KINDS = ["Gezondheidscentrum", "Huisartsen", "Huisartsengroep", "Medisch Centrum"]
LETTERS = "ABCEGHJKLMNPRTVWXZ"


def _list_sizes(rng: random.Random, n: int, total: int) -> list[int]:
    """List sizes between 1,500 and 12,500 that add up to about `total`.

    Roughly a third solo, 40% duo, a quarter group practices, as in the country.
    """
    sizes = []
    for i in range(n):
        r = i / n
        if r < 0.34:
            sizes.append(rng.randint(1500, 2600))
        elif r < 0.77:
            sizes.append(rng.randint(2400, 3600))
        else:
            sizes.append(int(3500 + 9000 * rng.random() ** 2.2))
    scale = total / sum(sizes)
    sizes = [min(12500, max(1500, round(s * scale / 10) * 10)) for s in sizes]
    sizes[0], sizes[-1] = 1500, 12500
    rng.shuffle(sizes)
    return sizes


def _agb(coalition_index: int, i: int) -> str:
    # Practice AGB codes start with 01 (general practice); the rest is made up.
    return f"01{coalition_index:01d}{(i * 7919 + 104729) % 100000:05d}"


def _practice_name(i: int, *, size: int, city: str, used: set[str]) -> str:
    """A name as practices in the region have them, unique within `used`.

    Groups are named after their neighbourhood ("Gezondheidscentrum Kralingen"),
    solo and duo practices after a symbol ("Huisartsenpraktijk De Linde") or their
    doctors ("Huisartsenpraktijk Jansen", "Huisartsen Bakker & Yilmaz").
    """
    wijken = WIJKEN.get(city, [city])

    def rotate(items: list[str], by: int) -> list[str]:
        by %= len(items)
        return items[by:] + items[:by]

    def cap(surname: str) -> str:
        return surname[0].upper() + surname[1:]

    solo = [f"Huisartsenpraktijk {cap(s)}" for s in rotate(SURNAMES, i * 7)]
    symbols = [f"Huisartsenpraktijk {s}" for s in rotate(SYMBOLS, i * 5)]
    duos = [
        f"Huisartsen {cap(a)} & {cap(b)}"
        for offset in (11, 5, 17, 23)
        for a, b in zip(
            rotate(SURNAMES, i * 7), rotate(SURNAMES, i * 7 + offset), strict=True
        )
    ]
    local = [f"Huisartsenpraktijk {w}" for w in rotate(wijken, i)]
    candidates: list[str] = []
    if size > 3500:
        for k in range(len(GROUP_KINDS)):
            kind = GROUP_KINDS[(i + k) % len(GROUP_KINDS)]
            candidates += [f"{kind} {w}" for w in rotate(wijken, i)]
        candidates += duos
    else:
        first, second, third = [
            (solo, symbols, duos),
            (symbols, duos, solo),
            (duos, solo, symbols),
            (symbols, solo, local),
        ][i % 4]
        candidates += first[:1] + second[:1] + third[:1]
        candidates += first + second + third + local
    candidates += solo + symbols + duos  # never short of a realistic name
    candidates += [f"{c} {city}" for c in list(candidates)]
    for name in candidates:
        if name not in used:
            used.add(name)
            return name
    name = f"Huisartsenpraktijk {STREETS[i % len(STREETS)]} {city} {i}"
    used.add(name)
    return name


def _practices(
    coalition: Coalition,
    *,
    n: int,
    total: int,
    seed: int,
    cities,
    today,
    used: set[str] | None = None,
):
    rng = random.Random(seed)
    used = set() if used is None else used
    members = list(  # current members only (issue 11.1: an ended one keeps its row)
        MemberOrganisation.objects.current()
        .filter(coalition=coalition)
        .order_by("name")
    )
    agreed = Vendor.objects.filter(framework_agreements__coalition=coalition)
    portals = [
        v for v in agreed.order_by("name") if v.supplies_portal and v.kind == "portal"
    ]
    portals = portals or [v for v in agreed.order_by("name") if v.supplies_portal]
    his = [v for v in agreed.order_by("name") if v.supplies_his]
    versions = {
        v.pk: list(ProductVersion.objects.filter(vendor=v).order_by("version"))
        for v in his
    }
    sizes = _list_sizes(rng, n, total)
    for i in range(n):
        size = sizes[i]
        city, pc_from, pc_to = cities[i % len(cities)]
        name = _practice_name(i, size=size, city=city, used=used)
        his_vendor = his[i % len(his)]
        gps = max(1, round(size / 2300))
        cohort = "pioniers" if i < 9 else ("golf 2" if i < n * 0.55 else "golf 3")
        neighbourhood = rng.choices(
            list(Practice.Neighbourhood), weights=[6, 3, 1], k=1
        )[0]
        practice, _ = upsert(
            Practice,
            save=lambda p: services.practice_save(practice=p),
            agb_code=_agb(seed % 10, i),
            defaults={
                "name": name,
                "coalition": coalition,
                "member_organisation": members[i % len(members)],
                "street": f"{STREETS[i % len(STREETS)]} {1 + (i * 13) % 180}",
                "postcode": f"{rng.randint(pc_from, pc_to)} "
                f"{rng.choice(LETTERS)}{rng.choice(LETTERS)}",
                "city": city,
                "list_size": size,
                "his_vendor": his_vendor,
                "his_version": versions[his_vendor.pk][-1 if i % 3 else 0],
                "portal_vendor": portals[i % len(portals)],
                "cohort": cohort,
                "neighbourhood": neighbourhood,
                "staff_gp": gps,
                "staff_nurse_practitioner": 0 if size < 2000 else max(1, gps - 1),
                "staff_manager": 1 if size > 5000 else 0,
                "staff_assistant": max(1, round(size / 2000)),
                "is_active": True,
                "left_on": None,
            },
        )
        first = ["Anne", "Bas", "Claire", "Daan", "Esther", "Floor", "Gijs", "Hanna"]
        contact_name = (
            f"{first[i % len(first)]} {SURNAMES[(i * 11 + 3) % len(SURNAMES)]}"
        )
        upsert(
            PracticeContact,
            practice=practice,
            is_primary=True,
            defaults={
                "name": contact_name,
                "email": f"praktijkmanager{i + 1}@{coalition.slug}.demo.test",
                "function": "praktijkmanager" if size > 5000 else "doktersassistent",
            },
        )


def load(*, today: dt.date, stdout=None) -> None:
    rijnmond = Coalition.objects.get(slug="rijnmond")
    zeeland = Coalition.objects.get(slug="zeeland")
    used: set[str] = set()  # practice names, unique across the demo
    _practices(
        rijnmond,
        n=160,
        total=500_000,
        seed=2020,
        cities=MAIN_CITIES,
        today=today,
        used=used,
    )
    _practices(
        zeeland,
        n=12,
        total=40_000,
        seed=2021,
        cities=SMALL_CITIES,
        today=today,
        used=used,
    )
    _rollouts(rijnmond, seed=2020, today=today)
    _rollouts(zeeland, seed=2021, today=today)


# service, deadline (days from today), target %, start lag (days) after online access.
# Online access is due a few months ahead; e-consult's deadline has just passed, so the
# few practices that are not live with it yet are overdue.
SERVICE_PLAN = [
    (Service.RECORD_ACCESS, 100, 95, 0),
    (Service.ECONSULT, -21, 80, -60),
    (Service.APPOINTMENTS, 160, 80, 60),
    (Service.REPEAT_PRESCRIPTIONS, 180, 80, 45),
    (Service.LAB_RESULTS, 250, 70, 120),
    (Service.HOME_MEASUREMENTS, 365, 50, 200),
]
NOTES = {
    Reason.WAITING_FOR_VENDOR: "Koppeling met het HIS loopt via de leverancier.",
    Reason.TRAINING_MISSING: "Assistenten moeten de scholing nog volgen.",
    Reason.CAPACITY: "Praktijk heeft nu geen tijd door personeelstekort.",
    Reason.NOT_STARTED: "Nog geen gesprek over de start gehad.",
    Reason.OTHER: "Verbouwing van de praktijk; start na de zomer.",
}


def _rollouts(coalition: Coalition, *, seed: int, today: dt.date) -> None:
    """A year of go-live history: pioneers first, most of wave 2 live, a tail of wave 3
    at risk (stuck in a step, no plan or a plan after the deadline).

    Idempotent: the rollout rows are upserted and their history is rebuilt the same
    way on every run (a fixed seed per practice).
    """
    from coalition.models import User

    lead = User.objects.filter(email="projectleider@demo.test").first()
    for service, offset, target, _lag in SERVICE_PLAN:
        services.service_deadline_set(
            coalition=coalition,
            service=service,
            deadline=today + dt.timedelta(days=offset),
            target_pct=target,
            stuck_after=dt.timedelta(weeks=8),
        )
    deadlines = {
        s: today + dt.timedelta(days=offset) for s, offset, _t, _l in SERVICE_PLAN
    }
    practices = list(Practice.objects.filter(coalition=coalition).order_by("agb_code"))
    practices.sort(key=lambda p: (COHORT_ORDER.get(p.cohort, 9), p.name))
    n = len(practices)
    RolloutChange.objects.filter(rollout__practice__in=practices).delete()
    changes = []
    for i, practice in enumerate(practices):
        rng = random.Random(seed * 10_000 + i)
        frac = i / max(1, n - 1)
        if practice.cohort == "pioniers":
            start = today - dt.timedelta(days=350 - 4 * (i % 9))
        elif practice.cohort == "golf 2":
            start = today - dt.timedelta(days=int(280 - 170 * frac))
        else:
            start = today - dt.timedelta(days=int(190 - 150 * frac))
        # Pioneers moved quickly, so they were live before wave 2 got there.
        gap = (
            rng.randint(10, 14)
            if practice.cohort == "pioniers"
            else rng.randint(12, 30)
        )
        stalled = practice.cohort == "golf 3" and rng.random() < 0.4
        stall_step = rng.choice([Step.NOT_STARTED, Step.SYSTEM_CHOSEN, Step.CONNECTED])
        for service, _offset, _target, lag in SERVICE_PLAN:
            s_start = start + dt.timedelta(days=lag + rng.randint(0, 14))
            dates = [s_start + dt.timedelta(days=k * gap) for k in range(6)]
            step = max((k for k in range(6) if dates[k] <= today), default=None)
            if step is None:
                step = Step.NOT_STARTED
            # E-consult mostly ran before the portal: few stalled practices lack it.
            s_stalled = stalled and not (
                service == Service.ECONSULT and rng.random() < 0.8
            )
            if s_stalled:
                step = min(step, stall_step)
            planned = dates[5] + dt.timedelta(days=rng.randint(-5, 10))
            reason = ""
            if s_stalled:
                reason = rng.choice(list(Reason))
                choice = rng.random()
                planned = (
                    None
                    if choice < 0.5
                    else deadlines[service] + dt.timedelta(days=rng.randint(20, 90))
                )
            elif step == Step.NOT_STARTED:
                reason = Reason.NOT_STARTED
            # Not rollout_change: the steps were taken on past dates (below).
            rollout, _ = upsert(
                Rollout,
                practice=practice,
                service=service,
                defaults={
                    "step": step,
                    "step_since": dates[step] if step else min(dates[0], today),
                    "planned_date": planned if step != Step.LIVE else dates[5],
                    "live_date": dates[5] if step == Step.LIVE else None,
                    "reason": "" if step == Step.LIVE else reason,
                },
            )
            for k in range(1, step + 1):
                changes.append(
                    RolloutChange(
                        rollout=rollout,
                        changed_at=timezone.make_aware(
                            dt.datetime.combine(dates[k], dt.time(10, k * 5))
                        ),
                        changed_by=lead,
                        from_step=k - 1,
                        to_step=k,
                        from_planned_date=None if k == 1 else rollout.planned_date,
                        to_planned_date=rollout.planned_date,
                        live_date=dates[5] if k == Step.LIVE else None,
                        reason="",
                        note="",
                    )
                )
            if reason and reason != Reason.NOT_STARTED and step != Step.LIVE:
                changes.append(
                    RolloutChange(
                        rollout=rollout,
                        changed_at=timezone.make_aware(
                            dt.datetime.combine(
                                min(today, dates[step] + dt.timedelta(days=20)),
                                dt.time(9, 30),
                            )
                        ),
                        changed_by=lead,
                        from_step=step,
                        to_step=step,
                        from_planned_date=rollout.planned_date,
                        to_planned_date=rollout.planned_date,
                        reason=reason,
                        note=NOTES[reason],
                    )
                )
    # Not rollout_change: it stamps each step "now"; this is a year of history.
    RolloutChange.objects.bulk_create(
        clean_all(changes, exclude=["rollout", "changed_by"]), batch_size=2000
    )


COHORT_ORDER = {"pioniers": 0, "golf 2": 1, "golf 3": 2}


def demo_practice(coalition: Coalition, index: int) -> Practice:
    """The n-th practice of a demo coalition (pioneers come first)."""
    seed = 2020 if coalition.slug == "rijnmond" else 2021
    return Practice.objects.get(agb_code=_agb(seed % 10, index))
