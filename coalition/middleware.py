"""Account middleware: MFA enforcement (leads, trainers and the programme office reach
no page before they have set up an authenticator app), no login loop on the admin sites,
and the idle timeout of a session."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.datastructures import MultiValueDictKeyError

from coalition import access

logger = logging.getLogger(__name__)

# Paths a user without MFA may still reach: setting it up, logging out, assets.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/media/", "/health/", "/i18n/")


def mfa_required(user) -> bool:
    if not user.is_authenticated:
        return False
    if not (access.roles(user) & settings.MFA_REQUIRED_ROLES):
        return False
    if settings.MFA_EXEMPT_DEMO_USERS and getattr(user, "is_demo", False):
        return False
    return True


def has_totp(user) -> bool:
    """Whether the user has an authenticator app now (a query; the middleware reads
    the answer that came with the user's memberships, `access.scope`)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


class RequireMFAMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_ALLOWED_PREFIXES)
            and mfa_required(user)
            and not access.scope(user).has_totp
        ):
            setup = reverse("mfa_activate_totp")
            return redirect(f"{setup}?next={request.get_full_path()}")
        return self.get_response(request)


# Paths of the two admin sites that are allauth's redirects (coalition.auth_views).
_ADMIN_AUTH_PATHS = (
    "/cms/login/",
    "/cms/logout/",
    "/cms/password_reset/",
    "/django-admin/login/",
    "/django-admin/logout/",
)


# The CSP nonce of the /cms/ request being served, for Wagtail's inline scripts
# (content/templatetags/cms_csp.py): its widgets render without the request.
cms_csp_nonce: ContextVar[object | None] = ContextVar("cms_csp_nonce", default=None)


class AdminAccessMiddleware:
    """A logged-in user without rights to an admin site gets the 403 page there; the
    Wagtail admin gets its CSP (SECURE_CSP_CMS: scripts only with the nonce, as on the
    rest of the site; inline styles allowed), the rest of the site the strict one.

    Wagtail and Django's admin send such a user to their login page, which sends a
    logged-in user back to where they came from: an endless loop.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path
        user = request.user
        if user.is_authenticated and not path.startswith(_ADMIN_AUTH_PATHS):
            if path.startswith("/cms/") and not user.has_perm(
                "wagtailadmin.access_admin"
            ):
                raise PermissionDenied
            if path.startswith("/django-admin/") and not user.is_staff:
                raise PermissionDenied
        if not path.startswith("/cms/"):
            return self.get_response(request)
        token = cms_csp_nonce.set(getattr(request, "_csp_nonce", None))
        try:
            response = self.get_response(request)  # template responses render inside
        finally:
            cms_csp_nonce.reset(token)
        # Read by Django's ContentSecurityPolicyMiddleware (outside this one).
        response._csp_config = settings.SECURE_CSP_CMS
        return response


# --- idle timeout ---------------------------------------------------------------------

_LAST_SEEN = "_last_seen"
# The time of the last request is written at most once a minute: no session write on
# every request.
_LAST_SEEN_RESOLUTION = 60


@receiver(user_logged_in)
def _mark_session_seen(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[_LAST_SEEN] = int(time.time())


class IdleTimeoutMiddleware:
    """A session unused for SESSION_IDLE_MINUTES ends: the next request is anonymous
    and the server-side session is deleted."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(_LAST_SEEN)
            if last is not None and now - last > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
            elif last is None or now - last >= _LAST_SEEN_RESOLUTION:
                request.session[_LAST_SEEN] = now
        return self.get_response(request)


# --- malformed posts ------------------------------------------------------------------


class MalformedPostMiddleware:
    """A post that lacks a field the form machinery reads directly (a formset's
    management form, a StreamField's count, Wagtail's copy target) is the client's
    mistake: 400 with a message, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if request.method == "POST" and isinstance(exception, MultiValueDictKeyError):
            logger.warning(
                "Onvolledig formulier op %s: veld %s ontbreekt", request.path, exception
            )
            return render(request, "400.html", status=400)
        return None
