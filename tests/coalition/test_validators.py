from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from coalition.validators import validate_plausible_date


@pytest.mark.parametrize(
    "value", [dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1999, 12, 31)]
)
def test_implausible_dates_are_refused_with_the_range(value):
    with pytest.raises(ValidationError) as caught:
        validate_plausible_date(value)
    assert caught.value.code == "implausible_date"
    assert "2000" in str(caught.value) and "2100" in str(caught.value)


@pytest.mark.parametrize(
    "value",
    [
        None,
        dt.date(2000, 1, 1),
        dt.date(2100, 12, 31),
        dt.datetime(2026, 11, 27, 13, 30, tzinfo=dt.UTC),
    ],
)
def test_plausible_dates_pass(value):
    validate_plausible_date(value)
