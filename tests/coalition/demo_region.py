"""What the demo-region tests (test_demo.py) record of a load and compare between two:
the load's output and log records, and every app's rows by count and by value."""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from coalition.models import Coalition, User
from practices.models import Practice
from tests.content.factories import ensure_home


class LogRecords(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


@dataclass
class Loaded:
    out: str
    media: Path
    records: list[logging.LogRecord] = field(default_factory=list)


@contextmanager
def region_loaded(media: Path, *, now, blocker) -> Iterator[Loaded]:
    """`manage.py demo` at `now` (the clock ticks on from there), inside a transaction
    that is rolled back when the block ends; what it printed and logged is kept."""
    clock = time_machine.travel(now, tick=True)
    clock.start()
    try:
        with override_settings(MEDIA_ROOT=media), blocker.unblock():
            with transaction.atomic():
                ensure_home()  # gone if a transactional test flushed the database
                out, records = io.StringIO(), LogRecords()
                root = logging.getLogger()
                level = root.level
                root.addHandler(records)
                root.setLevel(logging.NOTSET)  # what the steps would log, unquieted
                try:
                    call_command("demo", "--quiet-logins", stdout=out)
                finally:
                    root.removeHandler(records)
                    root.setLevel(level)
                try:
                    yield Loaded(
                        out=out.getvalue(), media=media, records=records.records
                    )
                finally:
                    transaction.set_rollback(True)
            # The next module starts from an empty database again.
            assert not Coalition.objects.exists(), "the demo outlived its module"
            assert not User.objects.exists(), "the demo outlived its module"
    finally:
        clock.stop()


def counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        # With the many-to-many tables (a visit's visitors, a session's trainers).
        for model in apps.get_models(include_auto_created=True)
        if not model._meta.proxy
        and model._meta.managed
        # Sessions and logs are not demo data.
        and model._meta.app_label not in {"sessions", "admin"}
        and not model._meta.label.startswith("simple_history")
        and not model.__name__.startswith("Historical")
    }


# Rows the demo keeps from one run to the next (the rebuilt ones, such as rollout
# history, get new keys and are compared by their counts). Past questionnaires are
# rebuilt only when someone changed them, so their rows keep their keys too.
KEPT_ROWS = (
    "coalition.Coalition",
    "coalition.Membership",
    "coalition.User",
    "practices.Practice",
    "practices.PracticeContact",
    "practices.Rollout",
    "practices.ServiceDeadline",
    "visits.Visit",
    "visits.FollowUpAction",
    "visits.Bottleneck",
    "visits.VendorAnswer",
    "training.Course",
    "training.Session",
    "training.Registration",
    "surveys.Response",
    "surveys.Answer",
    "surveys.ResponseEvent",
)


def history_counts() -> dict[str, int]:
    """The rows of every change history (simple_history's Historical* models)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    }


def values() -> dict[str, list[str]]:
    """Every kept row's values (not its `updated` stamp), so a second run that
    rewrote a value would show, not only one that added or removed a row."""
    out = {}
    for label in KEPT_ROWS:
        model = apps.get_model(label)
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if not getattr(f, "auto_now", False)
        ]
        out[label] = sorted(map(repr, model._default_manager.values_list(*fields)))
    return out


def assert_only_the_vendor_step_wrote_history(before: dict[str, int]) -> None:
    """A second run saves no row that already held its values, so it writes no change
    history, but for the demo's own: the practices step puts the practices on Medisys
    on version 12 and the vendor step moves every fourth of the others back to 11 (an
    upgrade list for the lead), two history rows each on every run."""
    before, after = dict(before), history_counts()
    moved = after.pop("practices.HistoricalPractice") - before.pop(
        "practices.HistoricalPractice"
    )
    assert after == before
    assert moved > 0  # the vendor step's upgrade list is there
    # Exactly those practices: two rows each, and they end on version 11.
    rows = Counter(
        Practice.history.order_by("-history_id")[:moved].values_list("id", flat=True)
    )
    assert set(rows.values()) == {2}, rows
    assert not (
        Practice.objects.filter(pk__in=rows).exclude(his_version__version="11").exists()
    )
