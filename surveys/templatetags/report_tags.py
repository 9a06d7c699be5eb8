"""Template filters of the regional report: a figure or its suppression label."""

from __future__ import annotations

import datetime as dt

from django import template

from coalition.numbers import format_number, format_percent

register = template.Library()


@register.filter
def cell(value, decimals=0) -> str:
    """A figure as Dutch text; a suppression label ("<5") stays as it is."""
    if isinstance(value, str):
        return value
    return format_number(value, int(decimals))


@register.filter
def cellpct(value, decimals=0) -> str:
    if isinstance(value, str):
        return value
    return format_percent(value, int(decimals))


@register.filter
def signed(value, decimals=0) -> str:
    """A change with its sign: +22,5 or −3."""
    if value is None or isinstance(value, str):
        return "–"
    text = format_number(abs(value), int(decimals))
    rounded = format_number(value, int(decimals))
    if rounded.strip("0,.") == "":
        return text
    return ("+" if value > 0 else "−") + text


@register.filter
def is_small(n, limit=10) -> bool:
    """A figure over fewer practices than `limit` (a hidden count is small too)."""
    if isinstance(n, str):
        return True
    return n is not None and n < int(limit)


@register.filter
def iso_date(value):
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


@register.filter
def get(mapping, key):
    return mapping.get(key) if isinstance(mapping, dict) else None
