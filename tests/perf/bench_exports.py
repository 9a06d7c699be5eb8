"""Export target (issue 15): the practice list of 5,000 practices as xlsx, beside its
floor measured in the same run — the same query read with `.values_list` and written by
openpyxl write-only without formats. Budget: 1.5× the floor.

Run alone: `.venv/bin/python -m tests.perf.bench exports`.
"""

from __future__ import annotations

import datetime as dt
import io

from tests.perf.bench import Result, Timer

N = 5_000
BUDGET = 1.5
RELATED = ("member_organisation", "his_vendor", "portal_vendor")


def floor_fields() -> list[str]:
    """The table's own columns as plain values (related objects by their name)."""
    from practices.tables import PracticeTable

    return [
        f"{name}__name" if name in RELATED else name
        for name in PracticeTable._meta.fields
        if name != "select"
    ]


def _setup():
    from coalition.models import Service, Vendor
    from practices.models import Practice, Rollout, ServiceDeadline
    from tests.factories import CoalitionFactory, VendorFactory

    coalition = CoalitionFactory(slug="bench-exports", name="Bench exports")
    members = list(coalition.member_organisations.all())
    his = VendorFactory(name="Bench HIS", kind=Vendor.Kind.HIS)
    portal = VendorFactory(name="Bench Portaal", kind=Vendor.Kind.PORTAL)
    ServiceDeadline.objects.get_or_create(
        coalition=coalition,
        service=Service.RECORD_ACCESS,
        defaults={"deadline": dt.date(2027, 7, 1)},
    )
    practices = Practice.objects.bulk_create(
        [
            Practice(
                coalition=coalition,
                member_organisation=members[i % len(members)],
                agb_code=f"{i + 4_000_000:08d}",
                name=f"Huisartsenpraktijk Bench {i}",
                street=f"Dorpsstraat {i % 200 + 1}",
                postcode=f"{3011 + i % 80} AB",
                city="Rotterdam",
                list_size=1500 + i % 9000,
                his_vendor=his,
                portal_vendor=portal,
                cohort=f"golf {i % 4 + 1}",
            )
            for i in range(N)
        ],
        batch_size=1000,
    )
    Rollout.objects.bulk_create(
        [
            Rollout(
                practice=p,
                service=Service.RECORD_ACCESS,
                step=i % 5,
                planned_date=dt.date(2027, 1, 1) + dt.timedelta(days=i % 180)
                if i % 3
                else None,
            )
            for i, p in enumerate(practices)
        ],
        batch_size=1000,
    )
    return coalition


def run() -> list[Result]:
    import openpyxl
    from django.utils import timezone

    from coalition.exports import TableExporter
    from coalition.models import Service
    from practices import selectors
    from practices.models import Practice
    from practices.tables import PracticeTable

    coalition = _setup()
    today = timezone.localdate()

    def queryset():
        return selectors.practice_list(
            Practice.objects.filter(coalition=coalition),
            service=Service.RECORD_ACCESS,
            today=today,
        ).order_by("name")

    fields = floor_fields()

    def floor() -> bytes:
        book = openpyxl.Workbook(write_only=True)
        sheet = book.create_sheet("praktijken")
        sheet.append(fields)
        for row in queryset().values_list(*fields).iterator(chunk_size=2000):
            sheet.append(row)
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def export() -> bytes:
        table = PracticeTable(queryset(), service=Service.RECORD_ACCESS)
        return TableExporter(table).xlsx(title="praktijken")

    # Warm both paths once (imports, query plans), then take the best of three each.
    floor(), export()
    floors, exports = [], []
    for _ in range(3):
        with Timer() as t:
            floor_content = floor()
        floors.append(t.seconds)
        with Timer() as t:
            content = export()
        exports.append(t.seconds)
    best_floor, best_export = min(floors), min(exports)

    rows = sum(
        1
        for _ in openpyxl.load_workbook(
            io.BytesIO(content), read_only=True
        ).active.iter_rows(values_only=True)
    )
    ok = rows - 1 == N and best_export <= BUDGET * best_floor
    ratio = best_export / best_floor
    return [
        Result(
            name=f"floor: SQL + openpyxl write-only, {N:_} praktijken".replace(
                "_", "."
            ),
            seconds=best_floor,
            detail=f"{len(floor_content) // 1024} kB",
        ),
        Result(
            name=f"export praktijkenlijst, {N:_} praktijken".replace("_", "."),
            seconds=best_export,
            target_seconds=BUDGET * best_floor,
            detail=f"{ratio:.2f}× de vloer (budget {BUDGET}×), {rows - 1} rijen, "
            f"{len(content) // 1024} kB",
            ok=ok,
        ),
    ]
