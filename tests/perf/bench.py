"""`make bench`: the speed targets of the issues, measured on a fresh database.

Each `tests/perf/bench_<topic>.py` defines `run() -> list[Result]`. The database is the
one DATABASE_URL names (a throw-away test database is created beside it), so the
PostgreSQL targets run with DATABASE_URL set to PostgreSQL. Exit 1 when a target is missed.
Every result also goes to bench/results.json (name, value, unit, budget, ok; not in git).
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Result:
    name: str
    seconds: float
    target_seconds: float | None = None
    detail: str = ""
    ok: bool | None = None
    unit: str = "s"

    @property
    def passed(self) -> bool:
        if self.ok is not None:
            return self.ok
        return self.target_seconds is None or self.seconds <= self.target_seconds


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self.start


def write_json(results: list[Result]) -> None:
    out = Path(__file__).resolve().parents[2] / "bench" / "results.json"
    out.parent.mkdir(exist_ok=True)
    rows = [
        {
            "name": r.name,
            "value": r.seconds,
            "unit": r.unit,
            "budget": r.target_seconds,
            "ok": r.passed,
            "detail": r.detail,
        }
        for r in results
    ]
    out.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    print(f"results: {out}")


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coalition.test_settings")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    from coalition.heap import freeze_after_startup

    # Once, as wsgi.py does in the server before its first request: what the
    # measurements build later stays in the collector's sight, as in the server.
    freeze_after_startup()
    import logging

    from django.core.management import call_command
    from django.test.utils import setup_databases, teardown_databases

    # Eager tasks log every run at INFO: thousands of lines in a benchmark.
    logging.getLogger("celery").setLevel(logging.WARNING)

    only = set(sys.argv[1:])
    old = setup_databases(verbosity=0, interactive=False)
    results: list[Result] = []
    try:
        for info in pkgutil.iter_modules([str(Path(__file__).parent)]):
            if not info.name.startswith("bench_"):
                continue
            if only and info.name.removeprefix("bench_") not in only:
                continue
            module = importlib.import_module(f"tests.perf.{info.name}")
            print(f"--- {info.name}", flush=True)
            # Each benchmark starts from an empty database, as after migrate.
            call_command("flush", interactive=False, verbosity=0)
            results.extend(module.run())
    finally:
        teardown_databases(old, verbosity=0)
    failed = 0
    for r in results:
        value = f"{r.seconds:.3f} s" if r.unit == "s" else f"{r.seconds:g} {r.unit}"
        target = ""
        if r.target_seconds is not None:
            budget = f"{r.target_seconds:.3f}" if r.unit == "s" else r.target_seconds
            target = f" (budget ≤ {budget} {r.unit})"
        mark = "ok  " if r.passed else "MISS"
        failed += not r.passed
        print(f"{mark} {r.name}: {value}{target} {r.detail}")
    print(f"{len(results) - failed} passed, {failed} failed")
    write_json(results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
