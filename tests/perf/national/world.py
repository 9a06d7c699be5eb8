"""What the national data set is built to: its constants, its sizes per coalition, and
the `World` of ids the benchmark finds again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SLUG_PREFIX = "nl-bench-"
LEAD_COALITION_SIZE = 400
TODAY = dt.date(2026, 6, 15)
YEARS = range(2021, 2026)
PASSWORD = "bench-wachtwoord-15"


@dataclass
class World:
    """What the page benchmark needs to find again (ids, not objects)."""

    scale: float
    n_practices: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    users: dict[str, int] = field(default_factory=dict)
    lead_coalition: int = 0
    small_coalition: int = 0
    practice: int = 0
    vendor: int = 0
    questionnaire: int = 0
    open_questionnaire: int = 0
    response: int = 0
    session: int = 0
    course: int = 0
    visit: int = 0
    bottleneck: int = 0
    funder: int = 0
    public_practice: int = 0
    seconds: float = 0.0


def _sizes(scale: float) -> list[int]:
    """Practices per coalition: the first one 400, the rest share the remainder."""
    total = round(5_000 * scale)
    n_coalitions = max(2, round(40 * scale))
    first = min(LEAD_COALITION_SIZE, total // 2)
    rest = total - first
    per, extra = divmod(rest, n_coalitions - 1)
    return [first] + [per + (i < extra) for i in range(n_coalitions - 1)]
