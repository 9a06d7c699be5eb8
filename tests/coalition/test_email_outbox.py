"""The e-mail outbox: every message recorded once under its key, sent once."""

from __future__ import annotations

import smtplib

import pytest
from django.core import mail

from coalition import services
from coalition.models import EmailMessage
from coalition.tasks import send_email
from tests.conftest import requires_broker

pytestmark = pytest.mark.django_db


def queue(key="test:1", to="a@example.test"):
    return services.email_queue(
        key=key,
        to=to,
        template="coalition/email/notice",
        context={"subject": "Een bericht", "body": "De tekst van het bericht."},
    )


def test_same_key_is_recorded_and_sent_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue()
        second = queue()
    assert first is not None and second is None
    assert EmailMessage.objects.count() == 1
    assert len(mail.outbox) == 1
    message = EmailMessage.objects.get()
    assert message.status == EmailMessage.Status.SENT
    assert message.sent_at is not None


def test_running_the_task_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    assert len(mail.outbox) == 1
    assert send_email.apply(args=[message.pk]).get() is False
    assert len(mail.outbox) == 1


def test_failure_is_recorded_and_retried(
    monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue()

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("server went away")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with pytest.raises(services.EmailDeliveryError):
        services.email_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == EmailMessage.Status.FAILED
    assert message.attempts == 1
    assert "server went away" in message.last_error
    monkeypatch.undo()
    assert services.email_send(message_id=message.pk) is True
    message.refresh_from_db()
    assert message.status == EmailMessage.Status.SENT
    assert len(mail.outbox) == 1


def test_send_task_retries_with_backoff():
    assert send_email.autoretry_for == (services.EmailDeliveryError,)
    assert send_email.retry_backoff and send_email.max_retries >= 5


@requires_broker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_the_message(settings):
    """Through Redis and a real Celery worker thread, not in-process."""
    from celery.contrib.testing.worker import start_worker

    from coalition.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    try:
        with start_worker(
            app, perform_ping_check=False, pool="solo", loglevel="WARNING"
        ):
            message = queue(key="worker:1")
            for _ in range(100):
                message.refresh_from_db()
                if message.status == EmailMessage.Status.SENT:
                    break
                import time

                time.sleep(0.1)
        assert message.status == EmailMessage.Status.SENT
        assert len(mail.outbox) == 1
    finally:
        app.conf.task_always_eager = True
