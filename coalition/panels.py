"""Cards that apps contribute to pages they do not own.

The start page of each role and the practice page show panels registered here by the
apps (training coverage on the practice page, go-live counts on the lead's start page …),
so `coalition` renders them without importing the apps, and no app edits another's
templates. Each app registers its cards, with its menu items, in its `hooks.py`
(`register()`, called from its AppConfig.ready()):

    panels.register(panels.Panel(
        slot="start:lead", template="training/panels/coverage.html",
        context=lambda request, obj: {...}, order=20))

`context(request, obj)` returns the template context, or None to show nothing. `obj` is
the coalition (start:lead, start:funder), the practice (start:practice,
practice_detail), or None (start:trainer, start:office).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

SLOTS = {
    "start:lead",
    "start:trainer",
    "start:practice",
    "start:funder",
    "start:office",
    "practice_detail",
    "start:vendor",
}


@dataclass(frozen=True)
class Panel:
    slot: str
    template: str
    context: Callable[[HttpRequest, Any], dict | None]
    order: int = 100


_panels: list[Panel] = []


def register(*panels: Panel) -> None:
    for panel in panels:
        if panel.slot not in SLOTS:
            raise ValueError(f"unknown panel slot {panel.slot!r}")
        if all(p.template != panel.template or p.slot != panel.slot for p in _panels):
            _panels.append(panel)


def render_list(slot: str, request: HttpRequest, obj: Any = None) -> list[dict]:
    """[{template, ctx}] for the slot, in order; panels that return None are left out."""
    out = []
    for panel in sorted((p for p in _panels if p.slot == slot), key=lambda p: p.order):
        ctx = panel.context(request, obj)
        if ctx is not None:
            out.append({"template": panel.template, "ctx": ctx})
    return out
