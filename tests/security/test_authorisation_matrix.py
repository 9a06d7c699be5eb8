"""The authorisation matrix: every URL pattern × every role × GET and POST answers as
`tests/security/matrix/` says; nothing answers 500; a refused POST writes nothing; a
pattern without a row fails `test_every_pattern_has_a_row`.

The data set is built once for the module; one test per role runs all of its requests
and reports every wrong answer at once.
"""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from tests.security import engine, matrix
from tests.security.patterns import all_patterns
from tests.security.world import ROLES, World, build_world

REFUSED = matrix.DENIED | matrix.LOGIN_FIRST | matrix.NOT_ALLOWED | matrix.BAD


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("matrix-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        with transaction.atomic():
            w = build_world()
            w.objects["media_root"] = media
            yield w
            transaction.set_rollback(True)


def values_for(world: World, row: matrix.Row) -> dict[str, object]:
    out: dict[str, object] = {"*int": world.home.pk}
    for name, spec in row.values.items():
        if isinstance(spec, matrix.lit):
            out[name] = str(spec)
            continue
        obj_name, _, attr = spec.partition(".")
        obj = world.users.get(obj_name) or world.objects[obj_name]
        out[name] = getattr(obj, attr or "pk")
    return out


def test_every_pattern_has_a_row():
    missing = [p.key for p in all_patterns() if matrix.rule_for(p.key, p.route) is None]
    assert not missing, "Patterns without a row in tests/security/matrix/:\n" + (
        "\n".join(missing)
    )


def test_every_row_names_a_pattern():
    keys = {p.key for p in all_patterns()}
    stale = sorted(set(matrix.TABLE) - keys)
    assert not stale, f"Rows for patterns that no longer exist: {stale}"


def test_the_rows_name_every_role():
    for key, row in matrix.TABLE.items():
        assert set(row.get) == set(ROLES) == set(row.post), key


def test_no_row_allows_500_but_wagtails_deliberate_error_page():
    rows = [*matrix.TABLE.items(), *matrix.PREFIX_RULES.items()]
    allowing = {
        key
        for key, row in rows
        for expect in (row.get, row.post)
        if any(500 in answers for answers in expect.values())
    }
    assert allowing == {"wagtailadmin_error_test"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_expected_answer_everywhere(world, role, settings):
    settings.MEDIA_ROOT = world.media_root  # the uploaded files of the data set
    requests, expected = [], {}
    for p in all_patterns():
        row = matrix.rule_for(p.key, p.route)
        if row is None:
            continue  # reported by test_every_pattern_has_a_row
        url = engine.url_for(p, values_for(world, row)) + row.query
        for method, expect in (("GET", row.get), ("POST", row.post)):
            requests.append((p.route, method, url))
            expected[(p.route, method)] = (p.key, url, expect[role])
    results = engine.run(world.users.get(role), requests)

    failures = []
    for (route, method), (answer, written) in results.items():
        key, url, allowed = expected[(route, method)]
        if (key, method, role) in matrix.KNOWN_500:
            if answer != 500:
                failures.append(f"{method} {url} ({key}): fixed, remove from KNOWN_500")
            continue
        if answer not in allowed:
            shown = "login" if answer == engine.LOGIN else answer
            want = sorted("login" if a == engine.LOGIN else a for a in allowed)
            failures.append(f"{method} {url} ({key}): {shown}, expected {want}")
        if method == "POST" and allowed <= REFUSED and written:
            failures.append(f"POST {url} ({key}): refused, yet wrote {sorted(written)}")
    assert not failures, f"{role}: {len(failures)} wrong answers\n" + "\n".join(
        failures
    )
