"""Background work: every task has time limits, retries with back-off and JSON
arguments; work is queued only after the commit; a broker that is down does not break a
page, and the outbox sweeper sends what waited, once."""

from __future__ import annotations

import ast
import importlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.urls import reverse
from kombu import pools as kombu_pools

from coalition import services
from coalition.celery import PlatformTask, app
from coalition.models import EmailMessage
from tests.conftest import requires_broker, requires_postgres

ROOT = Path(settings.BASE_DIR)
APPS = ("coalition", "practices", "training", "surveys", "content")


def platform_tasks():
    # Every tasks module, the nested apps' too (practices.visits, surveys.report):
    # whether another test imported them first must not decide what is checked.
    for package in APPS:
        for path in sorted((ROOT / package).rglob("tasks.py")):
            importlib.import_module(
                ".".join(path.relative_to(ROOT).with_suffix("").parts)
            )
    return [t for name, t in sorted(app.tasks.items()) if name.startswith(APPS)]


def test_there_are_tasks_to_check():
    names = {t.name for t in platform_tasks()}
    assert {"coalition.tasks.send_email", "coalition.tasks.purge_audit_log"} <= names


@pytest.mark.parametrize("task", platform_tasks(), ids=lambda t: t.name)
def test_every_task_has_limits_retries_and_json(task):
    assert isinstance(task, PlatformTask)
    soft = task.soft_time_limit or app.conf.task_soft_time_limit
    hard = task.time_limit or app.conf.task_time_limit
    assert soft and hard and soft < hard <= 3600
    assert task.autoretry_for, "retried on nothing"
    assert task.retry_backoff and task.retry_jitter
    assert 3 <= task.max_retries <= 10
    assert (task.serializer or app.conf.task_serializer) == "json"
    # Late acknowledgement: a worker that dies mid-task leaves it for another.
    assert task.acks_late if task.acks_late is not None else app.conf.task_acks_late
    assert app.conf.task_reject_on_worker_lost


def test_the_app_accepts_only_json():
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_serializer == "json"


def test_every_beat_entry_names_a_registered_task():
    names = {t.name for t in platform_tasks()}
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in names, entry


def _source_files():
    for package in APPS:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def queued_outside_on_commit(tree: ast.AST) -> list[int]:
    """Lines that call .delay()/.apply_async() other than in `on_commit(lambda: …)`."""
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "on_commit"
        ):
            for arg in node.args:
                if isinstance(arg, ast.Lambda):
                    allowed |= {id(n) for n in ast.walk(arg.body)}
    return [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "attr", "") in {"delay", "apply_async"}
        and id(node) not in allowed
    ]


def test_the_scan_finds_a_direct_delay():
    tree = ast.parse(
        "send.delay(1)\n"
        "transaction.on_commit(lambda: send.delay(2))\n"
        "transaction.on_commit(send.delay)\n"
    )
    assert queued_outside_on_commit(tree) == [1]


def test_no_code_queues_a_task_before_the_commit():
    found = {
        f"{path.relative_to(ROOT)}:{line}"
        for path in _source_files()
        for line in queued_outside_on_commit(ast.parse(path.read_text()))
    }
    assert not found, "use coalition.tasks.enqueue(task, *args): " + ", ".join(
        sorted(found)
    )


@pytest.mark.django_db
def test_enqueue_waits_for_the_commit(django_capture_on_commit_callbacks, monkeypatch):
    from coalition.tasks import enqueue, purge_audit_log

    calls = []
    monkeypatch.setattr(purge_audit_log, "delay", lambda *a: calls.append(a))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue(purge_audit_log, 7)
        assert calls == []
    assert len(callbacks) == 1
    assert calls == [(7,)]


# --- the broker is down ---------------------------------------------------------------


def _use_broker(url: str | None) -> None:
    """Point the app at another broker: its connection and producer pools start anew.

    Celery reads the CELERY_BROKER_URL environment variable before its configuration.
    """
    if url is None:
        os.environ.pop("CELERY_BROKER_URL", None)
    else:
        os.environ["CELERY_BROKER_URL"] = url
    app.conf.broker_url = url
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    # kombu keeps its producer pools in a registry keyed by connection: a closed one
    # would be handed out again ("Acquire on closed pool", even to eager tasks, which
    # acquire a producer too), so the registry starts anew.
    kombu_pools.reset()


def _restore_broker(saved: tuple[str | None, str | None]) -> None:
    env, conf = saved
    _use_broker(env)
    app.conf.broker_url = conf


@pytest.fixture
def broker_down(settings):
    """A real (non-eager) publish to a port where nothing listens."""
    saved = os.environ.get("CELERY_BROKER_URL"), app.conf.broker_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    _use_broker("redis://127.0.0.1:1/0")
    try:
        yield
    finally:
        _restore_broker(saved)
        app.conf.task_always_eager = True


@pytest.mark.django_db
def test_pages_keep_working_while_the_broker_is_down_and_the_work_waits(
    broker_down, coalition, lead, client_for, django_capture_on_commit_callbacks
):
    from coalition.tasks import send_email

    # The publish retry policy of settings gives up after a few seconds, not minutes.
    started = time.monotonic()
    with pytest.raises(Exception, match="127.0.0.1:1"):
        send_email.delay(0)
    assert time.monotonic() - started < 8

    client = client_for(lead)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(
            reverse("coalition:invite"),
            {
                "email": "nieuw@praktijk.test",
                "role": "trainer",
                "coalition": coalition.pk,
            },
        )
    assert page.status_code == 302, page.content[:500]
    message = EmailMessage.objects.get(to="nieuw@praktijk.test")
    assert message.status == EmailMessage.Status.QUEUED
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_sweeper_sends_what_waited_once(
    settings, django_capture_on_commit_callbacks
):
    # Queued while the broker was down: the row is there, nothing was sent.
    with django_capture_on_commit_callbacks(execute=False):
        message = services.email_queue(
            key="drill:1",
            to="a@example.test",
            template="coalition/email/notice",
            context={"subject": "Onderwerp", "body": "Tekst."},
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_retry_unsent(older_than_minutes=0) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.email_retry_unsent(older_than_minutes=0) == 0
    message.refresh_from_db()
    assert message.status == EmailMessage.Status.SENT
    assert len(mail.outbox) == 1


# --- fault drills against a real worker on a Redis of its own -------------------------


class DrillRedis:
    """A redis-server of the drill's own on a free port, keeping nothing on disk."""

    def __init__(self, directory: Path):
        self.directory = directory
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"

    def cli(self, *args: str) -> str:
        return subprocess.run(
            ["redis-cli", "-p", str(self.port), *args],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()

    def start(self) -> None:
        subprocess.run(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no", "--daemonize", "yes"]
            + ["--dir", str(self.directory)],
            check=True,
            timeout=10,
        )
        for _ in range(50):
            if self.cli("ping") == "PONG":
                return
            time.sleep(0.1)
        raise AssertionError("the drill's redis-server did not start")

    def stop(self) -> None:
        self.cli("shutdown", "nosave")


@pytest.fixture
def drill_broker(settings, tmp_path):
    """The app publishes for real (not in-process) to a Redis of the drill's own."""
    redis = DrillRedis(tmp_path)
    redis.start()
    saved = os.environ.get("CELERY_BROKER_URL"), app.conf.broker_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    _use_broker(redis.url)
    try:
        yield redis
    finally:
        _restore_broker(saved)
        app.conf.task_always_eager = True
        redis.stop()


requires_redis_server = pytest.mark.skipif(
    not shutil.which("redis-server"), reason="needs redis-server"
)


@requires_broker
@pytest.mark.redis
@pytest.mark.celery_worker
@requires_redis_server
@pytest.mark.django_db(transaction=True)
def test_queued_work_is_done_once_after_redis_restarts(drill_broker):
    """The queue lives in Redis, which keeps nothing on disk: a restart loses it. The
    outbox row stays unsent, and the sweeper queues it again for a real worker."""
    from celery.contrib.testing.worker import start_worker

    message = services.email_queue(
        key="drill:redis",
        to="a@example.test",
        template="coalition/email/notice",
        context={"subject": "Onderwerp", "body": "Tekst."},
    )
    assert drill_broker.cli("llen", "celery") == "1"
    drill_broker.stop()
    drill_broker.start()
    assert drill_broker.cli("llen", "celery") == "0"
    with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
        assert services.email_retry_unsent(older_than_minutes=0) == 1
        for _ in range(150):
            message.refresh_from_db()
            if message.status == EmailMessage.Status.SENT:
                break
            time.sleep(0.1)
    assert message.status == EmailMessage.Status.SENT
    assert len(mail.outbox) == 1


class WorkerProcess:
    """`celery -A coalition worker` in a process of its own, on the test database and
    the drill's broker, sending through the platform's SMTP mailer to the sink."""

    def __init__(self, broker: str, smtp_port: int, log: Path):
        db = connection.settings_dict
        auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "coalition.settings",
            "DEBUG": "1",
            "DATABASE_URL": f"postgres://{auth}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "CELERY_BROKER_URL": broker,
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_USE_TLS": "0",
        }
        self.log = log.open("ab")
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "celery"), "-A", "coalition", "worker"]
            + ["--pool", "solo", "--loglevel", "INFO", "--hostname", f"{log.stem}@%h"]
            + ["--without-heartbeat", "--without-gossip", "--without-mingle"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def kill(self) -> None:
        """SIGKILL: no shutdown, no acknowledgement, no cleanup."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self.log.close()


def _wait_for(condition, what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


@requires_postgres
@requires_broker
@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.celery_worker
@requires_redis_server
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_send_sends_exactly_once_after_restart(
    drill_broker, settings, tmp_path
):
    """SIGKILL a real worker while it talks to the mail server, restart one, and count
    what the server received.

    Killed before the handover (waiting for DATA's 354): the claim is taken back after
    its timeout and the message goes out once. Killed after it (the server has the
    whole message, its 250 never arrives): the message is not sent again — neither by
    the sweeper nor by the task the broker hands out again.
    """
    from coalition.tasks import send_email
    from tests.security.smtp_sink import SMTPSink

    sink = SMTPSink().start()
    settings.MAILERS = sink.mailer()  # what this process would send, the sink sees
    workers: list[WorkerProcess] = []

    def worker() -> WorkerProcess:
        workers.append(WorkerProcess(drill_broker.url, sink.port, tmp_path / "w.log"))
        return workers[-1]

    def queue(to: str) -> EmailMessage:
        return services.email_queue(
            key=f"drill:{to}",
            to=to,
            template="coalition/email/notice",
            context={"subject": "Onderwerp", "body": "Tekst."},
        )

    def row(message: EmailMessage) -> EmailMessage:
        message.refresh_from_db()
        return message

    try:
        # 1. Killed while waiting for the server's answer to DATA.
        sink.hold("a@example.test", "before-data")
        a = queue("a@example.test")
        first = worker()
        _wait_for(sink.held.is_set, "the first worker to reach DATA")
        first.kill()
        sink.release.set()
        _wait_for(lambda: sink.unfinished, "the sink to see the session end")
        assert row(a).status == EmailMessage.Status.SENDING
        assert a.handed_over_at is None and sink.messages == []

        # The claim is not taken back while it may be a live worker's...
        assert services.email_retry_unsent(older_than_minutes=0) == 0
        # ...but once it is older than the claim timeout (shortened for the drill).
        time.sleep(1.1)
        assert services.email_retry_unsent(claim_timeout=timedelta(seconds=1)) == 1

        # 2. Restarted: it sends A, then is killed after handing B over.
        sink.hold("b@example.test", "after-dot")
        b = queue("b@example.test")
        second = worker()
        _wait_for(sink.held.is_set, "the second worker to hand B over")
        second.kill()
        sink.release.set()
        assert row(a).status == EmailMessage.Status.SENT
        assert row(b).status == EmailMessage.Status.SENDING
        assert b.handed_over_at is not None

        time.sleep(1.1)
        assert services.email_retry_unsent(claim_timeout=timedelta(seconds=1)) == 0
        assert row(b).status == EmailMessage.Status.UNCONFIRMED
        # The broker hands the killed task out again (after its visibility timeout):
        # it finds the row and sends nothing.
        assert send_email.run(b.pk) is False

        received = {to: sink.to(to) for to in ("a@example.test", "b@example.test")}
        assert [m["Message-ID"] for m in received["a@example.test"]] == [a.message_id]
        assert [m["Message-ID"] for m in received["b@example.test"]] == [b.message_id]
        assert sink.unfinished == ["a@example.test"]
        assert row(a).attempts == 2 and b.attempts == 1
    except BaseException:
        print((tmp_path / "w.log").read_text(errors="replace")[-4000:])
        raise
    finally:
        for process in workers:
            process.kill()
        sink.stop()
