"""Server-rendered SVG charts (matplotlib, Agg): the go-live burn-up.

Each chart is shown beside a table with its numbers, so it needs no script and reads
the same in a PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import matplotlib
from django.utils.html import escape

matplotlib.use("Agg")

from matplotlib import dates as mdates  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402

from coalition.svg import csp_safe_svg  # noqa: E402


def burnup_svg(
    series: list[tuple[dt.date, int]],
    *,
    target: int,
    deadline: dt.date | None,
    expected_on: dt.date | None,
    title: str,
    labels: dict[str, str],
) -> str:
    """Live practices over time, the target line, the deadline and the forecast."""
    fig, ax = plt.subplots(figsize=(7.5, 3.6), dpi=96)
    try:
        xs = [d for d, _n in series]
        ys = [n for _d, n in series]
        ax.step(
            xs, ys, where="post", color="#0b3d6b", linewidth=2, label=labels["live"]
        )
        if target:
            ax.axhline(
                target,
                color="#b35900",
                linestyle="--",
                linewidth=1.5,
                label=labels["target"],
            )
        if deadline:
            ax.axvline(
                deadline,
                color="#6c757d",
                linestyle=":",
                linewidth=1.5,
                label=labels["deadline"],
            )
        if expected_on and xs and target:
            ax.plot(
                [xs[-1], expected_on],
                [ys[-1], target],
                color="#198754",
                linestyle="-.",
                linewidth=1.5,
                label=labels["forecast"],
            )
        ax.set_title(title, fontsize=11)
        ax.set_ylim(bottom=0)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%Y"))
        ax.grid(axis="y", color="#dee2e6")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.legend(loc="upper left", fontsize=8, frameon=False)
        fig.autofmt_xdate()
        fig.tight_layout()
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    finally:
        plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    head, rest = svg.split(">", 1)
    # Scale with the column (the viewBox keeps the proportions); the table beside the
    # chart carries the numbers for screen readers.
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    label = escape(title)
    return csp_safe_svg(
        f'{head} role="img" aria-label="{label}" style="width:100%;height:auto">{rest}'
    )
