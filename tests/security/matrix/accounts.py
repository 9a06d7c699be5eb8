"""The rows of the one login, allauth's account and two-factor pages, the public
utilities and the public documents."""

from __future__ import annotations

from tests.security.matrix.base import (
    DENIED,
    FORBIDDEN,
    LEAD,
    LEAD_B,
    LOGOUT,
    NOT_ALLOWED,
    OFFICE,
    OK,
    REDIRECT,
    TO_LOGIN,
    TO_RESET,
    TRAINER,
    VENDOR,
    Row,
    answers,
    only,
    public,
    row,
)

ACCOUNTS: dict[str, Row] = {
    "^cms/login/$": TO_LOGIN,
    "^cms/logout/$": LOGOUT,
    "^cms/password_reset/": TO_RESET,
    "^django-admin/login/$": TO_LOGIN,
    "^django-admin/logout/$": LOGOUT,
    # Django's admin is for staff (no role of the platform): the change-password
    # redirect is for superusers; anyone else gets the admin's 403 (no login loop).
    "^django-admin/password_change/": row(
        get=answers(FORBIDDEN), post=answers(FORBIDDEN)
    ),
    "^_util/login/$": TO_LOGIN,
    "health": row(get=public(), post=public()),
    "security_txt": row(get=public(), post=public(NOT_ALLOWED)),
    "account_login": row(
        get=answers(REDIRECT, anonymous=OK), post=answers(REDIRECT, anonymous=OK)
    ),
    "account_logout": LOGOUT,
    "account_inactive": row(get=public(), post=public(NOT_ALLOWED)),
    "account_signup": row(
        get=answers(REDIRECT, anonymous=OK), post=answers(REDIRECT, anonymous=OK)
    ),
    "account_reauthenticate": row(get=answers(OK), post=answers(OK)),
    "account_request_reauthentication_code": row(
        get=answers(REDIRECT), post=answers(REDIRECT)
    ),
    "account_confirm_reauthentication_code": row(
        get=answers(REDIRECT), post=answers(REDIRECT)
    ),
    "account_email": row(get=answers(OK), post=answers(REDIRECT)),
    "account_email_verification_sent": row(get=public(), post=public(NOT_ALLOWED)),
    "account_change_password": row(get=answers(OK), post=answers(OK)),
    "account_set_password": row(get=answers(REDIRECT), post=answers(REDIRECT)),
    "account_reset_password": row(get=public(), post=public()),
    "account_confirm_login_code": row(get=answers(REDIRECT), post=answers(REDIRECT)),
    "account_confirm_email": row(get=public(), post=public(DENIED)),
    "account_reset_password_from_key_done": row(get=public(), post=public(NOT_ALLOWED)),
    "account_reset_password_from_key": row(get=public(), post=public()),
    "account_reset_password_done": row(get=public(), post=public(NOT_ALLOWED)),
    "mfa_index": row(get=answers(OK), post=answers(NOT_ALLOWED)),
    "mfa_authenticate": row(get=answers(REDIRECT), post=answers(REDIRECT)),
    "mfa_reauthenticate": row(
        get=answers(
            REDIRECT, trainer=OK, lead_own=OK, lead_other=OK, office=OK, vendor_user=OK
        ),
        post=answers(
            REDIRECT, trainer=OK, lead_own=OK, lead_other=OK, office=OK, vendor_user=OK
        ),
    ),
    "mfa_activate_totp": row(get=answers(REDIRECT), post=answers(REDIRECT)),
    "mfa_deactivate_totp": row(
        get=only(TRAINER, LEAD, LEAD_B, OFFICE, VENDOR, ok=REDIRECT),
        post=only(TRAINER, LEAD, LEAD_B, OFFICE, VENDOR, ok=REDIRECT),
    ),
    "mfa_view_recovery_codes": row(get=answers(DENIED), post=answers(NOT_ALLOWED)),
    "mfa_generate_recovery_codes": row(get=answers(REDIRECT), post=answers(REDIRECT)),
    "mfa_download_recovery_codes": row(get=answers(DENIED), post=answers(DENIED)),
    "set_language": row(get=public(REDIRECT), post=public(REDIRECT)),
    "javascript-catalog": row(get=public(), post=public(NOT_ALLOWED)),
    # A public document (root collection); private ones are tested in tests/content.
    "wagtaildocs_serve": row(
        {"#1": "document", "#2": "document.filename"},
        get=public(),
        post=public(),
    ),
    "wagtaildocs_authenticate_with_password": row(
        get=public(DENIED), post=public(DENIED)
    ),
}
