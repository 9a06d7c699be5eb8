"""The audit log (NEN 7513): one row per view, change, export and search of questionnaire
answers and visit reports, denied attempts too, never the content; leads read their own
coalition's log (and that reading is logged); nobody changes or deletes a row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from coalition import audit
from coalition.models import AuditEvent
from coalition.models_audit import AuditLogImmutable
from surveys import services as survey_services
from tests.practices.visits_factories import VisitFactory
from tests.surveys.factories import open_standard

pytestmark = pytest.mark.django_db

SECRET = "Geheime-inhoud-42"


@pytest.fixture
def response(coalition, practice):
    questionnaire = open_standard(coalition)
    return survey_services.response_start(
        questionnaire=questionnaire, practice=practice
    )


@pytest.fixture
def visit(practice):
    return VisitFactory(practice=practice, feedback=SECRET, progress=SECRET)


def only_row() -> AuditEvent:
    rows = list(AuditEvent.objects.all())
    assert len(rows) == 1, rows
    return rows[0]


def assert_no_content(row: AuditEvent) -> None:
    for field in row._meta.fields:
        assert SECRET not in str(getattr(row, field.attname) or "")


def test_viewing_a_response_writes_one_row_with_who_what_where(
    response, practice_user, client_for
):
    client = client_for(practice_user)
    url = reverse("surveys:response_detail", kwargs={"pk": response.pk})
    r = client.get(url, REMOTE_ADDR="192.0.2.7", HTTP_X_REQUEST_ID="req-12345678")
    assert r.status_code == 200
    row = only_row()
    assert row.event == AuditEvent.Event.VIEW
    assert row.user == practice_user
    assert row.user_email == practice_user.email
    assert row.role == "practice"
    assert row.organisation == f"praktijk {response.practice_id}"
    assert row.coalition_id == response.questionnaire.coalition_id
    assert row.client_address == "192.0.2.7"
    assert (row.object_type, row.object_id) == ("response", str(response.pk))
    assert row.outcome == AuditEvent.Outcome.OK
    assert row.request_id == "req-12345678"
    assert r.headers["X-Request-ID"] == "req-12345678"
    assert timezone.now() - row.created < dt.timedelta(minutes=1)
    assert row.created.utcoffset() == dt.timedelta(0)


def test_changing_an_answer_writes_a_change_row_without_the_value(
    response, practice_user, client_for
):
    client = client_for(practice_user)
    url = reverse(
        "surveys:answer_save", kwargs={"pk": response.pk, "code": "list_size"}
    )
    assert client.post(url, {"list_size": "4242"}).status_code == 200
    row = only_row()
    assert row.event == AuditEvent.Event.CHANGE
    assert row.object_id == str(response.pk)
    for field in row._meta.fields:
        assert "4242" not in str(getattr(row, field.attname) or "")


def test_exporting_answers_writes_an_export_row(response, lead, client_for):
    client = client_for(lead)
    q = response.questionnaire
    r = client.get(reverse("surveys:export", kwargs={"pk": q.pk}))
    assert r.status_code == 200
    row = only_row()
    assert row.event == AuditEvent.Event.EXPORT
    assert (row.object_type, row.object_id) == ("questionnaire_answers", str(q.pk))
    assert row.role == "lead"


def test_searching_visit_reports_writes_a_search_row_without_the_terms(
    visit, lead, client_for
):
    client = client_for(lead)
    r = client.get(reverse("visits:visit_list"), {"q": SECRET})
    assert r.status_code == 200
    row = only_row()
    assert row.event == AuditEvent.Event.SEARCH
    assert row.object_type == "visit"
    assert_no_content(row)


def test_viewing_and_changing_a_visit_report(visit, lead, client_for):
    client = client_for(lead)
    assert (
        client.get(reverse("visits:visit_detail", kwargs={"pk": visit.pk})).status_code
        == 200
    )
    client.post(reverse("visits:visit_update", kwargs={"pk": visit.pk}), {})
    view, change = AuditEvent.objects.order_by("pk")
    assert (view.event, view.object_type, view.object_id) == (
        "view",
        "visit",
        str(visit.pk),
    )
    assert change.event == AuditEvent.Event.CHANGE
    assert_no_content(view)
    assert_no_content(change)


def test_another_coalitions_lead_is_denied_and_the_attempt_is_logged_for_the_owner(
    visit, other_lead, client_for
):
    client = client_for(other_lead)
    url = reverse("visits:visit_detail", kwargs={"pk": visit.pk})
    assert client.get(url).status_code == 404
    row = only_row()
    assert row.outcome == AuditEvent.Outcome.DENIED
    assert row.user == other_lead
    assert row.role == "lead"
    # The owning coalition's log shows who tried.
    assert row.coalition_id == visit.practice.coalition_id


def test_pages_outside_the_scope_write_nothing(lead, client_for):
    client_for(lead).get(reverse("coalition:start"))
    assert not AuditEvent.objects.exists()


# --- reading the log ------------------------------------------------------------------


def test_lead_reads_own_log_filtered_and_the_reading_is_logged(
    visit, lead, other_lead, client_for
):
    audit.audit_record(event="view", user=lead, object_type="visit", object_id="1")
    audit.audit_record(
        event="change", user=other_lead, object_type="visit", object_id="2"
    )
    client = client_for(lead)
    page = client.get(reverse("coalition:audit_log"), {"event": "view"})
    assert page.status_code == 200
    rows = list(page.context["table"].data)
    assert [r.object_id for r in rows] == ["1"]
    read = AuditEvent.objects.filter(object_type="audit_log").get()
    assert read.user == lead and read.coalition_id == visit.practice.coalition_id
    # filter on the user
    page = client.get(reverse("coalition:audit_log"), {"user": "nobody@"})
    assert list(page.context["table"].data) == []


def test_another_coalitions_lead_cannot_read_the_log(
    visit, lead, other_lead, client_for
):
    audit.audit_record(event="view", user=lead, object_type="visit", object_id="1")
    page = client_for(other_lead).get(reverse("coalition:audit_log"))
    assert page.status_code == 200
    # Only their own reading of the (empty) log, written after the page was answered.
    seen = {(r.user_id, r.object_type) for r in page.context["table"].data}
    assert seen <= {(other_lead.pk, "audit_log")}
    assert b"<td>visit</td>" not in page.content


@pytest.mark.parametrize("role", ["practice_user", "trainer", "funder"])
def test_other_roles_cannot_read_the_log(role, request, client_for):
    user = request.getfixturevalue(role)
    assert client_for(user).get(reverse("coalition:audit_log")).status_code == 403


def test_log_page_runs_a_fixed_number_of_queries(
    lead, client_for, django_assert_num_queries
):
    client = client_for(lead)
    url = reverse("coalition:audit_log")

    def add(n):
        for i in range(n):
            audit.audit_record(
                event="view", user=lead, object_type="visit", object_id=str(i)
            )

    add(2)
    client.get(url)  # warm up the session
    with django_assert_num_queries(8) as small:
        client.get(url)
    add(30)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_no_post_to_the_log(lead, client_for):
    assert client_for(lead).post(reverse("coalition:audit_log")).status_code == 405


# --- immutability and retention -------------------------------------------------------


def test_rows_refuse_update_and_delete(lead):
    row = audit.audit_record(event="view", user=lead, object_type="visit")
    row.object_id = "99"
    with pytest.raises(AuditLogImmutable):
        row.save()
    with pytest.raises(AuditLogImmutable):
        row.delete()
    assert AuditEvent.objects.get().object_id == ""


def test_admin_is_read_only(rf, office):
    model_admin = admin.site._registry[AuditEvent]
    request = rf.get("/")
    request.user = office
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_purge_removes_only_old_rows_and_is_safe_twice(lead, settings):
    from coalition.tasks import purge_audit_log

    settings.AUDIT_RETENTION_DAYS = 1826
    old = audit.audit_record(event="view", user=lead, object_type="visit")
    AuditEvent.objects.filter(pk=old.pk).update(
        created=timezone.now() - dt.timedelta(days=1827)
    )
    audit.audit_record(event="view", user=lead, object_type="visit")
    assert purge_audit_log.apply().get() == 1
    assert purge_audit_log.apply().get() == 0
    assert AuditEvent.objects.count() == 1


def test_purge_is_scheduled(settings):
    entries = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "coalition.tasks.purge_audit_log" in entries


# --- writing a row ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_row_outside_a_transaction_is_one_insert(lead, coalition):
    """The middleware writes after the view, in autocommit: one INSERT, no BEGIN and
    COMMIT around it, and no queries to check the user and coalition exist (the one
    read left is the user's roles, which a request has read already)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        audit.audit_record(
            event="view", user=lead, object_type="visit", coalition_id=coalition.pk
        )
    sql = [q["sql"] for q in queries.captured_queries]
    assert [q.split()[0] for q in sql] == ["SELECT", "INSERT"]
    assert "coalition_membership" in sql[0]
    assert AuditEvent.objects.get().coalition_id == coalition.pk


@pytest.mark.django_db(transaction=True)
def test_a_row_that_cannot_be_written_leaves_nothing_behind(lead, caplog):
    """A coalition that does not exist is refused by the database (its foreign key),
    and the middleware's writer logs that instead of failing the answered page."""
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        audit.audit_record(
            event="view", user=lead, object_type="visit", coalition_id=987654
        )
    audit.AuditMiddleware._record(
        event="view", user=lead, object_type="visit", coalition_id=987654
    )
    assert "audit row not written" in caplog.text
    assert not AuditEvent.objects.exists()
