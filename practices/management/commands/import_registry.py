"""`manage.py import_registry FILE --coalition SLUG [--commit]`.

Exit 0 when every row is valid (written only with --commit), 1 with the errors listed.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from coalition.models import Coalition
from practices import services


class Command(BaseCommand):
    help = "Importeert praktijken uit een xlsx-bestand (op AGB-code); schrijft alleen met --commit."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--coalition", required=True, help="korte naam (slug)")
        parser.add_argument(
            "--commit", action="store_true", help="schrijf weg als alles klopt"
        )

    def handle(self, *args, **options):
        try:
            coalition = Coalition.objects.get(slug=options["coalition"])
        except Coalition.DoesNotExist:
            raise CommandError(f"Onbekende coalitie: {options['coalition']}") from None
        try:
            plan = services.registry_import(
                coalition=coalition, file=options["file"], commit=options["commit"]
            )
        except FileNotFoundError:
            raise CommandError(f"Bestand niet gevonden: {options['file']}") from None
        if not plan.valid:
            for message in plan.messages():
                self.stderr.write(message)
            self.stderr.write(f"Niets opgeslagen: {len(plan.messages())} fout(en).")
            sys.exit(1)
        summary = (
            f"{plan.n_new} nieuw, {plan.n_changed} gewijzigd, "
            f"{plan.n_unchanged} ongewijzigd"
        )
        if plan.committed:
            self.stdout.write(self.style.SUCCESS(f"Opgeslagen: {summary}."))
        else:
            self.stdout.write(f"Proef (niets opgeslagen; gebruik --commit): {summary}.")
