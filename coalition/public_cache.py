"""The public pages as an anonymous visitor sees them, kept for a minute.

A quarter of the platform's requests are visitors reading the website, the training
agenda, the toolkits and the search (issue 15's load mix), and every one of them
rendered the same page again: about 100 ms each at national scale. Here a page that a
public view answered with 200 to a visitor without a session is kept in the cache for
`PUBLIC_CACHE_SECONDS` (60; 0 switches it off) and served to the next visitor at the cost
of a cache read. Only addresses without a query string are kept: a search or a filter
would let anyone fill the cache (which also holds the login rate limits) with pages.

What makes such a page per-request is taken out before it is kept and put back fresh on
every hit: the CSP nonce (the header and the `nonce=` attributes get a new one, so a
kept page never reuses a nonce) and the CSRF token (each visitor gets a token for their
own cookie, as `{% csrf_token %}` would give). Only a visitor without a session cookie
and without pending messages is served from or stored into the cache, so a logged-in
user, a visitor who entered a page password, and the notice after logging out always
get a page rendered for them; so does a request whose rendering wrote to the session.

A committed change to anything the public pages show starts a new generation at once:
any model of Wagtail (pages, revisions, view restrictions, documents, images), of the
content, training and practices apps, and the coalitions (`connect`, called from
CoalitionConfig.ready). Generations are counted in the cache, so with Redis as the cache
(production) every web process sees a change at once.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.deprecation import MiddlewareMixin

# The public views whose pages are the same for every visitor (the calendar feeds and
# the print page are left out: they are small, and a feed reader polls them rarely).
CACHED_URL_NAMES: frozenset[str] = frozenset(
    {
        "wagtail_serve",
        "training:public_list",
        "training:public_detail",
        "content:toolkits",
        "content:search",
        "practices_public:finder",
        # Not practices_public:page: each view of it counts towards the practice's
        # own counter, so it is rendered for every visitor.
    }
)
# What the public pages are made of: a committed change to a model of these apps (or a
# coalition) starts a new generation.
SOURCE_APPS: frozenset[str] = frozenset(
    {"wagtailcore", "wagtaildocs", "wagtailimages", "content", "training", "practices"}
)
_GENERATION_KEY = "public-cache:generation"
_NONCE = b"\x00csp-nonce\x00"
_CSRF = b"\x00csrf-token\x00"
# A masked CSRF token as `get_token` writes it: 64 letters and digits.
_TOKEN_RE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def invalidate() -> None:
    """Start a new generation: every kept page is rendered again on its next visit."""
    try:
        cache.incr(_GENERATION_KEY)
    except ValueError:
        cache.set(_GENERATION_KEY, 1, None)


def _changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return
    if meta.app_label not in SOURCE_APPS and meta.label != "coalition.Coalition":
        return
    # After the commit: a visitor rendering in between would otherwise keep the old
    # page under the new generation. Once per transaction (an import saves thousands
    # of rows); a rolled-back savepoint takes its callback along, so a later change
    # registers it again.
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        func is invalidate for _sids, func, _robust in connection.run_on_commit
    ):
        return
    transaction.on_commit(invalidate)


def connect() -> None:
    from wagtail.signals import post_page_move

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"public-cache-{id(signal)}")
    post_page_move.connect(_changed, dispatch_uid="public-cache-move")


def _generation() -> int:
    return cache.get_or_set(_GENERATION_KEY, 0, None)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PUBLIC_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HX-Request" not in request.headers
        and not request.user.is_authenticated
    )


def _key(request: HttpRequest) -> str:
    raw = "\n".join(
        (
            request.get_host(),
            request.path,  # no query string: those are never kept
            getattr(request, "LANGUAGE_CODE", ""),
            str(_generation()),
        )
    )
    return "public-cache:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _without_tokens(request: HttpRequest, body: bytes) -> bytes | None:
    """The body with this request's nonce and CSRF tokens as placeholders; None when a
    placeholder is already in it (a page quoting one can't be kept safely)."""
    if _NONCE in body or _CSRF in body:
        return None
    nonce = getattr(request, "_csp_nonce", None)
    if nonce:  # generated: the page used it
        body = body.replace(str(nonce).encode(), _NONCE)
    secret = request.META.get("CSRF_COOKIE")
    if secret:

        def token(match: re.Match) -> bytes:
            text = match.group().decode()
            return _CSRF if _unmask_cipher_token(text) == secret else match.group()

        body = _TOKEN_RE.sub(token, body)
    return body


def _with_tokens(request: HttpRequest, body: bytes) -> bytes:
    if _NONCE in body:
        body = body.replace(_NONCE, str(request._csp_nonce).encode())
    if _CSRF in body:
        # get_token also marks the CSRF cookie to be set on this response.
        body = body.replace(_CSRF, get_token(request).encode())
    return body


class PublicPageCacheMiddleware(MiddlewareMixin):
    """Place after the session, authentication, locale and CSRF middleware: a hit goes
    out through them (and the CSP middleware) like a rendered page."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in CACHED_URL_NAMES:
            return None
        if not _cacheable_request(request):
            return None
        key = _key(request)
        kept = cache.get(key)
        if kept is None:
            request._public_cache_key = key
            return None
        content_type, body = kept
        response = HttpResponse(_with_tokens(request, body), content_type=content_type)
        response["X-Public-Cache"] = "hit"
        return response

    def process_response(self, request, response: HttpResponse) -> HttpResponse:
        key = getattr(request, "_public_cache_key", None)
        if key is None or not self._keepable(response):
            return response
        session = getattr(request, "session", None)
        if session is not None and session.modified:
            return response
        body = _without_tokens(request, response.content)
        if body is not None:
            cache.set(
                key, (response["Content-Type"], body), settings.PUBLIC_CACHE_SECONDS
            )
            response["X-Public-Cache"] = "miss"
        return response

    @staticmethod
    def _keepable(response: HttpResponse) -> bool:
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(w in control for w in ("private", "no-store", "no-cache"))
        )
