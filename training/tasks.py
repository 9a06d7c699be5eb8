"""Celery tasks of the training app: thin wrappers that take ids and call services."""

from __future__ import annotations

from celery import shared_task

from training import services


@shared_task
def send_session_reminders() -> int:
    """Daily (beat): remind confirmed people two days before their session, once."""
    return services.session_send_reminders()


@shared_task
def notify_session_cancelled(session_id: int) -> int:
    """Tell everyone registered that a session is cancelled; a rerun sends nothing."""
    return services.session_notify_cancelled(session_id=session_id)
