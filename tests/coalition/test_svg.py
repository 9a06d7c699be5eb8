"""Server-rendered charts pass the strict CSP: no style attributes or elements."""

from __future__ import annotations

from coalition.svg import csp_safe_svg

MATPLOTLIB_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 460 345" \
style="width:100%;height:auto">
 <defs>
  <style type="text/css">*{stroke-linejoin: round; stroke-linecap: butt}</style>
 </defs>
 <g id="patch_1"><path d="M 0 345 L 460 345" style="fill: #ffffff; stroke: none"/></g>
 <text style="font: 10px 'DejaVu Sans'; text-anchor: middle">a</text>
</svg>"""


def test_styles_become_presentation_attributes():
    svg = csp_safe_svg(MATPLOTLIB_SVG)
    assert "style" not in svg
    assert '<path d="M 0 345 L 460 345" fill="#ffffff" stroke="none"/>' in svg
    assert svg.startswith('<svg stroke-linejoin="round" stroke-linecap="butt"')
    assert ' width="100%"' in svg
    assert 'text-anchor="middle"' in svg
    assert 'font-size="10px" font-family="\'DejaVu Sans\'"' in svg


def test_go_live_chart_has_no_inline_style():
    import datetime as dt

    from practices.charts import burnup_svg

    svg = burnup_svg(
        [(dt.date(2026, 1, 5), 3), (dt.date(2026, 2, 2), 9)],
        target=20,
        deadline=dt.date(2026, 7, 1),
        expected_on=dt.date(2026, 6, 1),
        title="Praktijken live",
        labels={
            "live": "live",
            "target": "doel",
            "deadline": "deadline",
            "forecast": "verwachting",
        },
    )
    assert "<svg" in svg
    assert "style=" not in svg and "<style" not in svg


def test_a_cached_chart_is_drawn_once_per_input_and_language(settings):
    """coalition.svg.cached_chart keys on the whole input (issue 15): lazy strings by
    their text (their repr names a memory address, which would never repeat), the
    language of the page, and refuses arguments without a stable form."""
    import datetime as dt

    import pytest
    from django.core.cache import cache
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    from coalition.svg import cached_chart

    cache.clear()
    drawn = []

    @cached_chart("test")
    def chart(summary: dict, *, title: str) -> str:
        drawn.append(title)
        return f"<svg>{len(drawn)}</svg>"

    summary = {
        "categories": [("login", gettext_lazy("overig"))],
        "day": dt.date(2026, 6, 15),
    }
    first = chart(summary, title=gettext_lazy("Knelpunten"))
    again = chart(dict(summary), title=gettext_lazy("Knelpunten"))
    assert again == first and len(drawn) == 1
    chart({**summary, "categories": []}, title="Knelpunten")
    assert len(drawn) == 2
    with translation.override("en"):
        chart(summary, title=gettext_lazy("Knelpunten"))
    assert len(drawn) == 3
    with pytest.raises(TypeError):
        chart({"x": object()}, title="x")
    cache.clear()
