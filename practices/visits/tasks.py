"""Celery beat tasks of the visits app: thin wrappers around the services.

They keep the names they had when they lived in `practices/tasks.py`: the beat
schedule (settings) and any message already queued name them so.
"""

from __future__ import annotations

from celery import shared_task


@shared_task(name="practices.tasks.send_weekly_digests")
def send_weekly_digests() -> int:
    """Monday morning: each project lead's visits, actions and bottlenecks to look at."""
    from practices.visits.services import digests_send_weekly

    return digests_send_weekly()


@shared_task(name="practices.tasks.send_action_reminders")
def send_action_reminders() -> int:
    """Daily: remind owners of follow-up actions due within three days."""
    from practices.visits.services import action_reminders_send

    return action_reminders_send()
