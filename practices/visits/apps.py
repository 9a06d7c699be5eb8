from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    """Practice visits, follow-up actions and bottlenecks: an app inside practices/ that
    owns its models, migrations and tasks, and reads practices through its selectors."""

    name = "practices.visits"
    label = "visits"
    verbose_name = _("Praktijkbezoeken")

    def ready(self) -> None:
        from practices.visits import hooks

        hooks.register()  # menu items and cards of the visits
