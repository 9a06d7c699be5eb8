"""Server-rendered SVG that the Content-Security-Policy lets through as it is (and,
for the PDFs, the same drawings as PNG images: `figure_png_img`).

matplotlib writes its colours and lines as `style="…"` attributes and a `<style>`
element; the CSP allows no inline styles (style-src without 'unsafe-inline'). SVG takes
the same properties as presentation attributes, which no CSP governs.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
import io
import re
from collections.abc import Callable
from decimal import Decimal

from django.core.cache import cache
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.translation import get_language

CHART_CACHE_SECONDS = 24 * 60 * 60

_STYLE_ELEMENT = re.compile(r"<style\b[^>]*>(.*?)</style>\s*", re.DOTALL)
_STYLE_ATTR = re.compile(r'\sstyle="([^"]*)"')
_NAME = re.compile(r"^[a-z-]+$")


_FONT = re.compile(
    r"^(?:(?P<style>italic|oblique)\s+)?(?:(?P<weight>bold|normal|\d{3})\s+)?"
    r"(?P<size>[\d.]+(?:px|pt|em)?)\s+(?P<family>.+)$"
)


def _declarations(declarations: str):
    for declaration in declarations.split(";"):
        name, _sep, value = declaration.partition(":")
        name, value = name.strip().lower(), value.strip()
        if name == "font" and (match := _FONT.match(value)):
            # The shorthand is no presentation attribute; its parts are.
            for part, part_value in match.groupdict().items():
                if part_value:
                    yield f"font-{part}", part_value
        elif name and value and _NAME.match(name) and value != "auto":
            yield name, value


def _attributes(declarations: str) -> str:
    return "".join(
        f' {name}="{value.replace(chr(34), "&quot;")}"'
        for name, value in _declarations(declarations)
    )


def csp_safe_svg(svg: str) -> str:
    """Style attributes become presentation attributes; the `<style>` element's rules
    for every element (`*{…}`) move to the root, which passes them on."""
    inherited = ""
    for rules in _STYLE_ELEMENT.findall(svg):
        match = re.search(r"\*\s*\{([^}]*)\}", rules)
        if match:
            inherited += _attributes(match.group(1))
    svg = _STYLE_ELEMENT.sub("", svg)
    svg = _STYLE_ATTR.sub(lambda m: _attributes(m.group(1)), svg)
    if inherited:
        svg = svg.replace("<svg", f"<svg{inherited}", 1)
    return svg


def figure_svg(fig, *, label: str) -> str:
    """A matplotlib figure as inline SVG for a page or a PDF, labelled and CSP-safe.

    Text stays text (`svg.fonttype` "none") instead of a path per glyph: a chart is
    half the size, selectable, and WeasyPrint lays a PDF of 40 burn-ups out in half the
    time (issue 13's national PDF). No metadata, no fixed size: the viewBox scales the
    chart to its column; the table beside it carries the numbers for screen readers.
    """
    import matplotlib

    buffer = io.StringIO()
    # The ids of clip paths and markers stay random per drawing (no svg.hashsalt): a
    # page that shows 40 charts inline needs each chart's ids to be its own.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.DOTALL)
    head, rest = svg.split(">", 1)
    head = re.sub(r'\s(width|height)="[^"]*"', "", head)
    return csp_safe_svg(
        f'{head} role="img" aria-label="{escape(label)}" '
        f'style="width:100%;height:auto">{rest}'
    )


def figure_png_img(fig, *, label: str, dpi: int = 144) -> str:
    """A matplotlib figure as an `<img>` of an inline PNG (a data URI), for a PDF:
    the same drawing as `figure_svg`, which WeasyPrint draws many times slower. The
    alt text is the label; the table beside the chart carries the numbers."""
    from PIL import Image

    drawn = io.BytesIO()
    fig.savefig(drawn, format="png", dpi=dpi, metadata={"Software": None})
    # Without the alpha channel matplotlib writes (the chart is opaque): no mask
    # beside each image in the PDF.
    buffer = io.BytesIO()
    Image.open(drawn).convert("RGB").save(buffer, format="PNG", optimize=True)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{data}" alt="{escape(label)}" '
        'class="chart-img">'
    )


def _stable(value: object) -> object:
    """The value as plain data whose `repr` is the same in every process."""
    if value is None or isinstance(value, (bool, int, float, str, dt.date, Decimal)):
        return value
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _stable(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_stable(v) for v in value)
    raise TypeError(f"no stable cache key for {type(value).__name__}")


def cached_chart(prefix: str) -> Callable[[Callable[..., str]], Callable[..., str]]:
    """Draw a chart once per distinct input and keep the drawing (SVG, or the PNG
    `<img>` of the PDFs) in the cache.

    matplotlib takes 50–500 ms per drawing, on every request of a page that shows one
    (issue 15). The key is the drawing's whole input — its arguments and the page's
    language — so new figures give a new drawing and no page can show a stale one.
    The arguments are numbers, strings (lazy ones too), dates, and lists, tuples and
    dicts of them; anything else is a TypeError rather than a key that never repeats."""

    def decorate(draw: Callable[..., str]) -> Callable[..., str]:
        @functools.wraps(draw)
        def cached(*args, **kwargs) -> str:
            given = repr(_stable((args, kwargs, get_language())))
            key = f"chart:{prefix}:" + hashlib.sha256(given.encode()).hexdigest()
            svg = cache.get(key)
            if svg is None:
                svg = draw(*args, **kwargs)
                cache.set(key, svg, CHART_CACHE_SECONDS)
            return svg

        cached.uncached = draw
        return cached

    return decorate
