from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = _("Coalitie")

    def ready(self) -> None:
        from coalition.formats import install_month_abbreviations

        install_month_abbreviations()  # "6 dec. 2026", not "6 dec 2026"
        from coalition import (
            checks,  # noqa: F401 - registers the system checks
            middleware,  # noqa: F401 - the login signal receiver
        )
        from coalition import navigation as nav

        everyone = frozenset({"lead", "trainer", "practice", "funder", "office"})
        nav.register(
            nav.NavItem(_("Start"), "coalition:start", everyone, order=0),
            nav.NavItem(
                _("Coalitie"),
                "coalition:coalition_list",
                frozenset({"lead", "office"}),
                5,
            ),
            nav.NavItem(
                _("Gebruikers"), "coalition:user_list", frozenset({"lead"}), 90
            ),
        )
        # Coalition administration (issue 11, parts 1, 3 and 8).
        nav.register(
            nav.NavItem(
                _("Coalitiebeheer"),
                "coalition:member_org_list",
                frozenset({"lead"}),
                6,
            ),
            nav.NavItem(
                _("Coalitiebeheer"),
                "coalition:office_coalition_list",
                frozenset({"office"}),
                6,
            ),
        )
