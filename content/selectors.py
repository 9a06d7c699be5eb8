"""Reads of the content app: the home page's blocks, search, and the use of material.

Other apps may call `downloads_by_practice` (evidence that a practice informs its
patients).
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import (
    CharField,
    Count,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from wagtail.models import Collection, CollectionViewRestriction, Page, get_page_models

from content.models import (
    ArticlePage,
    DocumentDownload,
    EHealthTypeIndexPage,
    NewsIndexPage,
    ToolkitIndexPage,
    ToolkitPage,
)

if TYPE_CHECKING:
    from coalition.access import AnyUser

log = logging.getLogger(__name__)

HOME_TOOLKITS = 3
HOME_ARTICLES = 3
HOME_TRAININGS = 3


def _visible_pages[P: Page](qs: QuerySet[P], user: AnyUser) -> QuerySet[P]:
    """Live pages; private ones (login required) only for logged-in users."""
    qs = qs.live()
    return qs if user.is_authenticated else qs.public()


def private_collection_ids() -> frozenset[int]:
    """Collections (and their sub-collections) whose documents need a login."""
    paths = list(
        CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    )
    if not paths:
        return frozenset()
    match = Q()
    for path in paths:
        match |= Q(path__startswith=path)
    return frozenset(Collection.objects.filter(match).values_list("pk", flat=True))


def upcoming_trainings(limit: int = HOME_TRAININGS) -> list[Any]:
    """The training app's public calendar, when that app provides it."""
    try:
        from training.selectors import upcoming_public_sessions
    except ImportError:
        return []
    return list(upcoming_public_sessions(limit=limit))


def public_progress() -> list[dict]:
    """Regional progress as aggregates (coalition, n_practices, n_live, pct_live)."""
    try:
        from practices.selectors import public_progress as progress
    except ImportError:
        return []
    return list(progress())


def section_links() -> dict[str, Any]:
    """The national index pages the site's navigation links to, and the coalitions'
    own sections (`sections`, by name)."""
    from content.models import CoalitionSectionPage

    return {
        "sections": list(
            CoalitionSectionPage.objects.live().public().order_by("title")
        ),
        "toolkits": ToolkitIndexPage.objects.live()
        .filter(depth=3)
        .order_by("path")
        .first(),
        "news": NewsIndexPage.objects.live().filter(depth=3).order_by("path").first(),
        "ehealth": EHealthTypeIndexPage.objects.live().order_by("path").first(),
    }


def section_toolkits(*, user: AnyUser, audience: str = "") -> list[dict]:
    """Per coalition section (by name): the section and its live toolkits, for the
    material overview beside the national ones. At most four queries (Wagtail looks
    up view restrictions for public())."""
    from content.models import CoalitionSectionPage

    sections = list(CoalitionSectionPage.objects.live().public().order_by("title"))
    if not sections:
        return []
    match = Q()
    for section in sections:
        match |= Q(path__startswith=section.path)
    toolkits = _visible_pages(ToolkitPage.objects.filter(match), user).order_by("path")
    if audience:
        toolkits = toolkits.filter(audience=audience)
    by_section: dict[int, list[ToolkitPage]] = {s.pk: [] for s in sections}
    for toolkit in toolkits.select_related("cover_image"):
        owner = next(s for s in sections if toolkit.path.startswith(s.path))
        by_section[owner.pk].append(toolkit)
    return [{"section": s, "toolkits": by_section[s.pk]} for s in sections]


def home_page_context(*, request: HttpRequest) -> dict:
    user = request.user
    toolkits = _visible_pages(ToolkitPage.objects.filter(highlight=True), user)
    articles = _visible_pages(ArticlePage.objects.all(), user)
    return {
        "highlighted_toolkits": list(
            toolkits.select_related("cover_image").order_by("path")[:HOME_TOOLKITS]
        ),
        "latest_articles": list(articles.order_by("-date", "-pk")[:HOME_ARTICLES]),
        "upcoming_trainings": upcoming_trainings(),
        "progress": public_progress(),
    }


# --- search ---------------------------------------------------------------------------


def search(*, query: str, user: AnyUser, limit: int = 30) -> dict[str, list]:
    """Pages and documents matching the words, Dutch-aware (see content.search_backend).

    Members-only documents are listed only to those who may download them
    (`access.visible_documents`).
    """
    from coalition import access

    query = " ".join(query.split())[:200]
    if not query:
        return {"pages": [], "documents": []}
    pages = _visible_pages(Page.objects.exclude(depth__lte=1), user).annotate(
        **_listing_annotations()
    )
    documents = access.visible_documents(user)
    return {
        "pages": list(pages.search(query)[:limit]),
        "documents": list(documents.search(query)[:limit]),
    }


LISTING_FIELDS = ("purpose", "intro", "summary")


@functools.cache
def _listing_annotations() -> dict[str, Coalesce | Value]:
    """A search result's own summary, read from the page's row in its type's table:
    `listing_purpose`, `listing_intro` and `listing_summary`, each the field of that
    name of whichever page type has one. One query for the results, where
    `.specific()` made one per page type among them (the query count followed the mix
    of types a search happened to find). Each type's field is a subquery on its primary
    key, looked up for the rows found: joining every page type's table to every page
    (ten joins) cost PostgreSQL 15 ms to plan a query it ran in 2 (issue 15)."""
    columns: dict[str, list[Subquery]] = {name: [] for name in LISTING_FIELDS}
    for model in get_page_models():
        # The page types made straight on Page (through an abstract base such as
        # SitePage, or none), of any app: their tables join Page's one to one. A
        # type made on one of those would reach its fields through that type's row;
        # none exists, so they are not looked for.
        if list(model._meta.parents) != [Page]:
            continue
        for name in LISTING_FIELDS:
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, CharField | TextField):
                columns[name].append(
                    Subquery(
                        model._base_manager.filter(pk=OuterRef("pk"))
                        .order_by()
                        .values(name)[:1],
                        output_field=TextField(),
                    )
                )
    # A page has a row in its own type's table only, so at most one is not NULL.
    return {
        f"listing_{name}": (
            Coalesce(*subqueries, Value(None), output_field=TextField())
            if subqueries
            else Value(None, output_field=TextField())
        )
        for name, subqueries in columns.items()
    }


# --- use of material ------------------------------------------------------------------


def last_months(today: dt.date, n: int = 6) -> list[dt.date]:
    """First days of the last n months, oldest first, ending with today's month."""
    months = []
    year, month = today.year, today.month
    for _ in range(n):
        months.append(dt.date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return months[::-1]


def document_usage(
    downloads: QuerySet[DocumentDownload], *, months: Iterable[dt.date]
) -> list[dict]:
    """Per document: downloads per month (the given months) and in total, most used
    first. Two queries whatever the number of documents."""
    months = list(months)
    totals = list(
        downloads.values("document_id", "document__title", "document__file")
        .annotate(total=Count("pk"), practices=Count("practice", distinct=True))
        .order_by("-total", "document__title")
    )
    per_month: dict[tuple[int, dt.date], int] = {
        (row["document_id"], row["month"]): row["n"]
        for row in downloads.filter(month__in=months)
        .values("document_id", "month")
        .annotate(n=Count("pk"))
        .order_by()
    }
    rows = []
    for row in totals:
        name = row["document__file"] or ""
        rows.append(
            {
                "document_id": row["document_id"],
                "title": row["document__title"],
                "format": name.rsplit(".", 1)[-1].upper() if "." in name else "",
                "total": row["total"],
                "practices": row["practices"],
                **{
                    f"m{m:%Y%m}": per_month.get((row["document_id"], m), 0)
                    for m in months
                },
            }
        )
    return rows


def practice_usage(downloads: QuerySet[DocumentDownload]) -> list[dict]:
    """Who used what: per practice and document, how often and when last."""
    return list(
        downloads.filter(practice__isnull=False)
        .values(
            "practice_id",
            "practice__name",
            "practice__coalition__name",
            "document_id",
            "document__title",
        )
        .annotate(downloads=Count("pk"), last_download=Max("downloaded_at"))
        .order_by("practice__name", "document__title")
    )


def downloads_by_practice(practice_ids: Iterable[int]) -> dict[int, int]:
    """Number of material downloads per practice: evidence for "patients informed"."""
    return dict(
        DocumentDownload.objects.filter(practice_id__in=list(practice_ids))
        .values("practice_id")
        .annotate(n=Count("pk"))
        .values_list("practice_id", "n")
    )


def material_usage_for_practice(practice_id: int) -> dict:
    """What one practice downloaded: count, last time, and which documents."""
    downloads = DocumentDownload.objects.filter(practice_id=practice_id)
    summary = downloads.aggregate(n=Count("pk"), last=Max("downloaded_at"))
    titles = list(
        downloads.values_list("document__title", flat=True)
        .distinct()
        .order_by("document__title")[:10]
    )
    return {"n": summary["n"], "last": summary["last"], "titles": titles}


def patient_material(*, coalition_id: int | None = None) -> dict:
    """The patient flyer and video for a public practice page (practices.public).

    From the live, public toolkits for patients: the coalition's own section first, then
    the national ones. The flyer is the first public document whose title says flyer
    (else the first public document); the video the first video block. Members-only
    documents are never offered. {"flyer": {...} | None, "video": {...} | None}
    """
    pages = list(
        ToolkitPage.objects.live()
        .public()
        .filter(audience=ToolkitPage.Audience.PATIENTS)
        .select_related("cover_image")
        .order_by("path")
    )
    section = None
    if coalition_id is not None:
        from content.models import CoalitionSectionPage

        section = CoalitionSectionPage.objects.filter(coalition_id=coalition_id).first()
    if section is not None:
        pages.sort(key=lambda p: not p.path.startswith(section.path))
    hidden = private_collection_ids()
    documents, video = [], None
    for page in pages:
        for block in page.items:
            value = block.value
            if block.block_type == "document" and value.get("document"):
                doc = value["document"]
                if doc.collection_id not in hidden:
                    documents.append(
                        {
                            "title": value.get("title") or doc.title,
                            "description": value.get("description") or "",
                            "url": doc.url,
                            "extension": doc.file_extension.upper(),
                        }
                    )
            elif block.block_type == "video" and video is None:
                video = {
                    "title": value.get("title"),
                    "video_url": value["video"].url if value.get("video") else "",
                    "animation_url": value["animation"].file.url
                    if value.get("animation")
                    else "",
                    "transcript": value.get("transcript"),
                    "page_url": page.url,
                }
    flyers = [d for d in documents if "flyer" in d["title"].lower()]
    return {"flyer": (flyers or documents or [None])[0], "video": video}


# --- members-only collections of a lead's section (issue 11.9) -------------------------


def section_collection_rows(user: AnyUser) -> list[dict]:
    """The lead's own collections, in tree order, with whether each is members-only
    itself or through a collection above it, and its number of documents. Three
    queries."""
    from wagtail.documents import get_document_model

    from coalition import access

    collections = list(access.section_collections(user).order_by("path"))
    if not collections:
        return []
    restricted = set(
        CollectionViewRestriction.objects.filter(
            collection__in=collections
        ).values_list("collection_id", flat=True)
    )
    counts = dict(
        get_document_model()
        .objects.filter(collection__in=collections)
        .values("collection_id")
        .annotate(n=Count("pk"))
        .values_list("collection_id", "n")
    )
    restricted_paths = [c.path for c in collections if c.pk in restricted]
    return [
        {
            "collection": c,
            "level": (c.depth - collections[0].depth),
            "members_only": c.pk in restricted,
            "inherited": c.pk not in restricted
            and any(c.path.startswith(p) for p in restricted_paths),
            "documents": counts.get(c.pk, 0),
        }
        for c in collections
    ]
