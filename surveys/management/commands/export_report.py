"""Write a coalition's regional report to xlsx or PDF.

    python manage.py export_report --coalition SLUG --year 2025 [--quarter N]
        --audience lead|funder OUT.xlsx|OUT.pdf

Exit 0 when written; 1 with a one-line message otherwise.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from surveys.models import Questionnaire
from surveys.report.aggregate import AUDIENCES, build_report
from surveys.report.exporters import ReportXlsxExporter, render_pdf


class Command(BaseCommand):
    help = "Schrijf het regiorapport van een coalitie naar xlsx of PDF."

    def add_arguments(self, parser):
        parser.add_argument("--coalition", required=True, help="korte naam (slug)")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        parser.add_argument("--audience", required=True, choices=AUDIENCES)
        parser.add_argument("out")

    def handle(self, *args, **options):
        out = Path(options["out"])
        suffix = out.suffix.lower()
        if suffix not in (".xlsx", ".pdf"):
            raise CommandError("Het uitvoerbestand moet eindigen op .xlsx of .pdf.")
        try:
            questionnaire = Questionnaire.objects.select_related("coalition").get(
                coalition__slug=options["coalition"],
                year=options["year"],
                quarter=options["quarter"],
            )
        except Questionnaire.DoesNotExist:
            period = options["year"]
            if options["quarter"]:
                period = f"{period}-K{options['quarter']}"
            raise CommandError(
                f"Geen vragenlijst voor coalitie {options['coalition']!r} in {period}."
            ) from None
        report = build_report(questionnaire, audience=options["audience"])
        content = (
            ReportXlsxExporter(report).render()
            if suffix == ".xlsx"
            else render_pdf(report)
        )
        try:
            out.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Kan {out} niet schrijven: {exc.strerror}.") from None
        self.stdout.write(f"{out} ({len(content)} bytes)")
