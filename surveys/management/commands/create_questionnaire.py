"""`manage.py create_questionnaire --coalition SLUG --year YYYY [--quarter N]
(--standard | --copy-from YYYY)`: a new questionnaire in draft."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from coalition.models import Coalition
from surveys import services
from surveys.models import Questionnaire


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"‘{text}’ is geen datum (jjjj-mm-dd).") from None


class Command(BaseCommand):
    help = "Maakt een vragenlijst aan: de standaardvragen of een kopie van een eerder jaar."

    def add_arguments(self, parser):
        parser.add_argument("--coalition", required=True, help="korte naam (slug)")
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--standard", action="store_true")
        source.add_argument("--copy-from", type=int, metavar="YYYY")
        parser.add_argument(
            "--opens", type=_date, help="jjjj-mm-dd (standaard: vandaag)"
        )
        parser.add_argument(
            "--closes", type=_date, help="jjjj-mm-dd (standaard: +6 weken)"
        )

    def handle(self, *args, **o):
        try:
            coalition = Coalition.objects.get(slug=o["coalition"])
        except Coalition.DoesNotExist:
            raise CommandError(f"Onbekende coalitie ‘{o['coalition']}’.") from None
        common = {
            "year": o["year"],
            "quarter": o["quarter"],
            "opens": o["opens"],
            "closes": o["closes"],
        }
        try:
            if o["standard"]:
                q = services.questionnaire_create_standard(
                    coalition=coalition, **common
                )
            else:
                source = (
                    Questionnaire.objects.filter(
                        coalition=coalition, year=o["copy_from"], quarter=o["quarter"]
                    ).first()
                    or Questionnaire.objects.filter(
                        coalition=coalition, year=o["copy_from"], quarter__isnull=True
                    ).first()
                )
                if source is None:
                    raise CommandError(
                        f"Geen vragenlijst van {o['copy_from']} in ‘{coalition.slug}’."
                    )
                q = services.questionnaire_copy(source=source, **common)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Vragenlijst {q.period} aangemaakt (id {q.pk}, "
                f"{q.questions.count()} vragen, status concept)."
            )
        )
