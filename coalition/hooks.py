"""What the core registers in its own menu (coalition.navigation), like every app in
its hooks.py. Called from CoalitionConfig.ready()."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coalition import navigation as nav
from coalition.models import Role


def register() -> None:
    everyone = frozenset(
        {Role.LEAD, Role.TRAINER, Role.PRACTICE, Role.FUNDER, Role.OFFICE}
    )
    nav.register(
        nav.NavItem(_("Start"), "coalition:start", everyone, order=0),
        nav.NavItem(
            _("Coalitie"),
            "coalition:coalition_list",
            frozenset({Role.LEAD, Role.OFFICE}),
            5,
        ),
        nav.NavItem(_("Gebruikers"), "coalition:user_list", frozenset({Role.LEAD}), 90),
        nav.NavItem(
            _("Certificeringen"),
            "coalition:certification_list",
            frozenset({Role.OFFICE}),
            86,
        ),
    )
    # Coalition administration (issue 11, parts 1, 3 and 8).
    nav.register(
        nav.NavItem(
            _("Coalitiebeheer"),
            "coalition:member_org_list",
            frozenset({Role.LEAD}),
            6,
        ),
        nav.NavItem(
            _("Coalitiebeheer"),
            "coalition:office_coalition_list",
            frozenset({Role.OFFICE}),
            6,
        ),
    )
