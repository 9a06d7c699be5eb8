"""The upgrade drill of issue 12 as a test: a database whose visits still belong to the
practices app (main before the move) migrates to the visits app with its rows, their
many-to-many links and their content types (with the permissions on them) intact.

Runs the real migrations backwards and forwards, so it uses a transactional database.
It runs against PostgreSQL, the production database, in CI's second pass: on SQLite
every unapplied migration rebuilds its tables, and the drill alone took 50 s of CI's
20 minutes there.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from practices.visits.models import Visit
from tests.conftest import requires_postgres
from tests.factories import PracticeFactory, user_with_role

BEFORE = [("visits", None)]  # unapplies visits 0002, practices 0008, visits 0001


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    return executor


@requires_postgres
@pytest.mark.django_db(transaction=True)
def test_visits_made_before_the_move_are_the_visits_apps_rows_after_it():
    practice = PracticeFactory()
    lead = user_with_role("lead", coalition=practice.coalition)
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        executor = _migrate(BEFORE)
        old = executor.loader.project_state(
            [("practices", "0007_merge_public_page_and_vendor_answers")]
        ).apps
        OldVisit = old.get_model("practices", "Visit")
        OldBottleneck = old.get_model("practices", "Bottleneck")
        visit = OldVisit.objects.create(
            practice_id=practice.pk, planned_on=dt.date(2026, 3, 2)
        )
        visit.visitors.add(lead.pk)
        OldBottleneck.objects.create(
            practice_id=practice.pk,
            visit_id=visit.pk,
            category="login",
            description="DigiD lukt niet",
        )
        # as on main: the content types (and their permissions) name "practices"
        assert ContentType.objects.filter(app_label="practices", model="visit").exists()
        # (the test database was migrated forward first, so models born in the visits
        # app, such as the coalition's replies, keep their content type: only the
        # moved ones matter here)
        assert not ContentType.objects.filter(
            app_label="visits", model__in=["visit", "bottleneck", "followupaction"]
        ).exists()
    finally:
        _migrate(latest)

    moved = Visit.objects.get(pk=visit.pk)
    assert moved.practice == practice
    assert list(moved.visitors.all()) == [lead]
    assert [b.description for b in moved.bottlenecks.all()] == ["DigiD lukt niet"]
    content_type = ContentType.objects.get_for_model(Visit)
    assert content_type.app_label == "visits"
    assert set(
        Permission.objects.filter(content_type=content_type).values_list(
            "codename", flat=True
        )
    ) == {"add_visit", "change_visit", "delete_visit", "view_visit"}
    assert not ContentType.objects.filter(app_label="practices", model="visit").exists()
