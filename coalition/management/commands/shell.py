"""Django's shell, with the history models of django-simple-history imported from where
they live.

simple-history gives a history model of a model in a submodule (practices.models.registry)
the app's name as its module ("practices") but puts it in the submodule, so Django's
automatic imports named a path that does not exist and printed an error on every start.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management.commands import shell


class Command(shell.Command):
    def get_auto_imports(self):
        paths = super().get_auto_imports()
        moved = {}
        for model in apps.get_models():
            tracked = getattr(model, "instance_type", None)
            if tracked is not None and hasattr(model, "history_object"):
                wrong = f"{model.__module__}.{model.__name__}"
                moved[wrong] = f"{tracked.__module__}.{model.__name__}"
        return [moved.get(path, path) for path in paths]
