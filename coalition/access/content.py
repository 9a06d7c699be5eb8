"""Content: downloaded material, the coalitions' sections and members-only documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from coalition.access.coalitions import can_manage_coalition
from coalition.access.scoping import scope
from coalition.models import Coalition

if TYPE_CHECKING:
    from wagtail.documents.models import AbstractDocument
    from wagtail.models import Collection

    from coalition.access.scoping import AnyUser
    from content.models import DocumentDownload


# --- content (issue 6) ----------------------------------------------------------------


def can_view_material_usage(user: AnyUser) -> bool:
    """The report of downloaded material is for leads and the programme office."""
    s = scope(user)
    return s.office or bool(s.lead_coalitions)


def visible_document_downloads(user: AnyUser) -> QuerySet[DocumentDownload]:
    """Downloads with the practice named: a lead sees their coalitions' practices."""
    from content.models import DocumentDownload

    s = scope(user)
    if s.office:
        return DocumentDownload.objects.all()
    return DocumentDownload.objects.filter(practice__coalition__in=s.lead_coalitions)


def material_usage_totals(user: AnyUser) -> QuerySet[DocumentDownload]:
    """All downloads, to be counted per document and month only (no one is named)."""
    from content.models import DocumentDownload

    if not can_view_material_usage(user):
        return DocumentDownload.objects.none()
    return DocumentDownload.objects.all()


def can_edit_section(user: AnyUser, coalition: Coalition | int) -> bool:
    """A coalition's part of the site is edited by its own leads (the Wagtail editor
    groups that content.services keeps follow this rule)."""
    return can_manage_coalition(user, coalition)


def coalition_collection_paths() -> dict[int, str]:
    """Coalition id → tree path of its collection of documents and images: the one its
    editors group may add documents to (content.services.section_create)."""
    from wagtail.models import GroupCollectionPermission

    slugs = dict(Coalition.objects.values_list("slug", "pk"))
    rows = GroupCollectionPermission.objects.filter(
        group__name__startswith="Redactie ",
        permission__content_type__app_label="wagtaildocs",
        permission__codename="add_document",
    ).values_list("group__name", "collection__path")
    result = {}
    for group_name, path in rows:
        coalition_id = slugs.get(group_name.removeprefix("Redactie "))
        if coalition_id is not None:
            result[coalition_id] = path
    return result


def hidden_document_collections(user: AnyUser) -> frozenset[int]:
    """Members-only collections whose documents this user may not see.

    A members-only collection inside a coalition's collection is for the members of
    that coalition (its leads, trainers and practice users); one outside any coalition
    (national material) for the members of any coalition. Funders see figures, not
    material; the programme office sees everything.
    """
    from wagtail.models import Collection, CollectionViewRestriction

    s = scope(user)
    if s.office or (user.is_authenticated and user.is_active and user.is_superuser):
        return frozenset()
    restricted = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    )
    if not restricted:
        return frozenset()
    match = Q()
    for path in restricted:
        match |= Q(path__startswith=path)
    private = Collection.objects.filter(match).values_list("pk", "path")
    member_of = s.lead_coalitions | s.trainer_coalitions | s.practice_coalitions
    owners = coalition_collection_paths()
    hidden = set()
    for pk, path in private:
        owner = next(
            (c for c, prefix in owners.items() if path.startswith(prefix)), None
        )
        allowed = owner in member_of if owner is not None else bool(member_of)
        if not allowed:
            hidden.add(pk)
    return frozenset(hidden)


def visible_documents(user: AnyUser) -> QuerySet[AbstractDocument]:
    """Documents this user may download, find in search and choose in the CMS."""
    from wagtail.documents import get_document_model

    documents = get_document_model().objects.all()
    hidden = hidden_document_collections(user)
    return documents.exclude(collection_id__in=hidden) if hidden else documents


def can_view_document(user: AnyUser, document: AbstractDocument) -> bool:
    return document.collection_id not in hidden_document_collections(user)


# --- members-only document collections of a coalition's section (issue 11.9) ---------


def section_collections(user: AnyUser) -> QuerySet[Collection]:
    """Document collections a lead may mark members-only: their own coalitions'
    collections and the collections inside them (content.services.section_create)."""
    from wagtail.models import Collection

    led = scope(user).lead_coalitions
    paths = [p for c, p in coalition_collection_paths().items() if c in led]
    if not paths:
        return Collection.objects.none()
    match = Q()
    for path in paths:
        match |= Q(path__startswith=path)
    return Collection.objects.filter(match)


def can_manage_collection(user: AnyUser, collection: Collection) -> bool:
    return section_collections(user).filter(pk=collection.pk).exists()
