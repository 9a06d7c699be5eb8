from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from coalition import access, navigation


def platform(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    roles = set(access.roles(user)) if user is not None else set()
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "nav_items": _nav(request, roles),
        "user_roles": roles,
        "can_use_cms": bool(user is not None and access.can_use_cms(user)),
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
