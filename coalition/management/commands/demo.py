"""Load the demo region: `python manage.py demo` (deterministic; twice gives the same data)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from coalition.demo import runner


class Command(BaseCommand):
    help = "Laadt de demoregio (deterministisch en herhaalbaar)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--quiet-logins", action="store_true", help="De inloggegevens niet tonen."
        )

    def handle(self, *args, **options):
        runner.run(today=timezone.localdate(), stdout=self.stdout)
        if not options["quiet_logins"]:
            self.stdout.write(
                self.style.SUCCESS("\nDemo-accounts (wachtwoord voor allen gelijk):")
            )
            logins = runner.logins()
            wide = max(
                len(role) for role, _, _ in logins
            )  # the vendors' labels are long
            for role, email, password in logins:
                self.stdout.write(f"  {role:<{wide}} {email:<36} {password}")
