"""Server-rendered SVG that the Content-Security-Policy lets through as it is.

matplotlib writes its colours and lines as `style="…"` attributes and a `<style>`
element; the CSP allows no inline styles (style-src without 'unsafe-inline'). SVG takes
the same properties as presentation attributes, which no CSP governs.
"""

from __future__ import annotations

import re

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
