"""allauth's adapter: closed sign-up, the real client address, a login limit that one
attacker cannot turn into a lock for everyone, and e-mails that name the platform and
link to SITE_URL (not to whatever host the request came in on)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal.httpkit import get_client_ip
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse


def client_ip(request: HttpRequest) -> str:
    """The address of the client: `REMOTE_ADDR`, or behind our own proxies
    (`TRUSTED_PROXY_COUNT`) the address the nearest of them put in X-Forwarded-For.
    A header sent by the client itself is never believed."""
    ip = get_client_ip(request)
    if not ip:
        raise PermissionDenied("Unable to determine client IP address")
    return ip


class AccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: a project lead invites people."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        return client_ip(request)

    def _get_login_attempts_cache_key(
        self, request: HttpRequest, **credentials: Any
    ) -> str:
        """Failed logins count per account *and* address: wrong passwords for someone
        else's e-mail address from elsewhere do not lock that person out."""
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:" + (
            client_ip(request)
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.SITE_URL.rstrip("/"),
            **context,
        }
        super().send_mail(template_prefix, email, context)

    def format_email_subject(self, subject: str) -> str:
        return f"{settings.WAGTAIL_SITE_NAME}: {subject}"

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse(
            "account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"}
        ).replace("UID-KEY", quote(key))
        return settings.SITE_URL.rstrip("/") + path
