"""`manage.py export_registry --coalition SLUG OUT.xlsx`: the registry in import format."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coalition.models import Coalition
from practices import exports
from practices.models import Practice


class Command(BaseCommand):
    help = "Schrijft het praktijkregister van een coalitie naar xlsx (importformaat)."

    def add_arguments(self, parser):
        parser.add_argument("out")
        parser.add_argument("--coalition", required=True, help="korte naam (slug)")

    def handle(self, *args, **options):
        try:
            coalition = Coalition.objects.get(slug=options["coalition"])
        except Coalition.DoesNotExist:
            raise CommandError(f"Onbekende coalitie: {options['coalition']}") from None
        practices = Practice.objects.filter(coalition=coalition)
        Path(options["out"]).write_bytes(exports.registry_xlsx(practices))
        self.stdout.write(
            self.style.SUCCESS(f"{practices.count()} praktijken → {options['out']}")
        )
