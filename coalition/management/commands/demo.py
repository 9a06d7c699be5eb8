"""Load the demo region: `python manage.py demo` (deterministic; twice gives the same data)."""

from __future__ import annotations

import importlib
import time

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
]


def _step(path: str):
    module_name, func = path.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name == module_name:
            return None
        raise
    return getattr(module, func)


class Command(BaseCommand):
    help = "Laadt de demoregio (deterministisch en herhaalbaar)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="De inloggegevens niet tonen."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        for path in DEMO_STEPS:
            step = _step(path)
            if step is None:
                continue
            started = time.monotonic()
            with transaction.atomic():
                step(today=today, stdout=self.stdout)
            self.stdout.write(f"demo: {path} ({time.monotonic() - started:.1f} s)")
        if not options["quiet_logins"]:
            from coalition.demo import logins

            self.stdout.write(
                self.style.SUCCESS("\nDemo-accounts (wachtwoord voor allen gelijk):")
            )
            for role, email, password in logins():
                self.stdout.write(f"  {role:<20} {email:<36} {password}")
