"""A table view pages through its table only: `paginate_by` on a SingleTableMixin view
also makes the ListView page its object list, one more COUNT of the same rows on every
request (on the coverage list at national scale one of three 29 ms counts). Such views
set `table_pagination` instead."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver
from django_tables2 import SingleTableMixin


def _views(patterns) -> set[type]:
    found = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found |= _views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            view_class = getattr(pattern.callback, "view_class", None)
            if view_class is not None:
                found.add(view_class)
    return found


def test_table_views_page_their_table_only():
    table_views = [
        view
        for view in _views(get_resolver().url_patterns)
        if issubclass(view, SingleTableMixin)
    ]
    assert len(table_views) > 20  # the walk reaches the apps' lists
    paging_twice = [
        f"{view.__module__}.{view.__qualname__}"
        for view in table_views
        if getattr(view, "paginate_by", None)
    ]
    assert paging_twice == []
