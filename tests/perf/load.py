"""`make load`: the mixed load of tests/perf/locustfile.py against gunicorn (4 workers)
on 127.0.0.1, 60 s headless, on the database DATABASE_URL names (PostgreSQL).

The database must hold the national data set (`python -m tests.perf.national`) or
nothing: then it is built first (LOAD_SCALE, default 1.0). Throughput, p95 and failures
go to bench/load.json; exit 1 when the target (≥ 60 req/s, p95 ≤ 500 ms, 0 failures)
is missed.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORT = os.environ.get("LOAD_PORT", "8765")
HOST = f"http://127.0.0.1:{PORT}"
TARGET_RPS, TARGET_P95_MS = 60.0, 500.0


def login_session(role: str) -> str:
    """The key of a new session of ROLE@bench.test (with the TOTP device that the
    roles needing two factors have), as after logging in."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from coalition.middleware import has_totp, mfa_required
    from coalition.models import User

    user = User.objects.get(email=f"{role}@bench.test")
    if mfa_required(user) and not has_totp(user):
        TOTP.activate(user, generate_totp_secret())
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def _prepare() -> tuple[dict, dict]:
    """Sessions of the logged-in roles and the ids of the pages they visit."""
    from coalition.models import Coalition, User
    from practices.models import Practice
    from surveys.models import Response
    from tests.perf import national
    from training.models import Session

    if not Coalition.objects.filter(slug__startswith=national.SLUG_PREFIX).exists():
        national.build(scale=float(os.environ.get("LOAD_SCALE", "1")))
    elif found := national.foreign_data():
        raise SystemExit(f"Geen benchmarkdatabase ({', '.join(found)}).")
    sessions = {
        role: login_session(role) for role in ("lead", "practice", "trainer", "office")
    }
    lead = Coalition.objects.filter(slug__startswith=national.SLUG_PREFIX).order_by(
        "slug"
    )[0]
    practice = User.objects.get(email="practice@bench.test").memberships.get().practice
    ids = {
        "practice": Practice.objects.filter(coalition=lead).order_by("pk")[7].pk,
        "response": Response.objects.filter(practice=practice)
        .order_by("-questionnaire__year")
        .first()
        .pk,
        "session": Session.objects.filter(trainers__email="trainer@bench.test")
        .order_by("pk")
        .first()
        .pk,
    }
    return sessions, ids


def main() -> int:
    # Always these settings, also when the shell names others: production's settings
    # want HTTPS and collected static files, and answered 500 here.
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.perf.load_settings"
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("make load meet op PostgreSQL: zet DATABASE_URL (zie README).")
        return 1
    sessions, ids = _prepare()
    env = {
        **os.environ,
        "LOAD_SESSIONS": json.dumps(sessions),
        "LOAD_IDS": json.dumps(ids),
    }
    venv = ROOT / ".venv" / "bin"
    server = subprocess.Popen(
        [
            str(venv / "gunicorn"),
            "coalition.wsgi",
            "-w",
            "4",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(60):
            try:
                urllib.request.urlopen(f"{HOST}/health/", timeout=2)
                break
            except OSError:
                time.sleep(1)
        with tempfile.TemporaryDirectory() as tmp:
            prefix = str(Path(tmp) / "load")
            subprocess.run(
                [
                    str(venv / "locust"),
                    "-f",
                    str(ROOT / "tests/perf/locustfile.py"),
                    "--headless",
                    "-u",
                    os.environ.get("LOAD_USERS", "60"),
                    "-r",
                    "20",
                    "-t",
                    os.environ.get("LOAD_SECONDS", "60") + "s",
                    "--host",
                    HOST,
                    "--csv",
                    prefix,
                    "--only-summary",
                ],
                cwd=ROOT,
                env=env,
                check=False,
            )
            with open(f"{prefix}_stats.csv") as fh:
                rows = list(csv.DictReader(fh))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    total = next(r for r in rows if r["Name"] == "Aggregated")
    result = {
        "requests_per_second": float(total["Requests/s"]),
        "p95_ms": float(total["95%"]),
        "median_ms": float(total["50%"]),
        "requests": int(total["Request Count"]),
        "failures": int(total["Failure Count"]),
        "pages": {
            r["Name"]: {"requests": int(r["Request Count"]), "p95_ms": float(r["95%"])}
            for r in rows
            if r["Name"] != "Aggregated"
        },
    }
    ok = (
        result["requests_per_second"] >= TARGET_RPS
        and result["p95_ms"] <= TARGET_P95_MS
        and result["failures"] == 0
    )
    result["ok"] = ok
    out = ROOT / "bench" / "load.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n")
    print(
        f"{'ok  ' if ok else 'MISS'} {result['requests_per_second']:.1f} req/s "
        f"(≥ {TARGET_RPS:.0f}), p95 {result['p95_ms']:.0f} ms (≤ {TARGET_P95_MS:.0f}), "
        f"{result['failures']} failures -> {out}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
