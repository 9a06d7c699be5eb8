"""A deterministic national data set for the page benchmark (issue 15).

At scale 1.0: 5,000 practices in 40 coalitions (the first one a 400-practice coalition
whose lead the benchmark logs in as), member organisations, vendors with product
versions and certifications, framework agreements, deadlines and rollouts of every
service; 5 yearly questionnaires per coalition answered by 70% (≈410,000 answers);
2,000 training sessions with 41,700 registrations; 10,000 visits, 20,000 actions and
2,000 bottlenecks; a funder with grants; the public website. Coalitions, member
organisations, questionnaires, sessions and the website go through their services;
the bulk (practices, rollouts, answers, registrations, visits) through bulk_create.

One module per part (registry, activity, public; world.py: the constants and the ids
found again). Run alone: `python -m tests.perf.national [--scale 0.1] [--force]`
(`__main__.py`) builds it in the database DATABASE_URL names. It refuses a database
holding anything but bench data unless --force (which then empties it).
"""

from __future__ import annotations

import random
import time

from tests.perf.national.activity import _surveys, _training, _visits
from tests.perf.national.public import _vendors_and_public, _website
from tests.perf.national.registry import _core, _funder, _practices, _users
from tests.perf.national.world import (
    LEAD_COALITION_SIZE,
    PASSWORD,
    SLUG_PREFIX,
    TODAY,
    YEARS,
    World,
)

__all__ = [
    "LEAD_COALITION_SIZE",
    "PASSWORD",
    "SLUG_PREFIX",
    "TODAY",
    "YEARS",
    "World",
    "build",
    "foreign_data",
]


def foreign_data() -> list[str]:
    """What in the database is not bench data (empty list: safe to rebuild)."""
    from coalition.models import Coalition, User

    found = []
    others = Coalition.objects.exclude(slug__startswith=SLUG_PREFIX)
    if others.exists():
        found.append(f"{others.count()} coalities")
    users = User.objects.exclude(email__endswith="@bench.test")
    if users.exists():
        found.append(f"{users.count()} gebruikers")
    return found


def _empty() -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def build(*, scale: float = 1.0, force: bool = False, log=print) -> World:
    """Empty the database and fill it with the national data set at `scale`."""
    import logging

    from django.db import connection, transaction

    for name in ("celery", "django_tasks", "django.tasks", "wagtail"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if (found := foreign_data()) and not force:
        raise SystemExit(
            "De database bevat andere gegevens dan de benchmark ("
            + ", ".join(found)
            + "): gebruik een eigen database of --force (die alles wist)."
        )
    start = time.perf_counter()
    _empty()
    world = World(scale=scale)
    steps = (
        _core,
        _practices,
        _users,
        _surveys,
        _training,
        _visits,
        _funder,
        _vendors_and_public,
        _website,
    )
    for step in steps:
        t = time.perf_counter()
        with transaction.atomic():
            step(world, random.Random(f"{step.__name__}-15"))
        log(f"  {step.__name__.strip('_')}: {time.perf_counter() - t:.1f} s")
    # Statistics, as autovacuum keeps them on a database in use: without them the
    # planner guesses 50 rows for 400,000 and picks nested loops (a report took 14 s
    # instead of 1 s). VACUUM also fills the visibility map for index-only scans.
    t = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    log(f"  statistics: {time.perf_counter() - t:.1f} s")
    world.seconds = time.perf_counter() - start
    return world
