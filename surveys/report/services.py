"""Writes of the report: freezing an edition."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from coalition.models import User
from surveys.models import Questionnaire
from surveys.report.aggregate import LEAD, build_report
from surveys.report.models import ReportEdition


@transaction.atomic
def edition_freeze(
    *, questionnaire: Questionnaire, title: str, by: User
) -> ReportEdition:
    """Store the report's figures as they are now; they never change afterwards."""
    edition = ReportEdition(
        questionnaire=questionnaire,
        title=title.strip(),
        data=build_report(questionnaire, audience=LEAD),
        frozen_at=timezone.now(),
        frozen_by=by,
        frozen_by_name=by.get_full_name() or by.email,
    )
    edition.full_clean()
    edition.save()
    return edition
