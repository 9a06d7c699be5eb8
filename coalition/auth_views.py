"""The login, logout and password views that Wagtail and Django's admin mount of their
own, replaced by allauth's: one login path, with its MFA step and rate limits."""

from __future__ import annotations

from urllib.parse import urlencode

from allauth.account.views import LogoutView
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse

__all__ = ["LogoutView", "to_login", "to_password_change", "to_password_reset"]


def _redirect(name: str, request: HttpRequest, *, keep_next: bool = False):
    url = reverse(name)
    next_url = request.GET.get("next", "")
    if keep_next and next_url:
        url = f"{url}?{urlencode({'next': next_url})}"
    return HttpResponseRedirect(url)


def to_login(request: HttpRequest, *args, **kwargs):
    """Any login form → allauth's (allauth checks that `next` stays on this site)."""
    return _redirect("account_login", request, keep_next=True)


def to_password_reset(request: HttpRequest, *args, **kwargs):
    return _redirect("account_reset_password", request)


def to_password_change(request: HttpRequest, *args, **kwargs):
    return _redirect("account_change_password", request)
