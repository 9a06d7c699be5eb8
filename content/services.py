"""Writes of the content app: coalition sections with their editors, and downloads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
)

from coalition import access
from coalition.models import Coalition, Membership, Role, User
from content.models import CoalitionSectionPage, DocumentDownload, HomePage

if TYPE_CHECKING:
    from wagtail.documents.models import AbstractDocument

    from coalition.access import AnyUser

# What a coalition's editors may do on their own section (and nowhere else).
SECTION_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
# And in their own collection of documents and images; national material (anywhere in
# the tree) they may choose for their pages, not change.
SECTION_COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "document", ("add", "change", "choose")),
    ("wagtailimages", "image", ("add", "change", "choose")),
)
SHARED_COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "document", ("choose",)),
    ("wagtailimages", "image", ("choose",)),
)


# The programme office edits the national pages (home, toolkits, news, e-health types):
# every page from the home page down, and the national documents and images.
NATIONAL_EDITORS_GROUP = "Programmabureau (landelijke inhoud)"
NATIONAL_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock")
NATIONAL_COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "document", ("add", "change", "choose")),
    ("wagtailimages", "image", ("add", "change", "choose")),
)


def editors_group_name(coalition: Coalition) -> str:
    return f"Redactie {coalition.slug}"


def _home() -> HomePage:
    return HomePage.objects.order_by("path").first()


def root_collection() -> Collection:
    """Wagtail's root collection (made by its migration; remade after a flush)."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def collection_get_or_create(*, name: str, parent: Collection | None = None):
    """A collection by name under the parent (the root by default)."""
    parent = parent or root_collection()
    existing = parent.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    return parent.add_child(name=name)


@transaction.atomic
def collection_make_private(*, collection: Collection) -> CollectionViewRestriction:
    """Documents in this collection are served to logged-in users only."""
    restriction, _created = CollectionViewRestriction.objects.get_or_create(
        collection=collection,
        defaults={"restriction_type": CollectionViewRestriction.LOGIN},
    )
    return restriction


@transaction.atomic
def collection_set_members_only(
    *, user: User, collection: Collection, members_only: bool
) -> bool:
    """A lead marks a collection of their own section members-only, or public again.

    Members-only documents in a coalition's collection are for the members of that
    coalition (access.hidden_document_collections). The view finds the collection in
    `access.section_collections` (404 for any other). Returns whether the collection
    is members-only now.
    """
    if members_only:
        collection_make_private(collection=collection)
    else:
        CollectionViewRestriction.objects.filter(collection=collection).delete()
    return members_only


@transaction.atomic
def page_make_private(*, page: Page) -> PageViewRestriction:
    """This page and the pages below it are shown to logged-in users only."""
    restriction, _created = PageViewRestriction.objects.get_or_create(
        page=page, defaults={"restriction_type": PageViewRestriction.LOGIN}
    )
    return restriction


@transaction.atomic
def section_create(*, coalition: Coalition) -> CoalitionSectionPage:
    """The coalition's section of the site, its collection and its editors group.

    Idempotent: run again, it repairs what is missing. Leads of the coalition become
    its editors; leads of other coalitions cannot change it.
    """
    section = CoalitionSectionPage.objects.filter(coalition=coalition).first()
    if section is None:
        section = CoalitionSectionPage(
            title=coalition.name,
            slug=coalition.slug,
            coalition=coalition,
            intro=_(
                "<p>Nieuws, materiaal en afspraken van %(name)s voor de "
                "aangesloten praktijken.</p>"
            )
            % {"name": coalition.name},
        )
        _home().add_child(instance=section)
        section.save_revision().publish()
    collection = collection_get_or_create(name=coalition.name)
    group, _created = Group.objects.get_or_create(name=editors_group_name(coalition))

    page_type = ContentType.objects.get_for_model(Page)
    for action in SECTION_PAGE_PERMISSIONS:
        permission = Permission.objects.get(
            content_type=page_type, codename=f"{action}_page"
        )
        GroupPagePermission.objects.get_or_create(
            group=group, page=section, permission=permission
        )
    root = root_collection()
    for target, rules in (
        (collection, SECTION_COLLECTION_PERMISSIONS),
        (root, SHARED_COLLECTION_PERMISSIONS),
    ):
        for app_label, model, actions in rules:
            for action in actions:
                permission = Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                )
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=target, permission=permission
                )
    group.user_set.set(
        User.objects.filter(
            memberships__role=Role.LEAD, memberships__coalition=coalition
        ).distinct()
    )
    return section


@transaction.atomic
def national_editors_group() -> Group:
    """The office's editors group, with the Wagtail admin, the page tree from the home
    page down and every collection. Idempotent: run again, it repairs what is missing."""
    group, _created = Group.objects.get_or_create(name=NATIONAL_EDITORS_GROUP)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    # At the tree's root, not the home page: the group is made when an office member is
    # added, which may be before there is a home page.
    top = Page.get_first_root_node()
    if top is not None:
        page_type = ContentType.objects.get_for_model(Page)
        for action in NATIONAL_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=top,
                permission=Permission.objects.get(
                    content_type=page_type, codename=f"{action}_page"
                ),
            )
    root = root_collection()
    for app_label, model, actions in NATIONAL_COLLECTION_PERMISSIONS:
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=f"{action}_{model}"
                ),
            )
    return group


def editor_groups_sync(*, user: User) -> None:
    """Put a user in the editors group of exactly the coalitions they lead, and in the
    national editors group when they work at the programme office."""
    if Membership.objects.filter(user=user, role=Role.OFFICE).exists():
        user.groups.add(national_editors_group())
    else:
        user.groups.remove(*Group.objects.filter(name=NATIONAL_EDITORS_GROUP))
    led = set(
        Membership.objects.filter(user=user, role=Role.LEAD).values_list(
            "coalition__slug", flat=True
        )
    )
    groups = Group.objects.filter(name__startswith="Redactie ")
    for group in groups:
        slug = group.name.removeprefix("Redactie ")
        if slug in led:
            user.groups.add(group)
        else:
            user.groups.remove(group)


# --- use of material ------------------------------------------------------------------


@transaction.atomic
def download_record(*, document: AbstractDocument, user: AnyUser) -> DocumentDownload:
    """Count one download; a practice user's download is also the practice's.

    A user of several practices counts for the first one (the download is one
    download, not one per practice).
    """
    practice_ids = access.scope(user).practice_ids
    now = timezone.now()
    row = DocumentDownload(
        document=document,
        month=timezone.localdate(now).replace(day=1),
        downloaded_at=now,
        practice_id=min(practice_ids) if practice_ids else None,
        user=user if user.is_authenticated else None,
    )
    row.full_clean()
    row.save()
    return row
