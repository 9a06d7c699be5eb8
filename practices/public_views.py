"""The public practice pages: the finder, a page per practice that agreed, and its
printable A4 for the waiting room; and the switch on the practice's own page.

The public pages set no cookie: they render their own light template (no session, no
CSRF token, no language form) and the finder is a GET form. A visit raises the day's
counter of the practice (practices.services.public_page_view_count), nothing else.
"""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from coalition import access
from practices import public, services


def qr_svg(url: str) -> str:
    """The URL as an inline SVG QR code (no image request, prints sharply)."""
    image = qrcode.make(
        url,
        image_factory=qrcode.image.svg.SvgPathImage,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=2,
    )
    svg = image.to_string(encoding="unicode")
    return svg[svg.index("<svg") :]  # without the XML declaration


class FinderView(TemplateView):
    template_name = "practices/public/finder.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        ctx["result"] = public.find(query) if query.strip() else None
        ctx["query"] = query
        # Searched for nothing: say so at the field (an empty search is no search).
        ctx["empty"] = "q" in self.request.GET and not query.strip()
        return ctx


class PublicPracticeMixin:
    def get_page(self) -> public.PublicPage:
        if not hasattr(self, "_page"):
            page = public.public_page(self.kwargs["slug"])
            if page is None:
                raise Http404
            self._page = page
        return self._page


class PublicPracticeView(PublicPracticeMixin, TemplateView):
    template_name = "practices/public/practice.html"

    def get(self, request, *args, **kwargs):
        page = self.get_page()
        # Staff looking at the page are not patients being informed.
        if request.method == "GET" and not request.user.is_authenticated:
            services.public_page_view_count(practice_id=page.practice.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["page"] = self.get_page()
        return ctx


class PublicPracticePrintView(PublicPracticeMixin, TemplateView):
    """One A4 for the waiting room: what is online here, and a QR code to the page."""

    template_name = "practices/public/print.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        page = self.get_page()
        url = self.request.build_absolute_uri(
            reverse("practices_public:page", args=[page.practice.public_slug])
        )
        ctx.update(page=page, url=url, qr=qr_svg(url))
        return ctx


class PublicPageSetView(LoginRequiredMixin, View):
    """The practice user agrees to (or withdraws) the public page of their practice."""

    def post(self, request, pk: int):
        practice = access.get_or_404(access.visible_practices(request.user), pk=pk)
        if not access.can_publish_practice_page(request.user, practice):
            raise PermissionDenied
        publish = request.POST.get("publish") == "1"
        if publish and request.POST.get("agree") != "1":
            messages.error(
                request,
                _("Vink aan dat u akkoord gaat met wat er op de pagina komt."),
            )
        else:
            services.practice_public_page_set(
                practice=practice, publish=publish, by=request.user
            )
            messages.success(
                request,
                _("De publieke pagina staat online.")
                if publish
                else _("De publieke pagina staat niet meer online."),
            )
        return redirect(reverse("practices:detail", args=[pk]) + "#publieke-pagina")
