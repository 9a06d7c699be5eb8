"""The authorisation matrix: for every URL pattern, how to build its URL from the small
two-coalition data set (`world.py`) and what each role gets for GET and POST.

Answers: an HTTP status, or LOGIN (a redirect to the login page). A set allows several
answers (a redirect may be right, an object may be out of reach with 403 or 404). 500 is
never allowed. Roles are listed in `world.ROLES`.

Adding a pattern is adding one line to TABLE, e.g.

    "visits:visit_detail": row({"pk": "visit"}, get=only(OWN, LEAD, OFFICE)),

`row(values, get=…, post=…, query=…)`: `values` fills the route's parameters from world
objects ("visit" → its pk, "coalition.slug" → an attribute, lit("x") → a literal);
`query` is appended to the URL ("?coalitie=coalitie-a": a page's scope parameter).
`get`/`post` default to DENY_ALL, a dict role → answers; `only(*roles)` allows those
roles (OK) and denies everyone else; `public()` allows everyone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.security.engine import LOGIN

OK = frozenset({200})
REDIRECT = frozenset({302})
DONE = frozenset({200, 302})  # a form shown again with its errors, or done
DENIED = frozenset({403, 404})
FORBIDDEN = frozenset({403})  # a page for other roles (it is no secret that it exists)
MISSING = frozenset({404})  # an object outside the user's scope does not exist
NOT_ALLOWED = frozenset({405})
LOGIN_FIRST = frozenset({LOGIN})

ANON, OWN, OTHER, TRAINER, LEAD, LEAD_B, FUNDER, OFFICE = (
    "anonymous",
    "practice_own",
    "practice_other",
    "trainer",
    "lead_own",
    "lead_other",
    "funder",
    "office",
)
VENDOR = "vendor_user"  # a user of the vendor the world's bottleneck was passed on to
ALL = (ANON, OWN, OTHER, TRAINER, LEAD, LEAD_B, FUNDER, OFFICE, VENDOR)
LOGGED_IN = ALL[1:]


class lit(str):
    """A literal parameter value (not the name of a world object)."""


Expect = dict[str, frozenset[int]]


def answers(default: frozenset[int], anonymous=LOGIN_FIRST, **by_role) -> Expect:
    out = {role: frozenset(default) for role in LOGGED_IN}
    out[ANON] = frozenset(anonymous)
    out.update({role: frozenset(a) for role, a in by_role.items()})
    return out


def only(*roles: str, ok: frozenset[int] = OK, other=DENIED, anonymous=LOGIN_FIRST):
    """These roles get `ok`; every other logged-in role `other`; anonymous logs in."""
    return answers(other, anonymous, **dict.fromkeys(roles, ok))


def public(ok: frozenset[int] = OK) -> Expect:
    return answers(ok, anonymous=ok)


DENY_ALL = answers(DENIED)
GET_ONLY = answers(NOT_ALLOWED)


@dataclass(frozen=True)
class Row:
    values: dict[str, str] = field(default_factory=dict)
    get: Expect = field(default_factory=lambda: DENY_ALL)
    post: Expect = field(default_factory=lambda: DENY_ALL)
    query: str = ""


def row(values=None, *, get=DENY_ALL, post=None, query="") -> Row:
    return Row(values or {}, get, post if post is not None else GET_ONLY, query)


BAD = frozenset({400})  # an empty POST refused as malformed
# every lead edits their coalition's part of the site; the office the national pages
CMS_EDITORS = (LEAD, LEAD_B, OFFICE)
CMS_ANSWERS = frozenset({200, 302, 400, 404, 405})
# One way in (coalition/urls.py, auth_redirects): the login, logout and password pages
# of Wagtail and Django's admin are allauth's. Every login form sends to allauth's login;
# a logout is allauth's (GET: the confirm page, POST: logged out, then home).
TO_LOGIN = row(get=answers(LOGIN_FIRST), post=answers(LOGIN_FIRST))
LOGOUT = row(get=answers(OK, anonymous=REDIRECT), post=public(REDIRECT))
# A forgotten password: everyone, visitors too, is sent to allauth's reset page.
TO_RESET = row(get=public(REDIRECT), post=public(REDIRECT))
# The funder's progress report (coalition.access.report_coalitions): the leads, funders
# and the office; a coalition outside the scope (?coalitie=) does not exist; a role
# without any report (practice users, trainers) is refused.
PROGRESS = row(
    get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING, funder=OK, office=OK),
    post=only(LEAD, LEAD_B, FUNDER, OFFICE, ok=NOT_ALLOWED, other=FORBIDDEN),
    query="?coalitie=coalitie-a",
)
# The office's comparison of every coalition.
COMPARISON = row(
    get=only(OFFICE, other=FORBIDDEN),
    post=only(OFFICE, ok=NOT_ALLOWED, other=FORBIDDEN),
)
# A questionnaire's regional report: its coalition's leads and the office read the full
# report, its funder the anonymised one; for anyone else it does not exist.
REPORT = row(
    {"pk": "questionnaire"},
    get=only(LEAD, FUNDER, OFFICE, other=MISSING),
    post=only(LEAD, FUNDER, OFFICE, ok=NOT_ALLOWED, other=MISSING),
)

TABLE: dict[str, Row] = {
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
    "coalition:start": row(get=answers(OK), post=answers(NOT_ALLOWED)),
    "coalition:coalition_list": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "coalition:coalition_detail": row(
        {"slug": "coalition.slug"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
    ),
    "coalition:progress": PROGRESS,
    "coalition:progress_xlsx": PROGRESS,
    "coalition:progress_pdf": PROGRESS,
    "coalition:comparison": COMPARISON,
    "coalition:comparison_xlsx": COMPARISON,
    # An invitation of an existing account (practice_other, to become trainer of A):
    # GET shows every logged-in user what the link offers them (nothing, but to the
    # invited account); only the invited account accepts it.
    "coalition:invitation_accept": row(
        {"token": "invitation.token"},
        get=answers(OK),
        post=answers(BAD, practice_other=REDIRECT),
    ),
    "coalition:user_list": row(
        get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B, ok=NOT_ALLOWED)
    ),
    # The office invites vendors' people (issue 16).
    "coalition:invite": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE)
    ),
    "coalition:audit_log": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "practices:list": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "practices:create": row(get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B)),
    "practices:bulk_step": row(
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, LEAD_B, ok=REDIRECT)
    ),
    "practices:import": row(get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B)),
    "practices:import_template": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "practices:dashboard": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    # An empty POST lacks the formset's management form: 400, nothing saved.
    "practices:deadlines": row(get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B, ok=BAD)),
    # Like the go-live dashboard: another coalition's (?coalition=) does not exist.
    "practices:dashboard_export": row(
        get=answers(DENIED, lead_own=OK, lead_other=MISSING, office=OK),
        post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
        query="?coalition=coalitie-a",
    ),
    "practices:member_matrix": row(
        {"pk": "member_organisation"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
    ),
    "practices:vendor_list": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "practices:vendor_detail": row(
        {"pk": "vendor"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
    ),
    "practices:detail": row(
        {"pk": "practice"}, get=only(OWN, LEAD, OFFICE), post=answers(NOT_ALLOWED)
    ),
    "practices:edit": row(
        {"pk": "practice"}, get=only(OWN, LEAD), post=only(OWN, LEAD)
    ),
    "practices:rollout": row(
        {"pk": "practice"}, get=answers(NOT_ALLOWED), post=only(LEAD, ok=REDIRECT)
    ),
    "visits:visit_list": row(
        get=answers(OK, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
        post=answers(NOT_ALLOWED, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
    ),
    "visits:visit_create": row(get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B)),
    "visits:yearly": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "visits:plan_bulk": row(
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, LEAD_B, ok=REDIRECT)
    ),
    "visits:calendar": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "visits:visit_detail": row(
        {"pk": "visit"},
        get=only(OWN, LEAD, OFFICE),
        post=answers(NOT_ALLOWED, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
    ),
    "visits:visit_update": row({"pk": "visit"}, get=only(LEAD), post=only(LEAD)),
    "visits:visit_share": row(
        {"pk": "visit"}, get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, ok=BAD)
    ),
    "visits:visit_reply": row(
        {"pk": "visit"}, get=only(OWN, OTHER, ok=NOT_ALLOWED), post=only(OWN, ok=BAD)
    ),
    "visits:visit_cancel": row(
        {"pk": "visit"}, get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, ok=BAD)
    ),
    "visits:action_create": row(
        {"pk": "visit"}, get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, ok=BAD)
    ),
    "visits:visit_bottleneck_create": row(
        {"pk": "visit"}, get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, ok=BAD)
    ),
    "visits:action_list": row(
        get=answers(OK, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
        post=answers(NOT_ALLOWED, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
    ),
    "visits:action_complete": row(
        {"pk": "action"},
        get=answers(
            NOT_ALLOWED,
            trainer=DENIED,
            funder=DENIED,
            office=DENIED,
            vendor_user=DENIED,
        ),
        post=only(OWN, LEAD, ok=REDIRECT),
    ),
    "visits:bottleneck_list": row(
        get=answers(OK, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
        post=answers(NOT_ALLOWED, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
    ),
    "visits:bottleneck_create": row(
        get=answers(
            OK, trainer=DENIED, funder=DENIED, office=DENIED, vendor_user=DENIED
        ),
        post=answers(
            OK, trainer=DENIED, funder=DENIED, office=DENIED, vendor_user=DENIED
        ),
    ),
    "visits:bottleneck_inbox": row(
        get=only(OFFICE, other=FORBIDDEN),
        post=only(OFFICE, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "visits:bottleneck_overview": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "visits:bottleneck_detail": row(
        {"pk": "bottleneck"},
        get=only(OWN, LEAD, OFFICE),
        post=answers(NOT_ALLOWED, trainer=DENIED, funder=DENIED, vendor_user=DENIED),
    ),
    "visits:bottleneck_update": row(
        {"pk": "bottleneck"}, get=only(LEAD), post=only(LEAD)
    ),
    # The office passes on and resolves what was passed on to it (its inbox).
    "visits:bottleneck_pass_on": row(
        {"pk": "bottleneck"},
        get=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
        post=only(LEAD, ok=BAD),
    ),
    "visits:bottleneck_resolve": row(
        {"pk": "bottleneck"},
        get=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
        post=only(LEAD, ok=BAD),
    ),
    "training:session_list": row(
        get=answers(OK, funder=DENIED, vendor_user=DENIED),
        post=answers(NOT_ALLOWED, funder=DENIED, vendor_user=DENIED),
    ),
    "training:public_list": row(get=public(), post=public(NOT_ALLOWED)),
    "training:feed": row(get=public(), post=public(NOT_ALLOWED)),
    "training:trainer_feed": row(
        {"token": "trainer_feed.token"}, get=public(), post=public(NOT_ALLOWED)
    ),
    "training:trainer_feed_manage": row(
        get=only(TRAINER, other=FORBIDDEN),
        post=only(TRAINER, ok=REDIRECT, other=FORBIDDEN),
    ),
    # A practice's team training: its own users, its coalition's lead, the office.
    "training:team_training": row(
        {"pk": "practice"},
        get=answers(
            MISSING,
            practice_own=OK,
            trainer=FORBIDDEN,
            lead_own=OK,
            funder=FORBIDDEN,
            office=OK,
            vendor_user=FORBIDDEN,
        ),
        post=answers(
            NOT_ALLOWED, trainer=FORBIDDEN, funder=FORBIDDEN, vendor_user=FORBIDDEN
        ),
    ),
    # Writing to a session's participants: its own trainers and its coalition's lead.
    # An empty POST shows the form again with its errors.
    "training:session_messages": row(
        {"pk": "session"},
        get=answers(FORBIDDEN, trainer=OK, lead_own=OK, lead_other=MISSING),
        post=answers(FORBIDDEN, trainer=OK, lead_own=OK, lead_other=MISSING),
    ),
    "training:public_detail": row(
        {"pk": "session"}, get=public(), post=public(NOT_ALLOWED)
    ),
    "training:session_ics": row(
        {"pk": "session"}, get=public(), post=public(NOT_ALLOWED)
    ),
    "training:session_create": row(
        get=only(TRAINER, LEAD, LEAD_B), post=only(TRAINER, LEAD, LEAD_B)
    ),
    "training:session_detail": row(
        {"pk": "session"},
        get=answers(OK, lead_other=DENIED, funder=DENIED, vendor_user=DENIED),
        post=answers(NOT_ALLOWED, funder=DENIED, vendor_user=DENIED),
    ),
    "training:session_update": row(
        {"pk": "session"}, get=only(TRAINER, LEAD), post=only(TRAINER, LEAD)
    ),
    "training:session_cancel": row(
        {"pk": "session"},
        get=only(TRAINER, LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(TRAINER, LEAD, ok=REDIRECT),
    ),
    "training:register": row(
        {"pk": "session"}, get=only(OWN, OTHER, LEAD), post=only(OWN, OTHER, LEAD)
    ),
    "training:attendance": row(
        {"pk": "session"},
        get=only(TRAINER, LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(TRAINER, LEAD, ok=REDIRECT),
    ),
    "training:attendee_export": row(
        {"pk": "session"},
        get=only(TRAINER, LEAD),
        post=only(TRAINER, LEAD, LEAD_B, ok=NOT_ALLOWED),
    ),
    # Cancelling asks first: GET shows the confirm page, a POST without its confirm
    # field shows it again.
    "training:registration_cancel": row(
        {"pk": "registration"},
        get=only(OWN, TRAINER, LEAD),
        post=only(OWN, TRAINER, LEAD),
    ),
    "training:certificate": row(
        {"pk": "registration"},
        get=answers(DENIED),
        post=answers(NOT_ALLOWED, funder=DENIED, vendor_user=DENIED),
    ),
    "training:course_list": row(
        get=answers(
            OK,
            practice_own=DENIED,
            practice_other=DENIED,
            funder=DENIED,
            vendor_user=DENIED,
        ),
        post=answers(
            NOT_ALLOWED,
            practice_own=DENIED,
            practice_other=DENIED,
            funder=DENIED,
            vendor_user=DENIED,
        ),
    ),
    "training:course_create": row(
        get=only(TRAINER, LEAD, LEAD_B), post=only(TRAINER, LEAD, LEAD_B)
    ),
    "training:course_update": row(
        {"pk": "course"}, get=only(TRAINER, LEAD), post=only(TRAINER, LEAD)
    ),
    "training:coverage": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "training:coverage_invite_all": row(
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED), post=only(LEAD, LEAD_B, ok=REDIRECT)
    ),
    "training:coverage_invite": row(
        {"pk": "practice"},
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(LEAD, ok=REDIRECT),
    ),
    "surveys:questionnaire_list": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "surveys:questionnaire_create": row(
        get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B)
    ),
    "surveys:my": row(get=only(OWN, OTHER), post=only(OWN, OTHER, ok=NOT_ALLOWED)),
    "surveys:questionnaire_detail": row(
        {"pk": "questionnaire"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "surveys:questionnaire_edit": row(
        {"pk": "questionnaire"}, get=only(LEAD), post=only(LEAD)
    ),
    "surveys:questionnaire_status": row(
        {"pk": "questionnaire"},
        get=only(LEAD, ok=NOT_ALLOWED),
        post=only(LEAD, ok=REDIRECT),
    ),
    "surveys:question_create": row(
        {"pk": "questionnaire"}, get=answers(DENIED), post=answers(DENIED)
    ),
    "surveys:question_edit": row(
        {"pk": "questionnaire", "question_pk": "question"},
        get=answers(DENIED),
        post=answers(DENIED),
    ),
    "surveys:invite": row(
        {"pk": "questionnaire"}, get=only(LEAD), post=only(LEAD, ok=REDIRECT)
    ),
    "surveys:progress": row(
        {"pk": "questionnaire"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "surveys:reminders_send": row(
        {"pk": "questionnaire"},
        get=answers(FORBIDDEN, lead_own=NOT_ALLOWED, lead_other=MISSING),
        post=answers(FORBIDDEN, lead_own=REDIRECT, lead_other=MISSING),
    ),
    "surveys:results": row(
        {"pk": "questionnaire"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "surveys:export": row(
        {"pk": "questionnaire"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "surveys:report_list": row(get=answers(OK), post=answers(NOT_ALLOWED)),
    "surveys:report": REPORT,
    "surveys:report_xlsx": REPORT,
    "surveys:report_pdf": REPORT,
    "surveys:report_freeze": row(
        {"pk": "questionnaire"},
        get=only(LEAD, FUNDER, OFFICE, ok=NOT_ALLOWED, other=MISSING),
        post=answers(MISSING, lead_own=REDIRECT, funder=FORBIDDEN, office=FORBIDDEN),
    ),
    "surveys:import": row({"pk": "questionnaire"}, get=only(LEAD), post=only(LEAD)),
    "surveys:response_start": row(
        {"pk": "questionnaire", "practice_pk": "practice"},
        get=only(OWN, OTHER, ok=NOT_ALLOWED),
        post=only(OWN, ok=REDIRECT),
    ),
    "surveys:response_form": row(
        {"pk": "response"},
        get=answers(DENIED, practice_own=OK, lead_own=REDIRECT, office=REDIRECT),
        post=only(OWN, LEAD, OFFICE, ok=REDIRECT),
    ),
    "surveys:response_detail": row(
        {"pk": "response"},
        get=only(OWN, LEAD, OFFICE),
        post=only(OWN, LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "surveys:response_reopen": row({"pk": "response"}, get=only(LEAD), post=only(LEAD)),
    "surveys:answer_save": row(
        {"pk": "response", "code": lit("list_size")},
        get=answers(
            DENIED, practice_own=NOT_ALLOWED, lead_own=REDIRECT, office=REDIRECT
        ),
        post=answers(DENIED, practice_own=OK, lead_own=REDIRECT, office=REDIRECT),
    ),
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
    # Issue 16: a vendor's own pages; a bottleneck passed on to another vendor (or not
    # passed on) does not exist for it (tests/practices/test_vendor.py).
    "visits:vendor_home": row(
        get=only(VENDOR, other=FORBIDDEN),
        post=only(VENDOR, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "visits:vendor_bottleneck": row(
        {"pk": "vendor_bottleneck"},
        get=only(VENDOR, other=FORBIDDEN),
        post=only(VENDOR, ok=BAD, other=FORBIDDEN),
    ),
    # "Wat kan ik online bij mijn huisarts?" (issue 16): public, for a practice that
    # agreed to it (the world's own practice did; the other one did not: 404, tested
    # in tests/practices/test_public_page.py).
    "practices_public:finder": row(get=public(), post=public(NOT_ALLOWED)),
    "practices_public:page": row(
        {"slug": "practice.public_slug"}, get=public(), post=public(NOT_ALLOWED)
    ),
    "practices_public:print": row(
        {"slug": "practice.public_slug"}, get=public(), post=public(NOT_ALLOWED)
    ),
    # Only the practice itself switches its page on or off (a POST without the
    # agreement only says so); the lead sees it, others do not see the practice.
    "practices:public_page_set": row(
        {"pk": "practice"},
        get=answers(NOT_ALLOWED),
        post=answers(
            MISSING, practice_own=REDIRECT, lead_own=FORBIDDEN, office=FORBIDDEN
        ),
    ),
    # Issue 11.13: the practice proposes, its lead decides.
    "practices:proposal_create": row(
        {"pk": "practice"},
        get=answers(MISSING, practice_own=OK, lead_own=FORBIDDEN, office=FORBIDDEN),
        post=answers(MISSING, practice_own=OK, lead_own=FORBIDDEN, office=FORBIDDEN),
    ),
    "practices:proposal_decide": row(
        {"pk": "proposal"},
        get=answers(NOT_ALLOWED),
        post=answers(
            MISSING, practice_own=FORBIDDEN, lead_own=REDIRECT, office=FORBIDDEN
        ),
    ),
    # The background export of every coalition a user reads: started by who reads more
    # than one (in the world: the office); the export's pages are its requester's only.
    "coalition:progress_export_start": row(
        get=answers(
            FORBIDDEN,
            lead_own=NOT_ALLOWED,
            lead_other=NOT_ALLOWED,
            funder=NOT_ALLOWED,
            office=NOT_ALLOWED,
        ),
        post=only(OFFICE, ok=REDIRECT, other=FORBIDDEN),
    ),  # fmt: skip
    "coalition:progress_export": row(
        {"pk": "report_export"},
        get=only(OFFICE, other=MISSING),
        post=answers(NOT_ALLOWED),
    ),
    "coalition:progress_export_status": row(
        {"pk": "report_export"},
        get=only(OFFICE, other=MISSING),
        post=answers(NOT_ALLOWED),
    ),
    # still being made: no file yet, for its requester neither
    "coalition:progress_export_download": row(
        {"pk": "report_export"}, get=answers(MISSING), post=answers(NOT_ALLOWED)
    ),
    # --- issue 11.2 / 11.8: vendors, product versions, certifications ---
    "coalition:vendor_admin_list": row(
        get=only(LEAD, LEAD_B, OFFICE), post=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED)
    ),
    "coalition:vendor_create": row(
        get=only(LEAD, LEAD_B), post=only(LEAD, LEAD_B, ok=DONE)
    ),
    "coalition:vendor_admin_detail": row(
        {"pk": "vendor"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=NOT_ALLOWED),
    ),
    "coalition:vendor_update": row(
        {"pk": "vendor"}, get=only(LEAD, OFFICE), post=only(LEAD, OFFICE, ok=DONE)
    ),
    "coalition:vendor_contact_create": row(
        {"pk": "vendor"}, get=only(LEAD), post=only(LEAD, ok=DONE)
    ),
    "coalition:vendor_contact_update": row(
        {"pk": "vendor", "cpk": "vendor_contact"},
        get=only(LEAD),
        post=only(LEAD, ok=DONE),
    ),
    "coalition:product_version_create": row(
        {"pk": "vendor"}, get=only(LEAD, OFFICE), post=only(LEAD, OFFICE, ok=DONE)
    ),
    "coalition:product_version_update": row(
        {"pk": "vendor", "vpk": "product_version"},
        get=only(LEAD, OFFICE),
        post=only(LEAD, OFFICE, ok=DONE),
    ),
    "coalition:certification_propose": row(
        {"pk": "vendor"}, get=only(LEAD, OFFICE), post=only(LEAD, OFFICE, ok=DONE)
    ),
    "coalition:certification_list": row(
        get=only(OFFICE), post=only(OFFICE, ok=NOT_ALLOWED)
    ),
    "coalition:certification_confirm": row(
        {"pk": "certification"},
        get=only(OFFICE, ok=NOT_ALLOWED),
        post=only(OFFICE, ok=REDIRECT),
    ),
    "coalition:certification_withdraw": row(
        {"pk": "certification"}, get=only(OFFICE), post=only(OFFICE, ok=DONE)
    ),
    # --- issue 11.4: users of a coalition (member: practice_other, a user of A) ---
    "coalition:user_admin_detail": row(
        {"pk": "member"},
        get=only(LEAD),
        # A wrong method is answered before the lookup: 405 says nothing of the user.
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
    ),
    "coalition:membership_change": row(
        {"pk": "member", "mpk": "member_membership"},
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(LEAD, ok=BAD),
    ),
    "coalition:user_deactivate": row(
        {"pk": "member"},
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(LEAD, ok=REDIRECT),
    ),
    "coalition:user_reactivate": row(
        {"pk": "member"},
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(LEAD, ok=REDIRECT),
    ),
    "coalition:user_resend_invitation": row(
        {"pk": "member"},
        get=only(LEAD, LEAD_B, ok=NOT_ALLOWED),
        post=only(LEAD, ok=REDIRECT),
    ),
    # Coalition administration (issue 11, parts 1 and 3): a lead's member
    # organisations, agreements and grants; another coalition's do not exist for them.
    "coalition:member_org_list": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "coalition:member_org_create": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, other=FORBIDDEN),
    ),
    "coalition:member_org_detail": row(
        {"pk": "member_organisation"},
        get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "coalition:member_org_edit": row(
        {"pk": "member_organisation"},
        get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
        post=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
    ),
    "coalition:member_org_end": row(
        {"pk": "member_organisation"},
        get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
        post=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
    ),
    "coalition:agreement_list": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "coalition:agreement_create": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, other=FORBIDDEN),
    ),
    "coalition:agreement_edit": row(
        {"pk": "agreement"},
        get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
        post=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
    ),
    "coalition:grant_list": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "coalition:grant_create": row(
        get=only(LEAD, LEAD_B, other=FORBIDDEN),
        post=only(LEAD, LEAD_B, other=FORBIDDEN),
    ),
    "coalition:grant_edit": row(
        {"pk": "grant"},
        get=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
        post=answers(FORBIDDEN, lead_own=OK, lead_other=MISSING),
    ),
    # The programme office's coalitions (issue 11, part 8): the office only. An empty
    # POST of the founding form lacks its member formset's management form: 400.
    "coalition:office_coalition_list": row(
        get=only(OFFICE, other=FORBIDDEN),
        post=only(OFFICE, ok=NOT_ALLOWED, other=FORBIDDEN),
    ),
    "coalition:office_coalition_create": row(
        get=only(OFFICE, other=FORBIDDEN), post=only(OFFICE, ok=BAD, other=FORBIDDEN)
    ),
    "coalition:office_coalition_detail": row(
        {"slug": "coalition.slug"},
        get=only(OFFICE, other=FORBIDDEN),
        post=only(OFFICE, other=FORBIDDEN),
    ),
    "coalition:office_coalition_edit": row(
        {"slug": "coalition.slug"},
        get=only(OFFICE, other=FORBIDDEN),
        post=only(OFFICE, other=FORBIDDEN),
    ),
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
    # --- vendor16 (issue 16): the coalition lets vendors see practice names, and
    # replies to the vendor in a bottleneck's thread (tests/practices/test_vendor.py).
    "coalition:vendor_practice_names": row(
        {"pk": "coalition"},
        get=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
        post=only(LEAD, OFFICE, ok=REDIRECT),
    ),
    "visits:bottleneck_vendor_reply": row(
        {"pk": "vendor_bottleneck"},
        get=only(LEAD, LEAD_B, OFFICE, ok=NOT_ALLOWED),
        post=only(LEAD, ok=BAD),
    ),
}

# Known defects outside this project (reported upstream, see the report): the request
# answers 500 for who may use the page. The test fails once they are fixed, so that the
# line is removed and the row above checks the page again.
KNOWN_500: set[tuple[str, str, str]] = set()
# (Wagtail's external-link chooser answered a post without its field with a 500: its
# view is replaced at the same path, content/admin_views.py.)

# Patterns grouped by route prefix, so that Wagtail's and Django's admin stay readable.
# Parameters get generic values (an int is the home page's id), so most answer 404 for
# those who may enter; what matters is who gets in at all.
PREFIX_RULES: dict[str, Row] = {
    # Wagtail's admin: leads are its editors; a visitor is sent to log in, a logged-in
    # user who is no editor gets the 403 page (coalition.middleware.AdminAccessMiddleware:
    # no login loop).
    "cms/": row(
        get=only(*CMS_EDITORS, ok=CMS_ANSWERS, other=FORBIDDEN),
        post=only(*CMS_EDITORS, ok=CMS_ANSWERS, other=FORBIDDEN),
    ),
    # Django's admin: for staff only, and no role of the platform is staff.
    "django-admin/": row(get=answers(FORBIDDEN), post=answers(FORBIDDEN)),
}


def rule_for(key: str, route: str) -> Row | None:
    """The row of a pattern: its own line in TABLE, else the rule of its prefix."""
    if key in TABLE:
        return TABLE[key]
    for prefix, rule in PREFIX_RULES.items():
        if route.startswith(prefix):
            return rule
    return None
