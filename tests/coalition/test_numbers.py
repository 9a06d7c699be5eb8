"""Rounding half away from zero and the Dutch number text, used by every page and export."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template

from coalition.numbers import format_number, format_percent, round_half_up


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (42.5, 0, Decimal("43")),
        (43.5, 0, Decimal("44")),
        (-42.5, 0, Decimal("-43")),
        (0.125, 2, Decimal("0.13")),
        (
            2.675,
            2,
            Decimal("2.68"),
        ),  # the float is 2.67499…; its shortest text is 2.675
        (Decimal("1.05"), 1, Decimal("1.1")),
        (7, 1, Decimal("7.0")),
        (None, 0, None),
        (float("nan"), 0, None),
    ],
)
def test_round_half_up(value, decimals, expected):
    assert round_half_up(value, decimals) == expected
    if expected is not None:
        assert str(round_half_up(value, decimals)) == str(expected)


def test_python_round_would_have_been_wrong():
    """The defect this replaces: Python's round gives 42 for 42.5."""
    assert round(42.5) == 42
    assert format_number(42.5) == "43"


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (12500, 0, "12.500"),
        (1234567.891, 2, "1.234.567,89"),
        (2.25, 1, "2,3"),
        (54, 1, "54,0"),
        (-0.04, 1, "0,0"),
        (None, 0, "–"),
        ("", 1, "–"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_without_grouping_and_percent():
    assert format_number(12500, 0, grouping=False) == "12500"
    assert format_percent(42.5) == "43%"
    assert format_percent(None) == "–"


def test_template_filters():
    html = Template("{% load numbers %}{{ a|number:1 }} {{ b|percent }}").render(
        Context({"a": 1234.25, "b": 42.5})
    )
    assert html == "1.234,3 43%"
