"""Every URL pattern of the project (Django's, the apps', allauth's, Wagtail's admin and
site), walked from the root resolver, and a concrete URL for each."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Pattern:
    route: str  # the full route, as the resolvers spell it
    name: str | None  # "namespace:name", or None for an unnamed pattern

    @property
    def key(self) -> str:
        """How the matrix names a pattern: its URL name, else its route."""
        return self.name or self.route


def all_patterns() -> list[Pattern]:
    def walk(resolver, prefix: str, ns: str):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                inner = f"{ns}{p.namespace}:" if p.namespace else ns
                yield from walk(p, prefix + str(p.pattern), inner)
            elif isinstance(p, URLPattern):
                name = f"{ns}{p.name}" if p.name else None
                yield Pattern(prefix + str(p.pattern), name)

    return list(walk(get_resolver(), "", ""))


_CONVERTER = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")


def concrete(route: str, values: dict[str, str]) -> str:
    """A path for a route: converters and regex groups filled with `values` (by
    parameter name) or a generic value of the right kind."""

    def fill(name: str, conv: str | None) -> str:
        if name in values:
            return str(values[name])
        if conv == "int" or name.endswith(("id", "pk")):
            return str(values.get("*int", 1))
        if conv == "uuid":
            return str(uuid.UUID(int=1))
        return "x"

    # Regex routes (re_path, allauth, Wagtail's compare view): fill named groups with
    # their first literal alternative or a value, then the anonymous groups.
    path = re.sub(
        r"\(\?P<(\w+)>([^()]*)\)",
        lambda m: (
            values[m[1]]
            if m[1] in values
            else (m[2].split("|")[0] if re.fullmatch(r"[a-z|\\d+]+", m[2]) else "1")
        ).replace("\\d+", "1"),
        route,
    )
    path = _CONVERTER.sub(lambda m: fill(m["name"], m["conv"]), path)
    # Anonymous groups, in order: values "#1", "#2", …
    position = iter(range(1, 100))
    path = re.sub(
        r"\((?!\?)[^()]*\)",
        lambda m: str(values.get(f"#{next(position)}", m[0])),
        path,
    )
    path = path.replace(r"((?:[\w\-]+/)*)", "")
    path = re.sub(r"\((\\d\+|\[\^/\]\+)\)", "1", path)
    path = re.sub(r"\(?\.[*+]\)?", "x", path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + path
