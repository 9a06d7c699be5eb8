"""Hostile spreadsheets are refused before parsing, by both imports, with one clear
message and nothing left on disk; stale previews are cleaned up by a periodic task."""

from __future__ import annotations

import datetime as dt
import io
import os
import time
import tracemalloc

import openpyxl
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from coalition import uploads
from practices import services
from practices.models import Practice
from practices.tasks import delete_stale_import_uploads
from tests.practices import hostile_xlsx as hostile

pytestmark = pytest.mark.django_db

UNREADABLE = "Dit is geen leesbaar xlsx-bestand."
MACROS = "Werkmappen met macro’s worden niet aangenomen; sla op als .xlsx."


def test_openpyxl_parses_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return hostile.zip_bomb(300)


def test_a_zip_bomb_is_refused_cheaply(bomb):
    assert len(bomb) < 2 * 1024 * 1024  # a small upload …
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(uploads.UploadRefused) as exc:
        uploads.check_xlsx(io.BytesIO(bomb), max_rows=100)
    elapsed = time.monotonic() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert str(exc.value) == UNREADABLE
    assert peak < 20 * 1024 * 1024 and elapsed < 5  # … never unpacked


def test_the_ratio_alone_refuses_a_smaller_bomb():
    with pytest.raises(uploads.UploadRefused):
        uploads.check_xlsx(io.BytesIO(hostile.zip_bomb(20)), max_rows=100)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (hostile.not_a_zip(), "a.xlsx", UNREADABLE),
        (hostile.broken_xml(), "a.xlsx", UNREADABLE),
        (hostile.xlsm(), "a.xlsx", MACROS),
        (hostile.valid(), "a.xlsm", MACROS),
    ],
)
def test_unreadable_and_macro_files_are_refused(content, name, message):
    with pytest.raises(uploads.UploadRefused) as exc:
        uploads.check_xlsx(io.BytesIO(content), max_rows=100, name=name)
    assert str(exc.value) == message


def test_rows_are_counted_as_declared_and_as_they_are():
    honest = hostile.many_rows(102)  # a header and 101 rows
    lying = hostile.many_rows(102, declared="A1:B2")
    for content in (honest, lying):
        with pytest.raises(uploads.UploadRefused) as exc:
            uploads.check_xlsx(io.BytesIO(content), max_rows=100)
        assert "meer dan 100 rijen" in str(exc.value)
    uploads.check_xlsx(io.BytesIO(hostile.many_rows(101)), max_rows=100)
    uploads.check_xlsx(io.BytesIO(hostile.valid()), max_rows=100)


def test_a_million_rows_are_refused_quickly():
    content = hostile.many_rows(1_000_000, declared="A1:B2")
    started = time.monotonic()
    with pytest.raises(uploads.UploadRefused):
        uploads.check_xlsx(io.BytesIO(content), max_rows=10_000)
    assert time.monotonic() - started < 5


# --- the registry import --------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (hostile.not_a_zip, UNREADABLE),
        (hostile.broken_xml, UNREADABLE),
        (hostile.xlsm, MACROS),
        (lambda: hostile.zip_bomb(20), UNREADABLE),
        (lambda: hostile.many_rows(60_000, declared="A1:M2"), "meer dan 50.000 rijen"),
    ],
)
def test_the_registry_import_refuses_hostile_files(coalition, make, message):
    plan = services.registry_import(
        coalition=coalition, file=io.BytesIO(make()), commit=True
    )
    assert message in plan.refused
    assert not Practice.objects.exists()


def test_the_registry_page_answers_a_broken_file_and_keeps_nothing(client_for, lead):
    client = client_for(lead)
    r = client.post(
        reverse("practices:import"),
        {
            "coalition": lead.memberships.first().coalition_id,
            "file": SimpleUploadedFile("register.xlsx", hostile.broken_xml()),
        },
    )
    assert r.status_code == 200
    assert UNREADABLE in r.content.decode()
    assert not _stored("registry-imports")


# --- the answers import ---------------------------------------------------------------


def _stored(folder: str) -> list[str]:
    try:
        return default_storage.listdir(folder)[1]
    except FileNotFoundError:
        return []


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (hostile.not_a_zip, UNREADABLE),
        (hostile.broken_xml, UNREADABLE),
        (hostile.xlsm, MACROS),
        (lambda: hostile.zip_bomb(20), UNREADABLE),
        (lambda: hostile.many_rows(20_000, declared="A1:B2"), "meer dan 10.000 rijen"),
    ],
)
def test_the_answers_page_refuses_hostile_files_and_keeps_nothing(
    coalition, lead, client_for, make, message
):
    from tests.surveys.factories import open_standard

    questionnaire = open_standard(coalition)
    url = reverse("surveys:import", kwargs={"pk": questionnaire.pk})
    r = client_for(lead).post(url, {"file": SimpleUploadedFile("a.xlsx", make())})
    assert r.status_code == 200
    assert message in r.content.decode()
    assert not _stored("survey-imports")


# --- previews never confirmed ---------------------------------------------------------


def test_stale_previews_are_deleted_by_the_periodic_task(settings):
    old = default_storage.save("registry-imports/old.xlsx", io.BytesIO(b"x"))
    older = default_storage.save("survey-imports/1-old.xlsx", io.BytesIO(b"x"))
    fresh = default_storage.save("registry-imports/fresh.xlsx", io.BytesIO(b"x"))
    keep = default_storage.save("documents/old.pdf", io.BytesIO(b"x"))
    past = (timezone.now() - dt.timedelta(hours=25)).timestamp()
    for name in (old, older, keep):
        os.utime(default_storage.path(name), (past, past))
    assert delete_stale_import_uploads.delay().get() == 2
    assert delete_stale_import_uploads.delay().get() == 0  # run twice: no more effect
    assert not default_storage.exists(old) and not default_storage.exists(older)
    assert default_storage.exists(fresh) and default_storage.exists(keep)
    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "practices.tasks.delete_stale_import_uploads"
    )
    assert entry["schedule"]
