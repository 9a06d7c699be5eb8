"""Account views: the login, logout and password views that Wagtail and Django's admin
mount of their own, replaced by allauth's (one login path, with its MFA step and rate
limits); and accepting an invitation to a role."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.views import LogoutView
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from coalition import services

__all__ = [
    "InvitationAcceptView",
    "LogoutView",
    "to_login",
    "to_password_change",
    "to_password_reset",
]


def _redirect(name: str, request: HttpRequest, *, keep_next: bool = False):
    url = reverse(name)
    next_url = request.GET.get("next", "")
    if keep_next and next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)


@login_not_required  # the way in must be open (deny-by-default middleware)
def to_login(request: HttpRequest, *args, **kwargs):
    """Any login form → allauth's (allauth checks that `next` stays on this site)."""
    return _redirect("account_login", request, keep_next=True)


@login_not_required
def to_password_reset(request: HttpRequest, *args, **kwargs):
    return _redirect("account_reset_password", request)


def to_password_change(request: HttpRequest, *args, **kwargs):
    return _redirect("account_change_password", request)


class InvitationAcceptView(LoginRequiredMixin, TemplateView):
    """An existing account takes a role it was invited to: only its owner, logged in,
    by pressing the button (GET only shows what is offered)."""

    template_name = "coalition/invitation_accept.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        try:
            ctx["offer"] = services.invitation_read(
                token=self.kwargs["token"], user=self.request.user
            )
        except ValidationError as exc:
            ctx["error"] = exc.messages[0]
        return ctx

    def post(self, request, token: str):
        try:
            membership = services.invitation_accept(token=token, user=request.user)
        except ValidationError as exc:
            return self.render_to_response(
                {**self.get_context_data(), "error": exc.messages[0]}, status=400
            )
        messages.success(
            request,
            _("U heeft nu de rol %(role)s bij %(coalition)s.")
            % {
                "role": membership.get_role_display(),
                "coalition": (membership.coalition or membership.vendor).name,
            },
        )
        return redirect("coalition:start")
