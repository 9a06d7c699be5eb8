from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Scholing")

    def ready(self) -> None:
        from coalition import navigation as nav
        from coalition import panels
        from training import panels as training_panels

        nav.register(
            nav.NavItem(
                _("Scholing"),
                "training:session_list",
                frozenset({"lead", "trainer", "practice", "office"}),
                50,
            ),
            # Leads and the office reach the public calendar through the Scholing tabs;
            # their menu is full enough.
            nav.NavItem(
                _("Scholingsagenda"),
                "training:public_list",
                frozenset({"trainer", "practice", "funder"}),
                55,
            ),
        )
        panels.register(
            panels.Panel(
                slot="practice_detail",
                template="training/panels/practice_coverage.html",
                context=training_panels.practice_coverage,
                order=30,
            ),
            panels.Panel(
                slot="start:practice",
                template="training/panels/practice_start.html",
                context=training_panels.practice_start,
                order=30,
            ),
            panels.Panel(
                slot="start:lead",
                template="training/panels/lead_coverage.html",
                context=training_panels.lead_coverage,
                order=30,
            ),
            panels.Panel(
                slot="start:trainer",
                template="training/panels/trainer_todo.html",
                context=training_panels.trainer_todo,
                order=5,
            ),
            panels.Panel(
                slot="start:trainer",
                template="training/panels/trainer_sessions.html",
                context=training_panels.trainer_sessions,
                order=10,
            ),
        )
