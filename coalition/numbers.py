"""One way to round and show a number in pages, exports and PDFs.

Reports round half away from zero, as Excel's ROUND and published tables do (Python's
`round` rounds half to even: 42.5 would show as 42). Everything that shows a figure goes
through `round_half_up` and, for text, `format_number`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

Number = int | float | Decimal


def to_decimal(value: Number | str | None) -> Decimal | None:
    """A Decimal from a stored number; floats go through their shortest text (0.1 → 0.1)."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def round_half_up(value: Number | str | None, decimals: int = 0) -> Decimal | None:
    """Round half away from zero: 42.5 → 43, -42.5 → -43, 0.125 (2) → 0.13."""
    number = to_decimal(value)
    if number is None or not number.is_finite():
        return None
    exponent = Decimal(1).scaleb(-int(decimals))
    return number.quantize(exponent, rounding=ROUND_HALF_UP)


def format_number(
    value: Number | str | None,
    decimals: int = 0,
    *,
    grouping: bool = True,
    empty: str = "–",
    suffix: str = "",
) -> str:
    """Dutch text of a number with exactly `decimals` decimals: 12500 → "12.500", 2.25 → "2,3".

    The same number of decimals for every value keeps a column aligned; `empty` stands for
    a missing value (missing is never zero).
    """
    rounded = round_half_up(value, decimals)
    if rounded is None:
        return empty
    if rounded == 0:
        rounded = abs(rounded)  # no "-0"
    text = (
        f"{rounded:,.{int(decimals)}f}" if grouping else f"{rounded:.{int(decimals)}f}"
    )
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text}{suffix}"


def format_percent(value: Number | str | None, decimals: int = 0) -> str:
    """A share already in percent (54.0) as "54%"; the Dutch style writes no space."""
    return format_number(value, decimals, suffix="%")
