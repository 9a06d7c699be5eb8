"""The burn-up is drawn once per input (issue 15): the same series comes from the
cache, a changed rollout (a changed series) or another day is drawn anew."""

from __future__ import annotations

import datetime as dt

import pytest

from practices import charts

LABELS = {"live": "live", "target": "doel", "deadline": "deadline", "forecast": "x"}


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _svg(series):
    return charts.burnup_svg(
        series,
        target=20,
        deadline=dt.date(2026, 7, 1),
        expected_on=dt.date(2026, 6, 1),
        title="Praktijken live",
        labels=LABELS,
    )


def test_same_input_is_drawn_once(monkeypatch):
    drawn = []
    real = charts.burnup_figure

    def counting(*args, **kwargs):
        drawn.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(charts, "burnup_figure", counting)
    series = [(dt.date(2026, 1, 5), 3), (dt.date(2026, 2, 2), 9)]
    first = _svg(series)
    assert _svg(series) == first
    assert len(drawn) == 1

    # A practice went live (the series changed): a new drawing, not the cached one.
    changed = _svg([(dt.date(2026, 1, 5), 3), (dt.date(2026, 2, 2), 10)])
    assert changed != first
    assert len(drawn) == 2

    # The next day adds a point: drawn again.
    _svg([*series, (dt.date(2026, 2, 9), 9)])
    assert len(drawn) == 3
