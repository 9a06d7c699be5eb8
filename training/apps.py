from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Scholing")

    def ready(self) -> None:
        from training import hooks

        hooks.register()  # menu items and cards
