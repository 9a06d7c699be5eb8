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


@pytest.fixture
def drawn(monkeypatch) -> list:
    """The series of every drawing made (matplotlib runs), in order."""
    made = []
    real = charts.burnup_figure

    def counting(*args, **kwargs):
        made.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(charts, "burnup_figure", counting)
    return made


def _svg(series):
    return charts.burnup_svg(
        series,
        target=20,
        deadline=dt.date(2026, 7, 1),
        expected_on=dt.date(2026, 6, 1),
        title="Praktijken live",
        labels=LABELS,
    )


def test_same_input_is_drawn_once(drawn):
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


def test_the_pdf_image_and_the_page_svg_are_kept_apart(drawn):
    """The same input as SVG (the page) and as PNG (the PDF): two drawings, each
    cached under its own key, never one answered for the other."""
    series = [(dt.date(2026, 1, 5), 3), (dt.date(2026, 2, 2), 9)]
    kwargs = {
        "target": 20,
        "deadline": dt.date(2026, 7, 1),
        "expected_on": dt.date(2026, 6, 1),
        "title": "Praktijken <live>",
        "labels": LABELS,
    }
    svg = charts.burnup_svg(series, **kwargs)
    png = charts.burnup_png(series, **kwargs)
    assert svg.startswith("<svg") and png.startswith('<img src="data:image/png;base64,')
    assert 'alt="Praktijken &lt;live&gt;"' in png
    assert charts.burnup_png(series, **kwargs) == png
    assert charts.burnup_svg(series, **kwargs) == svg
    assert len(drawn) == 2
