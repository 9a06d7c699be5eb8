"""What the demo-region tests (test_demo.py) record of a load and compare between two:
the load's output and log records, and every app's rows by count and by value."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps


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
