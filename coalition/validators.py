"""Validators every app shares: plausible dates, and the Dutch identifiers (AGB codes,
postcodes) as practices appear in forms and spreadsheets.

A deadline of 0001-01-01 or a session in 9999 is a typing error, and once stored it breaks
charts and date arithmetic on pages everyone uses. Forms, imports and models all refuse
dates outside `PLAUSIBLE_YEARS` with the same message. The registry and the answer
import read AGB codes with the same rule, so one code never means two practices.
"""

from __future__ import annotations

import datetime as dt
import re

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


# --- Dutch identifiers ----------------------------------------------------------------

AGB_LENGTH = 8
POSTCODE_RE = re.compile(r"^([1-9][0-9]{3})\s*([A-Za-z]{2})$")
# PostNL does not hand out these letter combinations.
POSTCODE_FORBIDDEN_LETTERS = {"SA", "SD", "SS"}


def normalize_agb(value: object) -> str:
    """Return the 8-digit AGB code.

    A spreadsheet that read the code as a number dropped its leading zero
    (01234567 → 1234567, sometimes 1234567.0): that one zero is restored. Any other
    length is an error (padding "1234" would invent a code).
    """
    if value is None:
        raise ValidationError(_("De AGB-code ontbreekt."), code="required")
    if isinstance(value, float):
        if not value.is_integer():
            raise ValidationError(_("Een AGB-code is een geheel getal van 8 cijfers."))
        value = int(value)
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if not text:
        raise ValidationError(_("De AGB-code ontbreekt."), code="required")
    if not text.isdigit() or len(text) not in (AGB_LENGTH - 1, AGB_LENGTH):
        raise ValidationError(
            _("‘%(value)s’ is geen AGB-code: verwacht worden 8 cijfers."),
            params={"value": text},
            code="invalid_agb",
        )
    return text.zfill(AGB_LENGTH)


def validate_agb(value: str) -> None:
    if not (isinstance(value, str) and len(value) == AGB_LENGTH and value.isdigit()):
        raise ValidationError(
            _("‘%(value)s’ is geen AGB-code: verwacht worden 8 cijfers."),
            params={"value": value},
            code="invalid_agb",
        )


def normalize_postcode(value: object) -> str:
    """Return a Dutch postcode as `1234 AB`."""
    text = "" if value is None else str(value).strip()
    match = POSTCODE_RE.match(text)
    if not match or match.group(2).upper() in POSTCODE_FORBIDDEN_LETTERS:
        raise ValidationError(
            _("‘%(value)s’ is geen Nederlandse postcode (zoals 3011 AB)."),
            params={"value": text},
            code="invalid_postcode",
        )
    return f"{match.group(1)} {match.group(2).upper()}"


def validate_postcode(value: str) -> None:
    if normalize_postcode(value) != value:
        raise ValidationError(
            _("Sla de postcode op als ‘1234 AB’."), code="invalid_postcode"
        )
