"""The rows of the site (content, search, members-only collections) and of Wagtail's
and Django's admin pages that differ from the prefix rules."""

from __future__ import annotations

from tests.security.matrix.base import (
    CMS_EDITORS,
    DENIED,
    FORBIDDEN,
    LEAD,
    LEAD_B,
    LOGOUT,
    MISSING,
    NOT_ALLOWED,
    OFFICE,
    REDIRECT,
    TO_LOGIN,
    TO_RESET,
    Row,
    answers,
    only,
    public,
    row,
)

CONTENT: dict[str, Row] = {
    "content:toolkits": row(get=public(REDIRECT), post=public(NOT_ALLOWED)),
    "content:search": row(get=public(), post=public(NOT_ALLOWED)),
    "content:usage_report": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "wagtailcore_authenticate_with_password": row(
        get=public(DENIED), post=public(DENIED)
    ),
    "wagtailcore_login": TO_LOGIN,
    "wagtail_serve": row(get=public(), post=public()),
    # Wagtail admin pages that differ from the /cms/ rule below.
    "wagtailadmin_sprite": row(
        get=only(*CMS_EDITORS, other=FORBIDDEN),
        post=only(*CMS_EDITORS, other=FORBIDDEN),
    ),
    "wagtailadmin_javascript_catalog": row(
        get=only(*CMS_EDITORS, other=FORBIDDEN),
        post=only(*CMS_EDITORS, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    # Wagtail's login, logout and password pages are allauth's (see TO_LOGIN).
    "wagtailadmin_login": TO_LOGIN,
    "wagtailadmin_password_reset": TO_RESET,
    "wagtailadmin_password_reset_done": TO_RESET,
    "wagtailadmin_password_reset_confirm": TO_RESET,
    "wagtailadmin_password_reset_complete": TO_RESET,
    "wagtailadmin_logout": LOGOUT,
    # Wagtail's deliberate error page, for admins to test error reporting.
    "wagtailadmin_error_test": row(
        get=only(*CMS_EDITORS, ok={500}, other=FORBIDDEN),
        post=only(*CMS_EDITORS, ok={500}, other=FORBIDDEN),
    ),
    # The admin's catch-all: a redirect to the admin's home for who may enter.
    # A logged-in user who is no editor gets the 403 page in the whole admin.
    "cms/^.*/$": row(
        get=only(*CMS_EDITORS, ok=DENIED, other=FORBIDDEN, anonymous=REDIRECT),
        post=only(*CMS_EDITORS, ok=DENIED, other=FORBIDDEN, anonymous=REDIRECT),
    ),
    "admin:login": TO_LOGIN,
    "admin:logout": LOGOUT,
    # Issue 11.9: a lead marks their own section's collections members-only.
    "content:section_collections": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "content:collection_members_only": row(
        {"pk": "section_collection"},
        get=answers(FORBIDDEN, lead_own=NOT_ALLOWED, lead_other=NOT_ALLOWED),
        post=answers(FORBIDDEN, lead_own=REDIRECT, lead_other=MISSING),
    ),
}
