"""Thin Celery tasks: they take ids and call a service; running one twice sends once."""

from __future__ import annotations

from celery import shared_task

from surveys import services


@shared_task
def send_invitations(questionnaire_id: int, response_ids: list[int]) -> int:
    return services.invitation_emails_send(
        questionnaire_id=questionnaire_id, response_ids=response_ids
    )


@shared_task
def send_due_reminders() -> int:
    """Daily (beat): remind non-responders on the days before closing the lead set."""
    return services.reminders_send_due()
