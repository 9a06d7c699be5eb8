"""Celery beat tasks of the practices app: thin wrappers around the services."""

from __future__ import annotations

from celery import shared_task


@shared_task
def send_weekly_digests() -> int:
    """Monday morning: each project lead's visits, actions and bottlenecks to look at."""
    from practices.visits.services import digests_send_weekly

    return digests_send_weekly()


@shared_task
def send_action_reminders() -> int:
    """Daily: remind owners of follow-up actions due within three days."""
    from practices.visits.services import action_reminders_send

    return action_reminders_send()


@shared_task
def delete_stale_import_uploads() -> int:
    """Hourly: delete import previews (registry, answers) never confirmed in 24 h."""
    from coalition.uploads import stale_uploads_delete

    return stale_uploads_delete()
