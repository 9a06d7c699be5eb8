"""Cards the content app adds to pages of other apps (coalition.panels)."""

from __future__ import annotations

from django.http import HttpRequest

from content import selectors


def practice_material(request: HttpRequest, practice) -> dict | None:
    """Has the practice fetched material to inform its patients?"""
    if practice is None:
        return None
    return {"practice": practice, **selectors.material_usage_for_practice(practice.pk)}
