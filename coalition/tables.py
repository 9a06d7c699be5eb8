"""Tables of the coalition app, and the column types every list shares.

The column types render a cell in the Dutch style (6-12-2026, 6-12-2026 13:30, 8.190)
and give the export the raw value (`value()`), so the xlsx holds real date and number
cells (see `coalition.exports`).
"""

from __future__ import annotations

import datetime as dt

import django_tables2 as tables
from django.utils import timezone
from django.utils.formats import date_format

from coalition.numbers import format_number


def local_day(value: dt.date | None) -> dt.date | None:
    """The Amsterdam calendar day of a date or a stored (UTC) moment; `.date()` would
    give UTC's, a day early for what happens between midnight and 1 or 2 a.m."""
    if isinstance(value, dt.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


class DateColumn(tables.Column):
    """A date (or the day of a moment) as 6-12-2026; a date cell in the export."""

    def render(self, value):
        return date_format(local_day(value), "SHORT_DATE_FORMAT")

    def value(self, value):
        return local_day(value)


class DateTimeColumn(tables.Column):
    """A moment as 6-12-2026 13:30 in Amsterdam time; a date-time cell in the export."""

    def render(self, value):
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value)
        return date_format(value, "SHORT_DATETIME_FORMAT")

    def value(self, value):
        return value


class NumberColumn(tables.Column):
    """A figure as 8.190 (right-aligned); a number cell in the export."""

    def __init__(self, *args, decimals: int = 0, **kwargs):
        self.decimals = decimals
        attrs = kwargs.pop("attrs", {})
        attrs.setdefault("td", {}).setdefault("class", "text-end")
        attrs.setdefault("th", {}).setdefault("class", "text-end")
        super().__init__(*args, attrs=attrs, **kwargs)

    def render(self, value):
        return format_number(value, self.decimals)

    def value(self, value):
        return value
