"""Registry targets: import of 5,000 practices (dry run, then commit) within 15 s;
export of 5,000 within 3 s."""

from __future__ import annotations

import io

from tests.perf.bench import Result, Timer

N = 5_000


def run() -> list[Result]:
    import openpyxl

    from coalition.models import Vendor
    from practices import exports, services
    from practices.imports import COLUMNS
    from practices.models import Practice, PracticeContact
    from tests.factories import CoalitionFactory, VendorFactory

    coalition = CoalitionFactory(slug="bench-registry", name="Bench register")
    members = [m.name for m in coalition.member_organisations.all()]
    VendorFactory(name="Bench HIS", kind=Vendor.Kind.HIS)
    VendorFactory(name="Bench Portaal", kind=Vendor.Kind.PORTAL)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(COLUMNS)
    for i in range(N):
        ws.append(
            [
                f"{i + 3_000_000:08d}",
                f"Huisartsenpraktijk Bench {i}",
                members[i % len(members)],
                f"Dorpsstraat {i % 200 + 1}",
                f"{3011 + i % 80} AB",
                "Rotterdam",
                1500 + i % 9000,
                "Bench HIS",
                "Bench Portaal",
                "golf 2",
                "standard",
                f"Contact {i}",
                f"praktijk{i}@bench.test",
            ]
        )
    buf = io.BytesIO()
    wb.save(buf)

    with Timer() as total:
        with Timer() as dry:
            buf.seek(0)
            plan = services.registry_import(coalition=coalition, file=buf, commit=False)
        with Timer() as commit:
            buf.seek(0)
            done = services.registry_import(coalition=coalition, file=buf, commit=True)
    written = Practice.objects.filter(coalition=coalition).count()
    ok = (
        plan.valid
        and done.committed
        and written == N
        and PracticeContact.objects.filter(practice__coalition=coalition).count() == N
    )
    results = [
        Result(
            name=f"import van {N:,} praktijken (proef + opslaan)".replace(",", "."),
            seconds=total.seconds,
            target_seconds=15.0,
            detail=f"proef {dry.seconds:.1f} s, opslaan {commit.seconds:.1f} s, "
            f"{written} geschreven",
            ok=ok and total.seconds <= 15.0,
        )
    ]
    with Timer() as export:
        content = exports.registry_xlsx(Practice.objects.filter(coalition=coalition))
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    rows = sum(1 for _row in sheet.iter_rows(values_only=True))
    results.append(
        Result(
            name=f"export van {N:,} praktijken".replace(",", "."),
            seconds=export.seconds,
            target_seconds=3.0,
            detail=f"{rows - 1} rijen, {len(content) // 1024} kB",
            ok=rows - 1 == N and export.seconds <= 3.0,
        )
    )
    return results
