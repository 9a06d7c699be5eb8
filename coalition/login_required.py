"""Deny by default: every page needs a logged-in user, except the public ones named here.

Django's `LoginRequiredMiddleware` honours `@login_not_required` on a view (allauth's
login pages, Django admin's login, `security_txt`); the public pages of the apps and of
Wagtail are listed by URL name below instead, so that making a page public is a visible
one-line decision in one place — and `tests/security/test_authorisation_matrix.py` checks
each of them.
"""

from __future__ import annotations

from django.contrib.auth.middleware import LoginRequiredMiddleware

PUBLIC_URL_NAMES: frozenset[str] = frozenset(
    {
        "health",
        "security_txt",
        "set_language",
        "javascript-catalog",
        # Wagtail: the public site, its documents, and its own view-restriction forms
        # (pages and documents with a restriction check it themselves).
        "wagtail_serve",
        "wagtailcore_authenticate_with_password",
        "wagtailcore_login",
        "wagtaildocs_serve",
        "wagtaildocs_authenticate_with_password",
        # The public training agenda and its calendar feeds.
        "training:public_list",
        "training:public_detail",
        "training:feed",
        "training:trainer_feed",
        "training:session_ics",
        # Toolkits and the site search (public content only).
        "content:toolkits",
        "content:search",
        # "Wat kan ik online bij mijn huisarts?": only practices that agreed to it.
        "practices_public:finder",
        "practices_public:page",
        "practices_public:print",
    }
)
# Uploaded images are public files (see MEDIA_ROOT in settings).
PUBLIC_PATH_PREFIXES: tuple[str, ...] = ("/media/",)


class PublicAwareLoginRequiredMiddleware(LoginRequiredMiddleware):
    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in PUBLIC_URL_NAMES:
            return None
        if request.path_info.startswith(PUBLIC_PATH_PREFIXES):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
