"""`manage.py import_responses FILE --coalition SLUG --year YYYY [--quarter N] [--commit]
[--submit-drafts]`

Without --commit only checks (dry run). Exit 0 when the file is valid, 1 with errors;
with errors nothing is written."""

from __future__ import annotations

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from coalition.models import Coalition
from surveys import services
from surveys.models import Questionnaire


class Command(BaseCommand):
    help = "Importeert antwoorden uit een xlsx-bestand (zonder --commit: alleen controleren)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--coalition", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--commit", action="store_true")
        parser.add_argument(
            "--submit-drafts",
            action="store_true",
            help="Rijen met status ‘concept’ ook insturen (anders blijven ze concept).",
        )

    def handle(self, *args, **o):
        try:
            questionnaire = Questionnaire.objects.get(
                coalition=Coalition.objects.filter(slug=o["coalition"]).first(),
                year=o["year"],
                quarter=o["quarter"],
            )
        except Questionnaire.DoesNotExist:
            raise CommandError(
                "Geen vragenlijst voor deze coalitie en periode."
            ) from None
        try:
            with open(o["file"], "rb") as f:
                report = services.responses_import(
                    questionnaire=questionnaire,
                    file=f,
                    commit=o["commit"],
                    submit_drafts=o["submit_drafts"],
                )
        except OSError as exc:
            raise CommandError(f"Kan het bestand niet lezen: {exc.strerror}") from None
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        if not report.ok:
            for error in report.errors:
                self.stderr.write(str(error))
            self.stderr.write(f"{len(report.errors)} fouten; er is niets opgeslagen.")
            sys.exit(1)
        if report.committed:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(report.rows)} praktijken geïmporteerd "
                    f"({report.created} nieuw, {report.updated} bijgewerkt)."
                )
            )
        else:
            self.stdout.write(
                f"In orde: {len(report.rows)} praktijken. Niets opgeslagen "
                "(gebruik --commit om te importeren)."
            )
