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


# --- exactly once through SMTP: the claim, the handover, the Message-ID --------------


@pytest.fixture
def sink(settings):
    from tests.security.smtp_sink import SMTPSink

    sink = SMTPSink().start()
    settings.MAILERS = sink.mailer()
    yield sink
    sink.stop()


def test_the_handover_is_recorded_before_the_final_dot(sink):
    from django.core.mail import EmailMessage as Mail

    from coalition import smtp

    seen = []
    with smtp.delivery(lambda: seen.append(len(sink.messages))) as delivery:
        Mail("Onderwerp", "Tekst.", "a@example.test", ["b@example.test"]).send()
    assert seen == [0]  # called once, before the server had the whole message
    assert delivery.handed_over and delivery.accepted
    assert len(sink.messages) == 1


def test_a_message_goes_out_once_with_its_own_message_id(
    sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(to="b@example.test")
    message.refresh_from_db()
    assert message.status == EmailMessage.Status.SENT
    assert message.attempts == 1
    assert message.claimed_at <= message.handed_over_at <= message.sent_at
    [received] = sink.to("b@example.test")
    assert received["Message-ID"] == message.message_id
    assert message.message_id.startswith("<") and message.message_id.endswith(">")
    assert services.email_send(message_id=message.pk) is False
    assert len(sink.messages) == 1


def test_a_refusal_is_sent_again_under_the_same_message_id(
    sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue(to="b@example.test")
    sink.hold("b@example.test", "refuse")
    with pytest.raises(services.EmailDeliveryError, match="554"):
        services.email_send(message_id=message.pk)
    message.refresh_from_db()
    assert message.status == EmailMessage.Status.FAILED
    assert sink.messages == []
    first_id = message.message_id
    assert services.email_send(message_id=message.pk) is True
    message.refresh_from_db()
    assert message.status == EmailMessage.Status.SENT and message.attempts == 2
    assert [m["Message-ID"] for m in sink.to("b@example.test")] == [first_id]


def test_a_lost_answer_after_the_handover_is_never_sent_again(
    sink, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        message = queue(to="b@example.test")
    sink.hold("b@example.test", "drop")  # the whole message arrives, no 250
    assert services.email_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == EmailMessage.Status.UNCONFIRMED
    assert message.handed_over_at is not None
    assert "SMTPServerDisconnected" in message.last_error
    assert services.email_send(message_id=message.pk) is False
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_retry_unsent(older_than_minutes=0) == 0
    assert len(sink.to("b@example.test")) == 1


def test_a_live_claim_is_left_alone_and_a_dead_one_taken_back(
    django_capture_on_commit_callbacks,
):
    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        message = queue()
    claimed = timezone.now()
    EmailMessage.objects.filter(pk=message.pk).update(
        status=EmailMessage.Status.SENDING, claimed_at=claimed, attempts=1
    )
    # Another worker is sending it: the task and the sweeper keep off.
    assert services.email_send(message_id=message.pk) is False
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_retry_unsent(older_than_minutes=0) == 0
    assert mail.outbox == []
    # That worker died before the handover: after the claim timeout it is sent, once.
    EmailMessage.objects.filter(pk=message.pk).update(
        claimed_at=claimed - services.email_claim_timeout()
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_retry_unsent(older_than_minutes=0) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_retry_unsent(older_than_minutes=0) == 0
    message.refresh_from_db()
    assert message.status == EmailMessage.Status.SENT and message.attempts == 2
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == message.message_id


def test_a_dead_claim_after_the_handover_becomes_unconfirmed(
    django_capture_on_commit_callbacks,
):
    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=False):
        message = queue()
    old = timezone.now() - services.email_claim_timeout()
    EmailMessage.objects.filter(pk=message.pk).update(
        status=EmailMessage.Status.SENDING, claimed_at=old, handed_over_at=old
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_retry_unsent(older_than_minutes=0) == 0
    assert services.email_send(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == EmailMessage.Status.UNCONFIRMED
    assert mail.outbox == []


def test_the_claim_outlives_the_task():
    from django.conf import settings

    assert (
        services.email_claim_timeout().total_seconds() > settings.CELERY_TASK_TIME_LIMIT
    )
