"""Server-rendered SVG charts (matplotlib, Agg): the go-live burn-up.

Each chart is shown beside a table with its numbers, so it needs no script and reads
the same in a PDF.
"""

from __future__ import annotations

import datetime as dt

import matplotlib

from coalition.validators import PLAUSIBLE_YEARS

matplotlib.use("Agg")


from matplotlib import dates as mdates  # noqa: E402
from matplotlib import pyplot as plt  # noqa: E402
from matplotlib import ticker as mticker  # noqa: E402

from coalition.svg import cached_chart, figure_png_img, figure_svg  # noqa: E402


def plottable(day: dt.date | None) -> bool:
    """A date the chart can place: inside the plausible years. A stored 0001-01-01 or
    9999-12-31 (typing errors from before the validators) is left out, not a crash."""
    return day is not None and PLAUSIBLE_YEARS[0] <= day.year <= PLAUSIBLE_YEARS[1]


def burnup_figure(
    series: list[tuple[dt.date, int]],
    *,
    target: int,
    deadline: dt.date | None,
    expected_on: dt.date | None,
    title: str,
    labels: dict[str, str],
):
    """The burn-up as a matplotlib figure (the caller closes it).

    Dates outside the plausible years are left out of the drawing. The legend sits
    below the plot, so it never covers the target line or the last weeks.
    """
    series = [(d, n) for d, n in series if plottable(d)]
    deadline = deadline if plottable(deadline) else None
    expected_on = expected_on if plottable(expected_on) else None
    fig, ax = plt.subplots(figsize=(7.5, 4.0), dpi=96)
    xs = [d for d, _n in series]
    ys = [n for _d, n in series]
    ax.step(xs, ys, where="post", color="#0b3d6b", linewidth=2, label=labels["live"])
    if target:
        ax.axhline(
            target,
            color="#b35900",
            linestyle="--",
            linewidth=1.5,
            label=labels["target"],
        )
        ax.set_ylim(top=target * 1.08)
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
    # Whole practices: no 0.01 steps on a chart where none is live yet.
    ax.set_ylim(bottom=0, top=max(ax.get_ylim()[1], 1))
    ax.yaxis.set_major_locator(mticker.MaxNLocator(integer=True))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%Y"))
    ax.tick_params(labelsize=8)
    ax.grid(axis="y", color="#dee2e6")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    fig.legend(
        loc="lower center",
        ncol=4,
        fontsize=8,
        frameon=False,
        bbox_to_anchor=(0.5, 0.0),
    )
    return fig, ax


@cached_chart("burnup-v2")  # v2: text as text, whole practices on the axis
def burnup_svg(
    series: list[tuple[dt.date, int]],
    *,
    target: int,
    deadline: dt.date | None,
    expected_on: dt.date | None,
    title: str,
    labels: dict[str, str],
) -> str:
    """Live practices over time, the target line, the deadline and the forecast.

    Drawn once per input and cached (`coalition.svg.cached_chart`): a coalition's
    series, target, deadline and forecast for one service up to today, in the page's
    language — a rollout change (which changes the series) or a new day gives a new
    drawing, and no page can ever show a stale one.
    """
    return _draw(
        series,
        target=target,
        deadline=deadline,
        expected_on=expected_on,
        title=title,
        labels=labels,
    )


# The key holds the drawing's arguments, not figure_png_img's dpi: a new dpi needs a
# new version here.
@cached_chart("burnup-png-v1")
def burnup_png(series: list[tuple[dt.date, int]], **kwargs) -> str:
    """The same burn-up (`burnup_svg`'s arguments) as an `<img>` of a PNG (144 dpi:
    about 160 dpi where the PDF prints it), for the PDFs: WeasyPrint takes 80-150 ms
    to lay out and draw each inline SVG chart, 4-7 s of the national PDF's 19 s with
    40 coalitions, against about 40 ms to decode and re-encode an image of this size
    (issue 15). Cached as the SVG is."""
    return _draw(series, **kwargs, png=True)


def _labels(labels: dict[str, str]) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in labels.items()))


def _draw(
    series: list[tuple[dt.date, int]],
    *,
    target: int,
    deadline: dt.date | None,
    expected_on: dt.date | None,
    title: str,
    labels: dict[str, str],
    png: bool = False,
) -> str:
    title, labels = str(title), dict(_labels(labels))
    fig, _ax = burnup_figure(
        series,
        target=target,
        deadline=deadline,
        expected_on=expected_on,
        title=title,
        labels=labels,
    )
    try:
        return figure_png_img(fig, label=title) if png else figure_svg(fig, label=title)
    finally:
        plt.close(fig)
