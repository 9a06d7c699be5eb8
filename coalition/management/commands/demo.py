"""Load the demo region: `python manage.py demo` (deterministic; twice gives the same data)."""

from __future__ import annotations

import importlib
import logging
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

# Each app contributes its own step; a step whose module does not exist is skipped.
DEMO_STEPS = [
    "coalition.demo:core",
    "practices.demo:load",
    "coalition.demo:users",
    "training.demo:load",
    "practices.visits.demo:load",
    "surveys.demo:load",
    "content.demo:load",
    "practices.public_demo:load",
]
STEP_LABELS = {
    "coalition.demo:core": "Coalities",
    "practices.demo:load": "Praktijken",
    "coalition.demo:users": "Gebruikers",
    "training.demo:load": "Scholing",
    "practices.visits.demo:load": "Bezoeken",
    "surveys.demo:load": "Vragenlijsten",
    "content.demo:load": "Website",
    "practices.public_demo:load": "Publieke praktijkpagina's",
}
# Every task run in-process logs a line or two at INFO (Wagtail's search index and
# reference index, e-mails): hundreds of lines that hide the steps.
QUIET_LOGGERS = ("django_tasks", "django.tasks", "celery.app.trace", "wagtail")


def _step(path: str):
    module_name, func = path.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    return getattr(module, func)


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
            for path in DEMO_STEPS:
                step = _step(path)
                if step is None:
                    continue
                started = time.monotonic()
                with transaction.atomic():
                    step(today=today, stdout=self.stdout)
                label = STEP_LABELS.get(path, path)
                self.stdout.write(f"{label} … {time.monotonic() - started:.1f} s")
        if not options["quiet_logins"]:
            from coalition.demo import logins

            self.stdout.write(
                self.style.SUCCESS("\nDemo-accounts (wachtwoord voor allen gelijk):")
            )
            for role, email, password in logins():
                self.stdout.write(f"  {role:<20} {email:<36} {password}")
