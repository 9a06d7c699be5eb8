"""The vocabulary of the matrix rows: the answers, the roles, `row()` and its helpers,
and the rows shared by several patterns."""

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
