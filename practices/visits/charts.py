"""Server-rendered SVG charts of bottlenecks (matplotlib, Agg): the same picture on the
page and in a PDF, always shown beside a table with its numbers."""

from __future__ import annotations

from django.utils.translation import gettext
from matplotlib.figure import Figure

from coalition.svg import cached_chart, figure_svg

COLOURS = ["#0d6efd", "#6f42c1", "#d63384", "#fd7e14", "#20c997", "#6c757d"]


@cached_chart("bottlenecks-per-quarter-v2")  # v2: text as text
def bottlenecks_per_quarter_svg(summary: dict, *, title: str) -> str:
    """Stacked bars: bottlenecks raised per quarter, by category."""
    periods = summary["periods"]
    keys = summary["period_keys"]
    fig = Figure(figsize=(7.5, 3.4), dpi=100)
    ax = fig.subplots()
    bottom = [0] * len(periods)
    for i, (code, label) in enumerate(summary["categories"]):
        values = [summary["by_period"][k].get(code, 0) for k in keys]
        if not any(values):
            continue
        ax.bar(
            periods,
            values,
            bottom=bottom,
            label=str(label),
            color=COLOURS[i % len(COLOURS)],
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.set_title(title, fontsize=10)
    ax.set_ylabel(gettext("aantal"))
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    if any(bottom):
        ax.legend(fontsize=7, frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    fig.tight_layout()
    return figure_svg(fig, label=title)
