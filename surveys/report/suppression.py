"""Small cells stay inside the coalition.

A count of practices below `REPORT_MIN_CELL` is shown as "<5" in anything that leaves the
coalition. Where the total of a column is shown, hidden cells could be recovered by
subtraction (total − the others), so more cells are hidden with them, the smallest
shown first (complementary suppression), until what subtraction gives is no small cell;
where even that is not enough (a single group, a small total) the total goes too.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT_MIN_CELL = 5


def min_cell() -> int:
    return int(getattr(settings, "REPORT_MIN_CELL", DEFAULT_MIN_CELL))


def suppressed_cells(
    counts: list[int],
    *,
    limit: int,
    total_shown: bool = True,
    force: set[int] | frozenset[int] = frozenset(),
) -> set[int]:
    """The indexes of `counts` to hide: every cell under `limit` (and those in `force`),
    plus, when the total is shown, complementary cells: the total minus the shown cells
    gives the hidden cells' sum, so more cells (the smallest shown first) are hidden
    until that sum is no small cell either and covers at least two cells — or every cell
    is hidden. (Where every cell is hidden and the total itself is small, the total must
    go too: `total_suppressed`.)"""
    hidden = {i for i, n in enumerate(counts) if n < limit} | set(force)
    if not total_shown or not hidden:
        return hidden
    while True:
        shown = [i for i in range(len(counts)) if i not in hidden]
        if not shown:
            return hidden
        if len(hidden) >= 2 and sum(counts[i] for i in hidden) >= limit:
            return hidden
        hidden.add(min(shown, key=lambda i: (counts[i], i)))


def total_suppressed(counts: list[int], *, limit: int) -> bool:
    """The total of a breakdown is itself a small cell when some cell is hidden and all
    of them add up to less than `limit` (a breakdown with one group: the total is that
    group) — showing it would give the hidden figure away."""
    return any(n < limit for n in counts) and sum(counts) < limit


def small_label(limit: int) -> str:
    return f"<{limit}"
