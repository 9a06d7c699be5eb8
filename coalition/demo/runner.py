"""The one ordered list of demo steps, and running them (`manage.py demo`)."""

from __future__ import annotations

import datetime as dt
import logging
import time
from contextlib import contextmanager

from django.db import transaction

from coalition.demo import coalition as coalition_demo
from coalition.demo import content as content_demo
from coalition.demo import practices as practices_demo
from coalition.demo import public as public_demo
from coalition.demo import surveys as surveys_demo
from coalition.demo import training as training_demo
from coalition.demo import visits as visits_demo

# Each app contributes its own step, in this order (later steps build on earlier ones).
STEPS = [
    ("Coalities", coalition_demo.core),
    ("Praktijken", practices_demo.load),
    ("Gebruikers", coalition_demo.users),
    ("Scholing", training_demo.load),
    # Before the visits: a visit's snapshot holds the practice's last questionnaire,
    # so the first run's snapshots equal the second's.
    ("Vragenlijsten", surveys_demo.load),
    ("Bezoeken", visits_demo.load),
    ("Website", content_demo.load),
    ("Publieke praktijkpagina's", public_demo.load),
]
# Every task run in-process logs a line or two at INFO (Wagtail's search index and
# reference index, e-mails): hundreds of lines that hide the steps.
QUIET_LOGGERS = ("django_tasks", "django.tasks", "celery.app.trace", "wagtail")


@contextmanager
def _quiet(names: tuple[str, ...]):
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(logger.level, logging.WARNING))
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def run(*, today: dt.date, stdout) -> None:
    """Every step in its own transaction, with the seconds it took."""
    with _quiet(QUIET_LOGGERS):
        for label, step in STEPS:
            started = time.monotonic()
            with transaction.atomic():
                step(today=today, stdout=stdout)
            stdout.write(f"{label} … {time.monotonic() - started:.1f} s")


def logins() -> list[tuple[str, str, str]]:
    """(role, e-mail, password) of the demo accounts, for printing."""
    return coalition_demo.logins()
