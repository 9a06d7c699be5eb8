"""Answers shown the Dutch way: 12.500 and 2,5 on the page, 12500 and 2,5 in an input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from coalition.numbers import round_half_up
from surveys.models import Question

register = template.Library()


def _plain(value: Decimal, grouping: bool) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        text = f"{int(value):,}" if grouping else str(int(value))
        return text.replace(",", ".")
    text = f"{value.normalize():,f}" if grouping else f"{value.normalize():f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


@register.filter
def nl_number(value, decimals=None) -> str:
    if value is None or value == "":
        return "–"
    value = Decimal(str(value))
    if decimals is not None:
        value = round_half_up(value, int(decimals))  # half away from zero
    return _plain(value, grouping=True)


@register.filter
def input_value(f) -> str:
    """What the input shows: what was typed when it did not validate, else the answer."""
    if f.raw is not None:
        return f.raw
    value = f.value
    if value is None:
        return ""
    if f.question.kind in Question.NUMERIC:
        return _plain(value, grouping=False)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@register.filter
def display_value(value, question) -> str:
    if value is None or value == "" or value == []:
        return "–"
    kind = question.kind
    if kind == Question.Kind.YES_NO:
        return _("ja") if value else _("nee")
    if kind in Question.NUMERIC:
        text = _plain(value, grouping=True)
        return f"{text} {question.unit}".strip() if question.unit != "%" else f"{text}%"
    if kind == Question.Kind.DATE:
        return date_format(value, "DATE_FORMAT")
    labels = {str(v): label for v, label in question.choices or []}
    if kind == Question.Kind.MULTIPLE:
        return ", ".join(labels.get(v, v) for v in value)
    if kind == Question.Kind.SINGLE:
        return labels.get(value, value)
    return str(value)


@register.filter
def is_chosen(f, choice_value) -> bool:
    value = f.value
    if f.raw is not None:
        return False
    if isinstance(value, list):
        return str(choice_value) in value
    return str(value) == str(choice_value)


@register.filter
def form_value(value, question) -> str:
    """A stored value as the form's controls hold it (for ‘take the other answer’)."""
    if value is None or value == []:
        return ""
    kind = question.kind
    if kind == Question.Kind.YES_NO:
        return "ja" if value else "nee"
    if kind in Question.NUMERIC:
        return _plain(value, grouping=False)
    if kind == Question.Kind.MULTIPLE:
        return ";".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@register.simple_tag
def survey_errors(state) -> list[tuple[str, str, str]]:
    """(control id, question, error) of each answer that came back wrong, for the
    shared error summary (coalition/includes/error_summary.html)."""
    out = []
    for section in state.sections:
        for f in section.fields:
            if not f.error or f.hidden:
                continue
            q = f.question
            suffix = {"yes_no": "-ja", "multiple": "-1"}.get(q.kind, "")
            out.append((f"q-{q.code}{suffix}", q.text, str(f.error)))
    return out
