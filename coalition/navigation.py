"""Navigation per role. Each app registers its own items in its `hooks.py` (called
from its AppConfig.ready()), so the base layout never needs to know the apps."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    roles: frozenset[str]
    order: int = 100
    kwargs: dict = field(default_factory=dict, hash=False, compare=False)

    @property
    def url(self) -> str:
        return reverse(self.url_name, kwargs=self.kwargs or None)


_items: list[NavItem] = []


def register(*items: NavItem) -> None:
    for item in items:
        if item not in _items:
            _items.append(item)


def items_for(roles: set[str]) -> list[NavItem]:
    return sorted(
        (item for item in _items if item.roles & roles),
        key=lambda i: (i.order, i.label),
    )
