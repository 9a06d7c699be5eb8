"""Validators every app shares: a stored date must be a plausible one.

A deadline of 0001-01-01 or a session in 9999 is a typing error, and once stored it breaks
charts and date arithmetic on pages everyone uses. Forms, imports and models all refuse
dates outside `PLAUSIBLE_YEARS` with the same message.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

PLAUSIBLE_YEARS = (2000, 2100)


@deconstructible
class PlausibleDateValidator:
    """Refuse a date or moment outside the years 2000–2100 (inclusive)."""

    message = _(
        "Vul een datum tussen %(first)s en %(last)s in; %(value)s ligt daarbuiten."
    )
    code = "implausible_date"

    def __call__(self, value: dt.date | dt.datetime | None) -> None:
        if value is None:
            return
        first, last = PLAUSIBLE_YEARS
        if not first <= value.year <= last:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"first": first, "last": last, "value": value.year},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlausibleDateValidator)


validate_plausible_date = PlausibleDateValidator()
