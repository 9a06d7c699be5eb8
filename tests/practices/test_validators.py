"""AGB codes and postcodes as they arrive from spreadsheets and forms."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from coalition.validators import (
    normalize_agb,
    normalize_postcode,
    validate_agb,
    validate_postcode,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("01234567", "01234567"),
        (" 01234567 ", "01234567"),
        (1234567, "01234567"),  # a spreadsheet made it a number: zero restored
        (1234567.0, "01234567"),
        ("1234567.0", "01234567"),
        (12345678, "12345678"),
    ],
)
def test_agb_codes_are_restored_to_eight_digits(raw, expected):
    assert normalize_agb(raw) == expected


@pytest.mark.parametrize(
    "raw",
    # Only the one zero a spreadsheet drops is restored: "1234" is not padded.
    [None, "", "123456789", "0123456A", 1234.5, "12 34 56", "-1234567", "1234"]
    + [34567, "123456", 1234.0],
)
def test_invalid_agb_codes(raw):
    with pytest.raises(ValidationError):
        normalize_agb(raw)


def test_the_model_validator_wants_exactly_eight_digits():
    validate_agb("01234567")
    for bad in ("1234567", "0123456A", 1234567):
        with pytest.raises(ValidationError):
            validate_agb(bad)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3011 AB", "3011 AB"),
        ("3011ab", "3011 AB"),
        (" 3011  ab ", "3011 AB"),
        ("9999ZZ", "9999 ZZ"),
    ],
)
def test_postcodes_are_stored_normalised(raw, expected):
    assert normalize_postcode(raw) == expected


@pytest.mark.parametrize(
    "raw", ["0123 AB", "301 AB", "3011 A", "3011 ABC", "AB 3011", "3011 SS", "3011 sa"]
)
def test_invalid_postcodes(raw):
    with pytest.raises(ValidationError, match="geen Nederlandse postcode"):
        normalize_postcode(raw)


def test_the_model_stores_only_the_normal_form():
    validate_postcode("3011 AB")
    with pytest.raises(ValidationError):
        validate_postcode("3011ab")
