"""Celery beat tasks of the practices app: thin wrappers around the services.

(The visits' digests and reminders are in `practices/visits/tasks.py`.)"""

from __future__ import annotations

from celery import shared_task


@shared_task
def delete_stale_import_uploads() -> int:
    """Hourly: delete import previews (registry, answers) never confirmed in 24 h."""
    from coalition.uploads import stale_uploads_delete

    return stale_uploads_delete()
