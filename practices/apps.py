from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Praktijken")

    def ready(self) -> None:
        from practices import hooks

        hooks.register()  # menu items and cards of the registry and go-live
