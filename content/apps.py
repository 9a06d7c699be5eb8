from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Inhoud")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from coalition.models import Membership
        from content import hooks
        from content.admin_views import give_chooser_scripts_the_nonce

        give_chooser_scripts_the_nonce()  # /cms/ runs inline scripts only with it
        hooks.register()  # menu items and the practice card

        # Bridge until coalition.services.membership_sync_groups calls it itself: a
        # lead's Wagtail editor groups follow their memberships.
        post_save.connect(
            _sync_editor_groups, sender=Membership, dispatch_uid="content-editors"
        )
        post_delete.connect(
            _sync_editor_groups, sender=Membership, dispatch_uid="content-editors-del"
        )


def _sync_editor_groups(sender, instance, **kwargs) -> None:
    from coalition.models import User
    from content.services import editor_groups_sync

    user = User.objects.filter(pk=instance.user_id).first()
    if user is not None:  # gone when the user itself is being deleted
        editor_groups_sync(user=user)
