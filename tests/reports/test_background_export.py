"""Exports of more than one coalition: made by Celery with progress, stored privately,
downloaded by their requester only, removed after the retention period."""

from __future__ import annotations

import datetime as dt
import io
import os
import time

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from coalition.models import Role
from surveys.report import services
from surveys.report.models import ReportExport
from tests.conftest import requires_broker
from tests.factories import PracticeFactory, user_with_role


@pytest.fixture
def two_regions(coalition, other_coalition):
    PracticeFactory.create_batch(2, coalition=coalition, list_size=1000)
    PracticeFactory(
        coalition=other_coalition, list_size=4000, name="=cmd|' /C calc'!A0"
    )
    return coalition, other_coalition


def _workbook(response) -> dict:
    content = b"".join(response.streaming_content)
    return load_workbook(io.BytesIO(content))


def test_office_exports_every_coalition_in_the_background(
    client_for, office, two_regions, django_capture_on_commit_callbacks
):
    client = client_for(office)
    page = client.get(reverse("coalition:progress")).content.decode()
    assert "Exporteer alle coalities" in page
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("coalition:progress_export_start"))
    assert len(callbacks) == 1  # queued after the commit
    export = ReportExport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "coalition:progress_export", args=[export.pk]
    )
    assert (export.status, export.done, export.total) == ("done", 2, 2)
    # stored outside the public images, under a name nobody can guess
    assert export.file.name.startswith("report-exports/rapporten-")
    assert len(export.file.name) > len("report-exports/rapporten-2026-01-01-") + 16
    status = client.get(reverse("coalition:progress_export_status", args=[export.pk]))
    html = status.content.decode()
    assert 'aria-live="polite"' in html and 'value="100"' in html
    assert "hx-trigger" not in html  # done: the polling stops
    wb = _workbook(
        client.get(reverse("coalition:progress_export_download", args=[export.pk]))
    )
    assert wb.sheetnames[:3] == ["Coalitions", "Services", "Training"]
    names = [r[0] for r in wb["Coalitions"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Coalitie A", "Coalitie B"]
    comparison = list(wb["Comparison"].iter_rows(values_only=True))
    assert comparison[-1][:3] == ("Landelijk totaal", 3, 6000)
    # the office's version has the practice list; the practice's name stays text
    practices = [r[1] for r in wb["Eligibility"].iter_rows(min_row=2, values_only=True)]
    assert "'=cmd|' /C calc'!A0" in practices


def test_progress_while_running_and_polling(client_for, office, two_regions):
    export = ReportExport.objects.create(
        requested_by=office, status=ReportExport.Status.RUNNING, done=1, total=2
    )
    html = (
        client_for(office)
        .get(reverse("coalition:progress_export_status", args=[export.pk]))
        .content.decode()
    )
    assert 'hx-trigger="every 1s"' in html
    assert 'value="50"' in html
    assert "1 van 2 coalities verwerkt" in html
    assert (
        client_for(office)
        .get(reverse("coalition:progress_export_download", args=[export.pk]))
        .status_code
        == 404
    )


def test_only_the_requester_downloads(client_for, office, two_regions):
    export = services.export_request(user=office)
    services.export_run(export_id=export.pk)
    other_office = user_with_role(Role.OFFICE, email="tweede@bureau.test")
    for name in ("progress_export", "progress_export_download"):
        url = reverse(f"coalition:{name}", args=[export.pk])
        assert client_for(other_office).get(url).status_code == 404


def test_a_funder_of_one_coalition_has_nothing_to_export(client_for, coalition):
    funder = user_with_role(Role.FUNDER, coalition=coalition)
    client = client_for(funder)
    assert (
        "Exporteer alle coalities"
        not in client.get(reverse("coalition:progress")).content.decode()
    )
    assert client.post(reverse("coalition:progress_export_start")).status_code == 403
    assert not ReportExport.objects.exists()


def test_running_twice_writes_once(office, two_regions):
    export = services.export_request(user=office)
    first = services.export_run(export_id=export.pk)
    name = first.file.name
    again = services.export_run(export_id=export.pk)
    assert again.file.name == name


def test_removed_after_the_retention_period(office, two_regions, settings):
    settings.REPORT_EXPORT_RETENTION_HOURS = 24
    export = services.export_run(export_id=services.export_request(user=office).pk)
    path = export.file.path
    assert services.export_purge() == 0
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)):
        from surveys.report.tasks import purge_report_exports

        assert purge_report_exports() == 1
        assert purge_report_exports() == 0
    assert not ReportExport.objects.exists()
    assert not os.path.exists(path)


@requires_broker
@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_makes_the_export(client_for, office, two_regions, settings):
    """Pass 2: the request only queues; a worker on the broker writes the file while
    the page shows its progress."""
    from celery.contrib.testing.worker import start_worker

    from coalition.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.task_always_eager = False
    try:
        client = client_for(office)
        client.post(reverse("coalition:progress_export_start"))
        export = ReportExport.objects.get()
        assert export.status == ReportExport.Status.QUEUED  # nothing ran in-process
        with start_worker(
            app, perform_ping_check=False, pool="solo", loglevel="WARNING"
        ):
            for _ in range(300):
                export.refresh_from_db()
                if export.status == ReportExport.Status.DONE:
                    break
                time.sleep(0.1)
        assert export.status == ReportExport.Status.DONE
        wb = _workbook(
            client.get(reverse("coalition:progress_export_download", args=[export.pk]))
        )
        assert [r[0] for r in wb["Coalitions"].iter_rows(min_row=2, values_only=True)]
    finally:
        app.conf.task_always_eager = True


def test_a_funder_of_two_coalitions_exports_counts_only(client_for, two_regions):
    from coalition.services import membership_create

    a, b = two_regions
    funder = user_with_role(Role.FUNDER, coalition=a, email="twee@fonds.test")
    membership_create(user=funder, role=Role.FUNDER, coalition=b, practice=None)
    export = services.export_run(export_id=services.export_request(user=funder).pk)
    wb = _workbook(
        client_for(funder).get(
            reverse("coalition:progress_export_download", args=[export.pk])
        )
    )
    assert wb.sheetnames == [
        "Coalitions",
        "Services",
        "Training",
        "Vendor response times",
    ]
    text = [
        v for ws in wb.worksheets for r in ws.iter_rows(values_only=True) for v in r
    ]
    assert not [v for v in text if isinstance(v, str) and "cmd|" in v]
