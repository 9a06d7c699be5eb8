"""The snapshot kept with a held visit: what the practice looked like on the day
(rollout, training coverage, questionnaire figures), read from each app's selectors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from django.utils.functional import Promise

from practices import selectors as practice_selectors
from practices.visits.models import (
    Visit,
)
from surveys import selectors as survey_selectors
from training import selectors as training_selectors

if TYPE_CHECKING:
    from practices.models import Practice


# --- the snapshot ---------------------------------------------------------------------

# The parts of a snapshot and the selector each comes from (the other apps' read
# functions, imported like any other module).
SNAPSHOT_SOURCES: dict[str, Callable[[Practice], Any]] = {
    "rollout": practice_selectors.rollout_matrix,
    "training": training_selectors.coverage_for_practice,
    "survey": survey_selectors.latest_figures_for_practice,
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, Promise):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def snapshot_build(practice: Practice) -> dict:
    """The practice as it is now: rollout matrix, training coverage, latest figures.

    A source that fails raises: a visit report saved with a part silently missing
    would be worse than one that is not saved.
    """
    parts: dict[str, Any] = {
        part: _jsonable(source(practice)) for part, source in SNAPSHOT_SOURCES.items()
    }
    parts["taken_at"] = timezone.now().isoformat()
    return parts


def _take_snapshot(visit: Visit) -> None:
    visit.snapshot = snapshot_build(visit.practice)
    visit.snapshot_taken_at = timezone.now()
