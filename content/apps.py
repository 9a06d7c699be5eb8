from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "content"
    verbose_name = _("Inhoud")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from coalition import navigation as nav
        from coalition import panels
        from coalition.models import Membership, Role
        from content import panels as content_panels
        from content.admin_views import give_chooser_scripts_the_nonce

        give_chooser_scripts_the_nonce()  # /cms/ runs inline scripts only with it

        # Leads and the office reach the material through the report (and the CMS);
        # their menu is full enough.
        nav.register(
            nav.NavItem(
                _("Materiaal"),
                "content:toolkits",
                frozenset({Role.TRAINER, Role.PRACTICE, Role.FUNDER}),
                order=60,
            ),
            nav.NavItem(
                _("Gebruik materiaal"),
                "content:usage_report",
                frozenset({Role.LEAD, Role.OFFICE}),
                order=65,
            ),
            nav.NavItem(
                _("Alleen-ledenmappen"),
                "content:section_collections",
                frozenset({Role.LEAD}),
                order=66,
            ),
        )
        for slot in ("practice_detail", "start:practice"):
            panels.register(
                panels.Panel(
                    slot=slot,
                    template="content/panels/practice_material.html",
                    context=content_panels.practice_material,
                    order=60,
                )
            )
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
