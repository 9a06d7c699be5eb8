"""Demo practices: about 160 in the main region (≈500,000 patients), 12 in the small one.

Deterministic: a fixed seed per coalition, AGB codes and names derived from the index.
"""

from __future__ import annotations

import datetime as dt
import random

from coalition.models import Coalition, MemberOrganisation, ProductVersion, Vendor
from practices.models import Practice, PracticeContact

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
KINDS = ["Huisartsenpraktijk", "Huisartsenpraktijk", "Gezondheidscentrum", "Huisartsen"]
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


def _practices(coalition: Coalition, *, n: int, total: int, seed: int, cities, today):
    rng = random.Random(seed)
    members = list(
        MemberOrganisation.objects.filter(coalition=coalition).order_by("name")
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
        surname = SURNAMES[(i * 7) % len(SURNAMES)]
        kind = KINDS[i % len(KINDS)] if size > 3500 else "Huisartsenpraktijk"
        name = f"{kind} {surname} {city}" if i >= len(SURNAMES) else f"{kind} {surname}"
        his_vendor = his[i % len(his)]
        gps = max(1, round(size / 2300))
        cohort = "pioniers" if i < 9 else ("golf 2" if i < n * 0.55 else "golf 3")
        neighbourhood = rng.choices(
            list(Practice.Neighbourhood), weights=[6, 3, 1], k=1
        )[0]
        practice, _ = Practice.objects.update_or_create(
            agb_code=_agb(seed % 10, i),
            defaults={
                "name": f"{name} {i + 1}" if i >= 2 * len(SURNAMES) else name,
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
        PracticeContact.objects.update_or_create(
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
    _practices(
        rijnmond, n=160, total=500_000, seed=2020, cities=MAIN_CITIES, today=today
    )
    _practices(zeeland, n=12, total=40_000, seed=2021, cities=SMALL_CITIES, today=today)


def demo_practice(coalition: Coalition, index: int) -> Practice:
    """The n-th practice of a demo coalition (pioneers come first)."""
    seed = 2020 if coalition.slug == "rijnmond" else 2021
    return Practice.objects.get(agb_code=_agb(seed % 10, index))
