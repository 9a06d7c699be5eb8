"""Views of the content app outside Wagtail's page tree: search and the use report."""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django.views.static import serve
from django_tables2 import RequestConfig

from coalition import access
from coalition.models import Role
from coalition.views import RoleRequiredMixin
from content import selectors, services
from content.filters import DocumentDownloadFilterSet
from content.tables import DocumentUsageTable, PracticeUsageTable


class ToolkitsRedirectView(View):
    """A stable address for the menu: the national toolkit overview, wherever an editor
    put it in the page tree."""

    def get(self, request):
        index = selectors.section_links()["toolkits"]
        return redirect(index.url if index else "/")


class SearchView(TemplateView):
    template_name = "content/search.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        ctx["query"] = query
        results = selectors.search(query=query, user=self.request.user)
        ctx["results"] = results
        ctx["count"] = len(results["pages"]) + len(results["documents"])
        ctx["links"] = selectors.section_links()
        return ctx


class MaterialUsageView(RoleRequiredMixin, TemplateView):
    """What material is downloaded, per month, and by which of the lead's practices."""

    allowed_roles = frozenset({Role.LEAD, Role.OFFICE})
    template_name = "content/usage_report.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        months = selectors.last_months(timezone.localdate(), 6)
        totals = DocumentDownloadFilterSet(
            self.request.GET, queryset=access.material_usage_totals(user)
        )
        named = DocumentDownloadFilterSet(
            self.request.GET, queryset=access.visible_document_downloads(user)
        )
        documents = DocumentUsageTable(
            selectors.document_usage(totals.qs, months=months), months=months
        )
        practices = PracticeUsageTable(selectors.practice_usage(named.qs))
        RequestConfig(self.request, paginate={"per_page": 50}).configure(practices)
        ctx.update(filter=totals, documents_table=documents, practices_table=practices)
        return ctx


class SectionCollectionsView(RoleRequiredMixin, TemplateView):
    """A lead's own document collections: which are for members of the coalition only."""

    allowed_roles = frozenset({Role.LEAD})
    template_name = "content/section_collections.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["rows"] = selectors.section_collection_rows(self.request.user)
        return ctx


class CollectionMembersOnlyView(RoleRequiredMixin, View):
    """Mark one of the lead's own collections members-only, or public again."""

    allowed_roles = frozenset({Role.LEAD})

    def post(self, request, pk: int):
        collection = get_object_or_404(access.section_collections(request.user), pk=pk)
        members_only = request.POST.get("members_only") == "1"
        services.collection_set_members_only(
            user=request.user, collection=collection, members_only=members_only
        )
        if members_only:
            text = _("De documenten in %(name)s zijn nu alleen voor leden.")
        else:
            text = _("De documenten in %(name)s zijn nu voor iedereen.")
        messages.success(request, text % {"name": collection.name})
        return redirect("content:section_collections")


def serve_public_media(request, path: str):
    """Uploaded images, for a set-up without a web server in front (SERVE_MEDIA=1).
    Only the image folders: documents are served by Wagtail's view, which checks who
    may have them."""
    normal = posixpath.normpath(path).lstrip("/")
    if normal.split("/", 1)[0] not in settings.PUBLIC_MEDIA_DIRS or "/" not in normal:
        raise Http404
    return serve(request, normal, document_root=settings.MEDIA_ROOT)
