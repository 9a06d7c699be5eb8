"""Date formats of the platform (``FORMAT_MODULE_PATH``): one Dutch style everywhere.

In tables a date is 6-12-2026 and a moment 6-12-2026 13:30 (``SHORT_DATE_FORMAT``,
``SHORT_DATETIME_FORMAT``); in running text 6 dec. 2026 (``DATE_FORMAT``) and
6 dec. 2026 13:30 (``DATETIME_FORMAT``). Templates use these names, never a literal
format: ``{{ day|date:"DATE_FORMAT" }}``.

Django's Dutch catalogue writes the abbreviated month of ``N`` without its full stop
("dec"); `install_month_abbreviations` gives it the Dutch spelling (jan., mrt., mei,
dec.) while Dutch is active, and leaves every other language as it was.
"""

from __future__ import annotations

from django.utils import dates
from django.utils.functional import lazy
from django.utils.translation import get_language

DUTCH_MONTHS_AP = {
    1: "jan.",
    2: "feb.",
    3: "mrt.",
    4: "apr.",
    5: "mei",
    6: "jun.",
    7: "jul.",
    8: "aug.",
    9: "sep.",
    10: "okt.",
    11: "nov.",
    12: "dec.",
}


def _month_ap(month: int, original) -> str:
    language = (get_language() or "").split("-")[0]
    return DUTCH_MONTHS_AP[month] if language == "nl" else str(original)


_installed = False


def install_month_abbreviations() -> None:
    """Make date format ``N`` give "dec." in Dutch (idempotent). The dict is changed in
    place: `django.utils.dateformat` holds a reference to it."""
    global _installed
    if _installed:
        return
    for month, original in list(dates.MONTHS_AP.items()):
        dates.MONTHS_AP[month] = lazy(_month_ap, str)(month, original)
    _installed = True
