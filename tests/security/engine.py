"""Runs the authorisation matrix: every pattern × one role × GET and POST.

Each request runs in a transaction that is rolled back, so a POST that was allowed (and
changed something) does not change what the next request sees. The SQL a request runs
is captured: a refused POST must have written nothing but its session and audit rows.
"""

from __future__ import annotations

import copy
import re

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.security.patterns import Pattern, concrete

# A redirect to the login page is its own answer: "log in first".
LOGIN = -302
_WRITE = re.compile(r'^\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', re.I)
# Tables a refused request may write: the session (login state, messages) and the audit
# log (a denied attempt is recorded on purpose).
_HARMLESS_TABLES = {"django_session", "coalition_auditevent"}


def login_paths() -> tuple[str, ...]:
    return (
        reverse(settings.LOGIN_URL),
        settings.WAGTAILADMIN_LOGIN_URL,
        reverse("admin:login"),
    )


def answer_of(response) -> int:
    if response.status_code == 302 and response["Location"].split("?")[0].startswith(
        login_paths()
    ):
        return LOGIN
    return response.status_code


def writes(queries) -> set[str]:
    tables = set()
    for q in queries:
        m = _WRITE.match(q["sql"])
        if m and m[2] not in _HARMLESS_TABLES:
            tables.add(m[2])
    return tables


def url_for(pattern: Pattern, values: dict[str, object]) -> str:
    return concrete(pattern.route, {k: str(v) for k, v in values.items()})


def run(user, requests: list[tuple[str, str, str]]) -> dict[tuple[str, str], tuple]:
    """`requests`: (key, method, url). Returns {(key, method): (answer, written tables)}."""
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    results = {}
    for key, method, url in requests:
        cache.clear()  # rate limits must not answer for the view
        cookies = copy.deepcopy(client.cookies)
        connection.queries_log.clear()
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                response = getattr(client, method.lower())(url)
            transaction.set_rollback(True)
        client.cookies = cookies  # a logout or language switch must not carry over
        results[(key, method)] = (answer_of(response), writes(queries))
    return results
