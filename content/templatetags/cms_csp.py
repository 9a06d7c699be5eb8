"""The CSP nonce for the inline scripts of Wagtail's admin (its widget and panel
templates, overridden in content/templates/wagtailadmin/ to carry it).

Widgets render without the request, so the nonce comes from the request being served
(coalition.middleware.AdminAccessMiddleware keeps it for /cms/).
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from coalition.middleware import cms_csp_nonce

register = template.Library()


@register.simple_tag
def cms_nonce_attr() -> str:
    nonce = cms_csp_nonce.get()
    return format_html('nonce="{}"', nonce) if nonce is not None else ""
