from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Praktijken")

    def ready(self) -> None:
        from practices.hooks import register as register_rollout

        register_rollout()
        from practices.visits.registry import register as register_visits

        register_visits()
        from practices.public_hooks import register as register_public

        register_public()
