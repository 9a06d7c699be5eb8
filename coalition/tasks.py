from __future__ import annotations

from celery import shared_task
from django.db import transaction

from coalition import services


@shared_task(
    bind=True,
    autoretry_for=(services.EmailDeliveryError,),
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
)
def send_email(self, message_id: int) -> bool:
    """Send one recorded e-mail. It claims the row before it talks to the mail server, so
    a retry, a second delivery of this task or the sweeper sends nothing while the
    message is sent, being sent, or perhaps sent (services.email_send)."""
    return services.email_send(message_id=message_id)


@shared_task
def retry_unsent_email() -> int:
    """The outbox sweeper: queue again what waits (broker down, mail server away, a
    worker killed before handing the message over)."""
    return services.email_retry_unsent()


@shared_task
def purge_audit_log() -> int:
    """Remove audit rows past the retention period (AUDIT_RETENTION_DAYS)."""
    from coalition.audit import audit_purge

    return audit_purge()


def enqueue(task, *args) -> None:
    """Queue `task(*args)` once the current transaction commits (at once outside one).

    A worker never sees rows that are not committed, and a broker that is down does not
    break the request: the failure is logged and the work is picked up again by the
    sweeper tasks of the beat schedule (e.g. `retry_unsent_email`).
    """
    transaction.on_commit(lambda: task.delay(*args), robust=True)
