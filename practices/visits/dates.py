"""Calendar arithmetic for the yearly rule (no third-party date library needed)."""

from __future__ import annotations

import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier); the 31st becomes the month's last day.

    Past year 9999 (or before year 1) the answer is the calendar's last (first) day.
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    # A stored date at the edge of the calendar (written around the validators) must
    # not break a page: beyond the last or first representable day, stop there.
    if year > dt.MAXYEAR:
        return dt.date.max
    if year < dt.MINYEAR:
        return dt.date.min
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def parse_month(value: str) -> dt.date | None:
    """'2026-12' → 1 December 2026; None when it is not a month.

    Years outside 1900–2999 are not a month either: a calendar at year 1 or 9999 has
    no previous or next month (date arithmetic would fail).
    """
    try:
        year, month = (int(part) for part in value.split("-", 1))
        if not 1900 <= year <= 2999:
            return None
        return dt.date(year, month, 1)
    except (ValueError, TypeError):
        return None


def workdays(first: dt.date, *, not_before: dt.date | None = None) -> list[dt.date]:
    """Monday to Friday of the month of `first`, from `not_before` on."""
    days = []
    day = month_start(first)
    while day.month == first.month:
        if day.weekday() < 5 and (not_before is None or day >= not_before):
            days.append(day)
        day += dt.timedelta(days=1)
    return days
