"""Pages at national scale (issue 15): every main page of every role, its queries and
its server time (median and p95 of 20 requests, interleaved across the pages), at 10%
and at 100% of the national data set (tests/perf/national/), beside a floor
measured in the same run: a logged-in request that does next to nothing (/health/
through the whole middleware stack). Indicators are measured beside one SQL aggregate
over the same answers.

Budgets: ≤ 25 queries per page and the same number at both scales; p95 ≤ 300 ms at
national scale, ≤ 150 ms for the pages of the lead of the 400-practice coalition; the
report pages their report's budget (`page_budget`: 1 s for a coalition, 5 s for the
country); indicators ≤ 5× their floor; the report ≤ 5 s and its PDF ≤ 15 s.

On PostgreSQL the scales are 0.1 and 1.0. On SQLite (a fresh clone without
DATABASE_URL) the run is reduced to 0.02 and 0.1 and says so; BENCH_SCALES="0.1 1"
overrides. BENCH_ROUNDS sets the number of requests per page (20).
"""

from __future__ import annotations

import os
import statistics
import time

from tests.perf.bench import Result, Timer

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
MAX_QUERIES = 25
P95_NATIONAL = 0.300
P95_LEAD = 0.150
INDICATOR_FACTOR = 5.0
COALITION_REPORT_SECONDS = 1.0
REPORT_SECONDS = 5.0
XLSX_SECONDS = 5.0
PDF_SECONDS = 15.0


def scales() -> list[float]:
    from django.db import connection

    if value := os.environ.get("BENCH_SCALES"):
        return [float(v) for v in value.split()]
    if connection.vendor == "postgresql":
        return [0.1, 1.0]
    print("    SQLite: verkleinde schaal (0.02 en 0.1); zet DATABASE_URL op PostgreSQL")
    return [0.02, 0.1]


def pages(world) -> list[tuple[str, str, str]]:
    """(role, page name, url) of the main pages of every role."""
    from django.test import Client
    from django.urls import reverse

    from coalition.models import MemberOrganisation
    from practices.models import Practice
    from practices.visits.models import Bottleneck

    member = (
        MemberOrganisation.objects.filter(coalition_id=world.lead_coalition)
        .order_by("pk")
        .values_list("pk", flat=True)[0]
    )
    r = reverse
    practice_list = r("practices:list")
    # The last page of the lead's list (8 of 400 practices; 5 at 10%, where the lead's
    # coalition has 250): the office, who sees more, opens the same page number.
    n_lead = Practice.objects.filter(
        coalition_id=world.lead_coalition, is_active=True
    ).count()
    deep = max(1, -(-n_lead // 50))
    common = [
        ("start", r("coalition:start")),
        ("praktijken", practice_list),
        ("praktijken gefilterd", f"{practice_list}?state=at_risk&step=2"),
        ("praktijken gesorteerd", f"{practice_list}?sort=-deadline_state"),
        ("praktijken diepe pagina", f"{practice_list}?page={deep}"),
        ("praktijk", r("practices:detail", args=[world.practice])),
        ("go-live", r("practices:dashboard")),
        ("lidorganisatie", r("practices:member_matrix", args=[member])),
        ("leveranciers", r("practices:vendor_list")),
        ("leverancier", r("practices:vendor_detail", args=[world.vendor])),
        ("bezoeken", r("visits:visit_list")),
        ("acties", r("visits:action_list")),
        ("knelpunten", r("visits:bottleneck_list")),
        ("knelpunten overzicht", r("visits:bottleneck_overview")),
        ("jaarplanning", r("visits:yearly")),
        ("sessies", r("training:session_list")),
        ("dekking", r("training:coverage")),
        ("vragenlijst voortgang", r("surveys:progress", args=[world.questionnaire])),
        ("vragenlijst uitkomsten", r("surveys:results", args=[world.questionnaire])),
        ("rapport", r("surveys:report", args=[world.questionnaire])),
        ("voortgangsrapport", r("coalition:progress")),
    ]
    # Administration and the pages added by the reports, administration and vendor
    # issues (11, 13, 16): the lists a lead and the office open.
    vendor_page = r("coalition:vendor_admin_detail", args=[world.vendor])
    common += [
        ("vragenlijsten", r("surveys:questionnaire_list")),
        ("rapporten", r("surveys:report_list")),
        ("kalender", r("visits:calendar")),
        ("cursussen", r("training:course_list")),
        ("materiaalgebruik", r("content:usage_report")),
        ("leveranciersbeheer", r("coalition:vendor_admin_list")),
        ("leveranciersbeheer detail", vendor_page),
        ("coalities", r("coalition:coalition_list")),
        ("auditlog", r("coalition:audit_log")),
    ]
    # The toolkits' index is a Wagtail page (/inhoud/materiaal/ redirects to it).
    toolkits = Client().get(r("content:toolkits"))["Location"]
    out = [("lead", name, url) for name, url in common]
    out += [("office", name, url) for name, url in common]
    # A coalition's own administration is its lead's; confirming certifications and
    # the coalitions themselves are the office's.
    out += [
        ("lead", name, url)
        for name, url in (
            ("deadlines", r("practices:deadlines")),
            ("gebruikers", r("coalition:user_list")),
            ("lidorganisaties", r("coalition:member_org_list")),
            ("raamovereenkomsten", r("coalition:agreement_list")),
            ("subsidies", r("coalition:grant_list")),
            ("collecties", r("content:section_collections")),
            ("materiaal", toolkits),
        )
    ]
    out += [
        ("office", "certificeringen", r("coalition:certification_list")),
        ("office", "materiaal", toolkits),
    ]
    public = Practice.objects.values_list("public_slug", flat=True).get(
        pk=world.public_practice
    )
    passed_on = (
        Bottleneck.objects.filter(vendor_id=world.vendor, passed_to="vendor")
        .order_by("pk")
        .values_list("pk", flat=True)[0]
    )
    postcode = Practice.objects.values_list("postcode", flat=True).get(
        pk=world.public_practice
    )
    out += [
        ("office", "programmabureau coalities", r("coalition:office_coalition_list")),
        ("vendor", "start", r("coalition:start")),
        ("vendor", "knelpunten leverancier", r("visits:vendor_home")),
        (
            "vendor",
            "knelpunt leverancier",
            r("visits:vendor_bottleneck", args=[passed_on]),
        ),
        ("practice", "mijn praktijk", r("practices:detail", args=[world.practice])),
        ("practice", "materiaal", toolkits),
        ("anonymous", "huisarts online zoeken", r("practices_public:finder")),
        (
            "anonymous",
            "huisarts online op postcode",
            r("practices_public:finder") + f"?q={postcode[:4]}",
        ),
        (
            "anonymous",
            "huisarts online pagina",
            r("practices_public:page", args=[public]),
        ),
        (
            "anonymous",
            "huisarts online afdrukken",
            r("practices_public:print", args=[public]),
        ),
    ]
    out += [
        ("office", "vergelijking", r("coalition:comparison")),
        ("office", "knelpunten inbox", r("visits:bottleneck_inbox")),
        ("practice", "start", r("coalition:start")),
        ("practice", "mijn vragenlijsten", r("surveys:my")),
        (
            "practice",
            "vragenlijst invullen",
            r("surveys:response_form", args=[world.response]),
        ),
        ("trainer", "start", r("coalition:start")),
        ("trainer", "sessies", r("training:session_list")),
        ("trainer", "sessie", r("training:session_detail", args=[world.session])),
        ("funder", "start", r("coalition:start")),
        ("funder", "voortgangsrapport", r("coalition:progress")),
        ("anonymous", "website", "/"),
        ("anonymous", "zoeken", r("content:search") + "?q=portaal"),
        ("anonymous", "agenda", r("training:public_list")),
    ]
    return out


def page_budget(role: str, name: str) -> float:
    """p95 budget of a page at national scale. The reports are pages with a budget of
    their own (issue 13): a coalition's report (the questionnaire report, a lead's or
    funder's progress report) within 1 s, the whole country's (the office's progress
    report and comparison of every coalition) within 5 s. Every other page 300 ms,
    a lead's 150 ms."""
    if name in ("voortgangsrapport", "vergelijking") and role == "office":
        return REPORT_SECONDS
    if name in ("rapport", "voortgangsrapport"):
        return COALITION_REPORT_SECONDS
    return P95_LEAD if role == "lead" else P95_NATIONAL


def _clients(world) -> dict:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test import Client

    from coalition.middleware import has_totp, mfa_required
    from coalition.models import User

    clients = {"anonymous": Client()}
    for key, pk in world.users.items():
        user = User.objects.get(pk=pk)
        if mfa_required(user) and not has_totp(user):
            TOTP.activate(user, generate_totp_secret())
        client = Client()
        client.force_login(user)
        clients[key] = client
    clients["lead"] = clients["lead"]
    return clients


def _p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def measure(world) -> dict:
    """{(role, page): {"queries", "median", "p95", "status"}} plus the floor."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from coalition.heap import call_in_own_stack_chunk

    clients = _clients(world)
    todo = pages(world)
    todo.append(("lead", "floor", "/health/"))
    out: dict = {}
    # One warm-up request each (imports, template loading, caches), with its queries.
    for role, name, url in todo:
        with CaptureQueriesContext(connection) as ctx:
            response = clients[role].get(url)
        out[(role, name)] = {
            "url": url,
            "status": response.status_code,
            "queries": len(ctx.captured_queries),
            "samples": [],
        }
    for _ in range(ROUNDS):
        for role, name, url in todo:
            start = time.perf_counter()
            # As the server runs a request (coalition/wsgi.py).
            call_in_own_stack_chunk(clients[role].get, url)
            out[(role, name)]["samples"].append(time.perf_counter() - start)
            reset_queries()
    for row in out.values():
        row["median"] = statistics.median(row["samples"])
        row["p95"] = _p95(row["samples"])
    return out


def indicators(world) -> tuple[float, float]:
    """(indicators of a national year, one SQL aggregate over the same answers)."""
    from django.db.models import Count, Sum

    from surveys import indicators as ind
    from surveys.models import Answer, Questionnaire, Response

    year = Questionnaire.objects.get(pk=world.questionnaire).year
    responses = Response.objects.submitted().filter(questionnaire__year=year)
    ind.compute(responses)
    times, floors = [], []
    for _ in range(3):
        with Timer() as t:
            ind.compute(responses)
        times.append(t.seconds)
        with Timer() as f:
            list(
                Answer.objects.filter(
                    response__in=responses.values("pk"),
                    question__code__in=ind.INPUT_CODES,
                    number__isnull=False,
                )
                .values("question__code")
                .annotate(s=Sum("number"), n=Count("pk"))
            )
        floors.append(f.seconds)
    return min(times), min(floors)


def report_times(world) -> list[Result]:
    """The reports at national scale (issue 13): the regional report of the lead's
    400-practice coalition over five years (page ≤ 1 s, xlsx ≤ 5 s, PDF ≤ 15 s) and the
    national report, the office's progress report of every coalition (page ≤ 5 s,
    xlsx ≤ 5 s, PDF ≤ 15 s). Each the best of two, after one warm-up (charts cached)."""
    from django.urls import reverse

    clients = _clients(world)
    q = world.questionnaire
    todo = [
        (
            "lead",
            "rapport 400 praktijken",
            reverse("surveys:report", args=[q]),
            COALITION_REPORT_SECONDS,
        ),
        (
            "lead",
            "rapport 400 praktijken xlsx",
            reverse("surveys:report_xlsx", args=[q]),
            XLSX_SECONDS,
        ),
        (
            "lead",
            "rapport 400 praktijken PDF",
            reverse("surveys:report_pdf", args=[q]),
            PDF_SECONDS,
        ),
        ("office", "landelijk rapport", reverse("coalition:progress"), REPORT_SECONDS),
        (
            "office",
            "landelijk rapport xlsx",
            reverse("coalition:progress_xlsx"),
            XLSX_SECONDS,
        ),
        (
            "office",
            "landelijk rapport PDF",
            reverse("coalition:progress_pdf"),
            PDF_SECONDS,
        ),
    ]
    results = []
    for role, name, url, budget in todo:
        clients[role].get(url)
        times = []
        status = None
        for _ in range(2):
            with Timer() as t:
                response = clients[role].get(url)
            status = response.status_code
            times.append(t.seconds)
        results.append(
            Result(
                f"100% {role}: {name}",
                min(times),
                budget,
                f"HTTP {status}",
                ok=status == 200 and min(times) <= budget,
            )
        )
    return results


def run() -> list[Result]:
    from tests.perf import national

    results: list[Result] = []
    measured: dict[float, dict] = {}
    for scale in scales():
        world = national.build(
            scale=scale, force=False, log=lambda m: print(m, flush=True)
        )
        label = f"{scale:.0%}"
        print(
            f"    schaal {label}: {world.n_practices} praktijken, {world.counts}, "
            f"opgebouwd in {world.seconds:.0f} s",
            flush=True,
        )
        results.append(
            Result(
                f"generator {label} ({world.n_practices} praktijken)",
                world.seconds,
                300.0 if scale == 1.0 else None,
                str(world.counts),
            )
        )
        rows = measure(world)
        measured[scale] = rows
        floor = rows[("lead", "floor")]
        results.append(
            Result(
                f"{label} vloer (ingelogde lege pagina) mediaan",
                floor["median"],
                detail=f"p95 {floor['p95'] * 1000:.0f} ms",
            )
        )
        national_scale = scale == max(scales())
        for (role, name), row in rows.items():
            if name == "floor":
                continue
            budget = page_budget(role, name) if national_scale else None
            results.append(
                Result(
                    f"{label} {role}: {name} p95",
                    row["p95"],
                    budget,
                    f"mediaan {row['median'] * 1000:.0f} ms, {row['queries']} queries, "
                    f"HTTP {row['status']}",
                    ok=row["status"] == 200
                    and (budget is None or row["p95"] <= budget),
                )
            )
        t, f = indicators(world)
        results.append(
            Result(
                f"{label} indicatoren van een landelijk jaar",
                t,
                INDICATOR_FACTOR * f,
                f"vloer (één SQL-aggregaat) {f * 1000:.0f} ms, {t / f:.1f}×",
            )
        )
        if national_scale:
            results.extend(report_times(world))
    # Queries: within the budget, and the same at every scale.
    first, *others = measured.values()
    for key, row in first.items():
        counts = [row["queries"]] + [m[key]["queries"] for m in others]
        results.append(
            Result(
                f"queries {key[0]}: {key[1]}",
                counts[-1],
                MAX_QUERIES,
                " / ".join(str(c) for c in counts),
                ok=max(counts) <= MAX_QUERIES and len(set(counts)) == 1,
                unit="queries",
            )
        )
    return results
