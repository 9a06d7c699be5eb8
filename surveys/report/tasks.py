"""Background work of the report: thin wrappers around `surveys.report.services`."""

from __future__ import annotations

from celery import shared_task

from surveys.report import services


@shared_task(soft_time_limit=20 * 60, time_limit=25 * 60)
def run_report_export(export_id: int) -> str:
    """Write the workbook of a multi-coalition export; a second run does nothing."""
    return services.export_run(export_id=export_id).status


@shared_task
def purge_report_exports() -> int:
    """Hourly: remove exports past REPORT_EXPORT_RETENTION_HOURS (file and row)."""
    return services.export_purge()
