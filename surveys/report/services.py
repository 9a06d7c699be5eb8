"""Writes of the report: freezing an edition; exports of more than one coalition."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from coalition.models import User
from surveys.models import Questionnaire
from surveys.report.aggregate import LEAD, build_report
from surveys.report.models import ReportEdition, ReportExport


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


# --- exports of more than one coalition (Celery) --------------------------------------

EXPORT_RETENTION_HOURS = 24


def export_retention() -> dt.timedelta:
    return dt.timedelta(
        hours=int(
            getattr(settings, "REPORT_EXPORT_RETENTION_HOURS", EXPORT_RETENTION_HOURS)
        )
    )


def export_request(*, user: User) -> ReportExport:
    """Record the request and queue the work once the row is committed."""
    from coalition import access
    from coalition.tasks import enqueue
    from surveys.report.tasks import run_report_export

    export = ReportExport(
        requested_by=user, total=access.report_coalitions(user).count()
    )
    export.full_clean()
    export.save()
    enqueue(run_report_export, export.pk)
    return export


def export_run(*, export_id: int) -> ReportExport:
    """Write the workbook: the progress report of every coalition the requester may
    read (each in the version that user reads), and for the office the comparison.
    Progress is stored after each coalition; a second run of a finished export does
    nothing."""
    from coalition import access
    from coalition.funder import comparison_rows, progress_report
    from coalition.funder_views import ProgressXlsxExporter, comparison_sheet
    from coalition.xlsx import write_xlsx

    with transaction.atomic():
        export = ReportExport.objects.select_for_update().get(pk=export_id)
        if export.status == ReportExport.Status.DONE:
            return export
        export.status = ReportExport.Status.RUNNING
        export.save(update_fields=["status"])
    user = export.requested_by
    coalitions = list(access.report_coalitions(user).order_by("name"))
    export.total = len(coalitions)
    export.save(update_fields=["total"])

    def progress(done: int) -> None:
        export.done = done
        export.save(update_fields=["done"])

    today = timezone.localdate()
    try:
        report = progress_report(
            coalitions,
            today=today,
            audience_for=lambda c: access.report_audience(user, c),
            on_progress=progress,
            charts=None,
        )
        sheets = ProgressXlsxExporter(report).sheets()
        if access.can_compare_coalitions(user):
            rows, total = comparison_rows(coalitions, today=today)
            sheets.append(comparison_sheet(rows, total, "Comparison"))
        name = f"rapporten-{today.isoformat()}-{secrets.token_urlsafe(16)}.xlsx"
        export.file.save(name, ContentFile(write_xlsx(*sheets)), save=False)
    except Exception:
        export.status = ReportExport.Status.FAILED
        export.save(update_fields=["status"])
        raise
    export.status = ReportExport.Status.DONE
    export.finished = timezone.now()
    export.save(update_fields=["file", "status", "finished"])
    return export


def export_purge(*, now: dt.datetime | None = None) -> int:
    """Remove exports (row and file) older than the retention period; safe twice."""
    cutoff = (now or timezone.now()) - export_retention()
    removed = 0
    for export in ReportExport.objects.filter(created__lt=cutoff):
        if export.file:
            export.file.delete(save=False)
        export.delete()
        removed += 1
    return removed
