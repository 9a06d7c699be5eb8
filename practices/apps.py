from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Praktijken")

    def ready(self) -> None:
        from practices import hooks
        from practices.visits import hooks as visit_hooks

        hooks.register()  # menu items and cards of the registry and go-live
        visit_hooks.register()  # those of the visits
