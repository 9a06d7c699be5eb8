"""Small cells stay inside the coalition.

A count of practices below `REPORT_MIN_CELL` is shown as "<5" in anything that leaves the
coalition. Where the total of a column is shown, one hidden cell could be recovered by
subtraction (total − the others), so a second cell is hidden with it: the smallest of
the cells still shown (complementary suppression).
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_MIN_CELL = 5


def min_cell() -> int:
    return int(getattr(settings, "REPORT_MIN_CELL", DEFAULT_MIN_CELL))


def suppressed_cells(
    counts: list[int], *, limit: int, total_shown: bool = True
) -> set[int]:
    """The indexes of `counts` to hide: every cell under `limit`, plus, when the total
    is shown and exactly one cell would be hidden, the smallest other cell."""
    hidden = {i for i, n in enumerate(counts) if n < limit}
    if total_shown and len(hidden) == 1 and len(counts) > 1:
        rest = [(counts[i], i) for i in range(len(counts)) if i not in hidden]
        hidden.add(min(rest)[1])
    return hidden


def small_label(limit: int) -> str:
    return f"<{limit}"
