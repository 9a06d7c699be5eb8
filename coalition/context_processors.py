from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from coalition import access, navigation


def platform(request: HttpRequest) -> dict:
    """The menu and the capabilities the layout asks for, worked out once per request
    and user: every template rendered with the request runs the context processors
    again, and a table's template column does so for each of its cells (on the
    coverage list, 50 menus of reversed URLs were 30% of the page)."""
    user = getattr(request, "user", None)
    key = (id(user), getattr(user, "pk", None))
    kept = getattr(request, "_platform_context", None)
    if kept is not None and kept[0] == key:
        return kept[1]
    context = _platform(request, user)
    request._platform_context = (key, context)
    return context


def _platform(request: HttpRequest, user) -> dict:
    roles = set(access.roles(user)) if user is not None else set()
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "nav_items": _nav(request, roles),
        "can_use_cms": bool(user is not None and access.can_use_cms(user)),
        # The sub-menus shared by an app's pages (the main menu is nav_items).
        "can_set_deadlines": bool(user is not None and access.can_set_deadlines(user)),
        "can_see_visit_planning": bool(
            user is not None and access.can_see_visit_planning(user)
        ),
        "can_see_office_inbox": bool(
            user is not None and access.can_see_office_inbox(user)
        ),
    }


def _nav(request: HttpRequest, roles: set[str]) -> list[dict]:
    items = []
    for item in navigation.items_for(roles) if roles else []:
        url = item.url
        active = request.path == url or (
            url != "/start/" and request.path.startswith(url)
        )
        items.append({"label": item.label, "url": url, "active": active})
    return items
