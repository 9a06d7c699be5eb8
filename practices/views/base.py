"""What the registry's pages share."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme

from coalition import access
from coalition.models import Role

LEAD_OR_OFFICE = frozenset({Role.LEAD, Role.OFFICE})


def _several_coalitions(user) -> bool:
    """Lists show a Coalitie column and filter when the user sees more than one. A
    lead's are the coalitions of their memberships (which cascade with a coalition);
    the office's are counted, once per request (a list asks twice)."""
    s = access.scope(user)
    if not s.office:
        return len(s.lead_coalitions) > 1
    cached = getattr(user, "_several_coalitions", None)
    if cached is None:
        cached = user._several_coalitions = (
            access.dashboard_coalitions(user)[:2].count() > 1
        )
    return cached


def _next_url(request, fallback: str) -> str:
    url = request.POST.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}):
        return url
    return fallback
