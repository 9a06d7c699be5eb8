"""Template filters for figures: `{{ value|number:1 }}`, `{{ share|percent }}`."""

from __future__ import annotations

from django import template

from coalition.numbers import format_number, format_percent

register = template.Library()


@register.filter
def number(value, decimals=0) -> str:
    return format_number(value, int(decimals))


@register.filter
def percent(value, decimals=0) -> str:
    return format_percent(value, int(decimals))
