"""What a vendor reads of a bottleneck: its description without personal data."""

from __future__ import annotations

import re
from collections.abc import Iterable

from practices.visits.models import (
    Bottleneck,
    CoalitionReply,
)

# --- description without personal data ------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(\+31|0031|0)[\s-]?\d([\s-]?\d){7,9}(?!\d)")
# A BSN or any other long number (patient numbers, AGB codes): eight digits or more.
_LONG_NUMBER = re.compile(r"(?<!\d)\d{8,}(?!\d)")
_DATE = re.compile(r"(?<!\d)\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)")
_POSTCODE = re.compile(r"(?<![\w])\d{4}\s?[A-Z]{2}(?![\w])")
REDACTED = "[…]"


def redact(text: str, *, names: Iterable[str] = ()) -> str:
    """The text without what could identify a person or a practice: e-mail addresses,
    phone numbers, long numbers (BSN, AGB), dates, postcodes and the given names (the
    practice, the people who reported and passed it on)."""
    out = text or ""
    for pattern in (_EMAIL, _PHONE, _LONG_NUMBER, _DATE, _POSTCODE):
        out = pattern.sub(REDACTED, out)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) > 2}, key=len)[
        ::-1
    ]:
        out = re.sub(re.escape(name), REDACTED, out, flags=re.IGNORECASE)
    return out


def _names_of(bottleneck: Bottleneck) -> list[str]:
    names = [bottleneck.practice.name, bottleneck.practice.street]
    for user in (bottleneck.raised_by, bottleneck.passed_on_by):
        if user is not None:
            names += [user.get_full_name(), user.first_name, user.last_name]
    return names


def vendor_description(bottleneck: Bottleneck) -> str:
    """What a vendor reads of a bottleneck's description (and of the lead's note)."""
    return redact(bottleneck.description, names=_names_of(bottleneck))


def vendor_note(bottleneck: Bottleneck) -> str:
    return redact(bottleneck.pass_on_note, names=_names_of(bottleneck))


def vendor_reply_text(reply: CoalitionReply) -> str:
    """What a vendor reads of the coalition's reply: the same rule as the description,
    and the name of the lead who wrote it goes too."""
    names = _names_of(reply.bottleneck)
    if reply.author is not None:
        names += [
            reply.author.get_full_name(),
            reply.author.first_name,
            reply.author.last_name,
        ]
    return redact(reply.text, names=names)
