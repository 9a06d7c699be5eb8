"""Year-on-year line charts as small hand-built SVG: no script, the same in the PDF.

Each chart stands beside a table with its numbers and carries a text alternative
(`<title>` and `<desc>`). Missing or suppressed years break the line: missing is not 0.
"""

from __future__ import annotations

import math

from django.utils.html import escape
from django.utils.translation import gettext as _

from coalition.numbers import format_number

WIDTH, HEIGHT = 480, 200
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 32


def text_alternative(series: dict) -> str:
    parts = [
        f"{p['year']}: "
        + (
            format_number(p["value"], series["decimals"])
            if p["value"] is not None
            else _("geen waarde")
        )
        for p in series["points"]
    ]
    return (
        f"{series['label']} ({series['unit']}) "
        + _("per jaar")
        + ": "
        + "; ".join(parts)
    )


def _nice_top(high: float) -> float:
    """The axis top above `high`: 1, 2, 2.5 or 5 times a power of ten."""
    if high <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(high))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= high * 1.05:
            return step * power
    return 10 * power


def line_svg(series: dict, *, chart_id: str) -> str:
    points = series["points"]
    values = [p["value"] for p in points if p["value"] is not None]
    top = _nice_top(max(values) if values else 0.0)
    n = len(points)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x(i: int) -> float:
        return LEFT + (plot_w * (i + 0.5) / n if n else 0)

    def y(v: float) -> float:
        return TOP + plot_h * (1 - max(v, 0) / top)

    title = escape(series["label"])
    desc = escape(text_alternative(series))
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'class="report-chart">',
        f'<title id="{chart_id}-t">{title}</title>',
        f'<desc id="{chart_id}-d">{desc}</desc>',
    ]
    for frac in (0, 0.5, 1):
        gy = TOP + plot_h * (1 - frac)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{gy:.1f}" y2="{gy:.1f}" '
            'stroke="#dee2e6" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{LEFT - 6}" y="{gy + 4:.1f}" text-anchor="end" '
            f'font-size="11" fill="#495057">'
            f"{escape(format_number(top * frac, series['decimals']))}</text>"
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, p in enumerate(points):
        if p["value"] is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{x(i):.1f},{y(p['value']):.1f}")
    if segment:
        segments.append(segment)
    for seg in segments:
        out.append(
            f'<polyline fill="none" stroke="#0b3d6b" stroke-width="2.5" '
            f'points="{" ".join(seg)}"/>'
        )
    for i, p in enumerate(points):
        out.append(
            f'<text x="{x(i):.1f}" y="{HEIGHT - 10}" text-anchor="middle" '
            f'font-size="11" fill="#212529">{escape(p["year"])}</text>'
        )
        if p["value"] is not None:
            out.append(
                f'<circle cx="{x(i):.1f}" cy="{y(p["value"]):.1f}" r="3.5" '
                'fill="#0b3d6b"/>'
            )
            out.append(
                f'<text x="{x(i):.1f}" y="{y(p["value"]) - 8:.1f}" '
                f'text-anchor="middle" font-size="11" fill="#0b3d6b">'
                f"{escape(format_number(p['value'], series['decimals']))}</text>"
            )
    out.append("</svg>")
    return "".join(out)
