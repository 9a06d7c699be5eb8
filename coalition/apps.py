from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionConfig(AppConfig):
    name = "coalition"
    verbose_name = _("Coalitie")

    def ready(self) -> None:
        from coalition.formats import install_month_abbreviations

        install_month_abbreviations()  # "6 dec. 2026", not "6 dec 2026"
        from coalition import tables_signature

        tables_signature.install()  # one signature lookup per render function
        from coalition import (
            checks,  # noqa: F401 - registers the system checks
            hooks,
            middleware,  # noqa: F401 - the login signal receiver
        )

        hooks.register()  # menu items
        from coalition import public_cache

        public_cache.connect()  # a committed change shows on the public pages at once
