"""Time pages in the process, back to back: `python -m tests.perf.page ROLE URL…`.

For a before/after of one change on a noisy machine, against the national data set
that `make load` builds (DATABASE_URL; the users are ROLE@bench.test: lead, office,
practice, trainer, funder, vendor; "anonymous" for a visitor). Each URL is asked
PAGE_ROUNDS times (15), interleaved, each request in its own stack chunk as the
server runs it; printed: median and p95 wall time, and median CPU time of the
process (the database's own time is in the wall time only).
"""

from __future__ import annotations

import os
import statistics
import sys
import time


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.perf.load_settings"
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from django.db import reset_queries
    from django.test import Client

    from coalition.heap import call_in_own_stack_chunk, freeze_after_startup
    from tests.perf.load import login_session

    freeze_after_startup()
    role, urls = argv[0], argv[1:]
    client = Client()
    if role != "anonymous":
        client.cookies["sessionid"] = login_session(role)
    for url in urls:
        status = client.get(url).status_code
        if status != 200:
            print(f"{url}: HTTP {status}")
            return 1
    wall = {url: [] for url in urls}
    cpu = {url: [] for url in urls}
    for _ in range(int(os.environ.get("PAGE_ROUNDS", "15"))):
        for url in urls:
            start, start_cpu = time.perf_counter(), time.process_time()
            call_in_own_stack_chunk(client.get, url)
            wall[url].append(time.perf_counter() - start)
            cpu[url].append(time.process_time() - start_cpu)
            reset_queries()
    for url in urls:
        ordered = sorted(wall[url])
        p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
        print(
            f"{url}: wall median {statistics.median(ordered) * 1000:.1f} ms, "
            f"p95 {p95 * 1000:.1f} ms; CPU median "
            f"{statistics.median(cpu[url]) * 1000:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
