"""Load the demo region: `python manage.py demo` (deterministic; twice gives the same data)."""

from __future__ import annotations

import logging
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from coalition import demo as coalition_demo
from content import demo as content_demo
from practices import demo as practices_demo
from practices import public_demo
from practices.visits import demo as visits_demo
from surveys import demo as surveys_demo
from training import demo as training_demo

# Each app contributes its own step, in this order (later steps build on earlier ones).
DEMO_STEPS = [
    ("Coalities", coalition_demo.core),
    ("Praktijken", practices_demo.load),
    ("Gebruikers", coalition_demo.users),
    ("Scholing", training_demo.load),
    ("Bezoeken", visits_demo.load),
    ("Vragenlijsten", surveys_demo.load),
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


class Command(BaseCommand):
    help = "Laadt de demoregio (deterministisch en herhaalbaar)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="De inloggegevens niet tonen."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        with _quiet(QUIET_LOGGERS):
            for label, step in DEMO_STEPS:
                started = time.monotonic()
                with transaction.atomic():
                    step(today=today, stdout=self.stdout)
                self.stdout.write(f"{label} … {time.monotonic() - started:.1f} s")
        if not options["quiet_logins"]:
            self.stdout.write(
                self.style.SUCCESS("\nDemo-accounts (wachtwoord voor allen gelijk):")
            )
            logins = coalition_demo.logins()
            wide = max(
                len(role) for role, _, _ in logins
            )  # the vendors' labels are long
            for role, email, password in logins:
                self.stdout.write(f"  {role:<{wide}} {email:<36} {password}")
