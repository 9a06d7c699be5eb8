"""Wagtail hooks of the content app: who may download and choose documents; count
downloads, list them in the admin."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from coalition import access
from content import services
from content.models import DocumentDownload


def is_repeat_request(request, document) -> bool:
    """A browser revalidating its copy, or fetching the next part of a video, is not a
    new download."""
    if document.file_hash and document.file_hash in request.headers.get(
        "If-None-Match", ""
    ):
        return True
    ranges = request.headers.get("Range", "")
    return bool(ranges) and not ranges.replace(" ", "").startswith("bytes=0-")


# After Wagtail's own check (order 0), which sends a visitor to the login page: a
# members-only document of a coalition is for members of that coalition only.
@hooks.register("before_serve_document", order=10)
def members_of_the_coalition_only(document, request):
    if not access.can_view_document(request.user, document):
        raise Http404


@hooks.register("construct_document_chooser_queryset")
def choose_visible_documents(documents, request):
    """An editor chooses from the documents they may see, never another coalition's
    members-only material."""
    hidden = access.hidden_document_collections(request.user)
    return documents.exclude(collection_id__in=hidden) if hidden else documents


# Runs after the privacy checks (orders 0 and 10): a refused request is not counted.
@hooks.register("before_serve_document", order=100)
def count_download(document, request):
    if not is_repeat_request(request, document):
        services.download_record(document=document, user=request.user)


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Downloads are facts: they can be looked at in the admin, never edited."""

    def user_has_permission(self, user, action):
        if action not in {"view"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


class DocumentDownloadViewSet(SnippetViewSet):
    model = DocumentDownload
    icon = "download"
    menu_label = _("Downloads")
    menu_order = 900
    add_to_admin_menu = True
    list_display = ["document", "month", "practice", "downloaded_at"]
    list_filter = ["month"]
    inspect_view_enabled = True
    copy_view_enabled = False


register_permission_policy(DocumentDownload, ReadOnlyPermissionPolicy(DocumentDownload))
register_snippet(DocumentDownloadViewSet)
