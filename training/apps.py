from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Scholing")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from coalition import public_cache
        from training import hooks
        from training.models import Registration, Session

        hooks.register()  # menu items and cards
        # The public agenda shows sessions and their free places: a change shows at once.
        for model in (Session, Registration):
            for signal in (post_save, post_delete):
                signal.connect(
                    public_cache.invalidate,
                    sender=model,
                    dispatch_uid=f"public-{model.__name__}-{signal is post_save}",
                )
