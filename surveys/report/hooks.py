"""What the report registers: its menu item (coalition.navigation). Called from
ReportsConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coalition import navigation as nav


def register() -> None:
    nav.register(
        nav.NavItem(
            _("Rapporten"),
            "surveys:report_list",
            frozenset({"lead", "funder", "office"}),
            65,
        )
    )
