"""What the content app registers: its menu items (coalition.navigation) and the card
it adds to pages of other apps (coalition.panels). Called from ContentConfig.ready()."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from coalition import navigation as nav
from coalition import panels
from coalition.models import Role
from content import selectors


def practice_material(request: HttpRequest, practice) -> dict | None:
    """Has the practice fetched material to inform its patients?"""
    if practice is None:
        return None
    return {"practice": practice, **selectors.material_usage_for_practice(practice.pk)}


def register() -> None:
    # Leads and the office reach the material through the report (and the CMS);
    # their menu is full enough.
    nav.register(
        nav.NavItem(
            _("Materiaal"),
            "content:toolkits",
            frozenset({Role.TRAINER, Role.PRACTICE, Role.FUNDER}),
            order=60,
        ),
        nav.NavItem(
            _("Gebruik materiaal"),
            "content:usage_report",
            frozenset({Role.LEAD, Role.OFFICE}),
            order=65,
        ),
        nav.NavItem(
            _("Alleen-ledenmappen"),
            "content:section_collections",
            frozenset({Role.LEAD}),
            order=66,
        ),
    )
    for slot in ("practice_detail", "start:practice"):
        panels.register(
            panels.Panel(
                slot=slot,
                template="content/panels/practice_material.html",
                context=practice_material,
                order=60,
            )
        )
