"""What the report registers: its menu item (coalition.navigation). Called from
ReportsConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coalition import navigation as nav
from coalition.models import Role


def register() -> None:
    nav.register(
        nav.NavItem(
            _("Rapporten"),
            "surveys:report_list",
            frozenset({Role.LEAD, Role.FUNDER, Role.OFFICE}),
            65,
        )
    )
