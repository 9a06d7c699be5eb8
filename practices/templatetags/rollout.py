"""`{{ state|state_badge }}`: a deadline state as the badge the practice list shows.

One function call per cell, where an include per cell (its own template, context push
and lazy label) was most of the member matrix's time: 800 cells (issue 15).
"""

from __future__ import annotations

from django import template

from practices.tables import state_badge as _state_badge

register = template.Library()


@register.filter
def state_badge(value: str | None):
    return _state_badge(value)
