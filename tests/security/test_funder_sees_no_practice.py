"""A funder reaches no practice-level data: every URL pattern of the platform is
requested as the funder (GET, with the matrix's parameters) and nothing it may open —
page, xlsx or PDF — names a practice or shows its AGB code or free text."""

from __future__ import annotations

import io

import pytest
from django.db import transaction
from django.test import Client, override_settings
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from surveys import services as survey_services
from tests.security import engine, matrix
from tests.security.patterns import all_patterns
from tests.security.world import build_world
from tests.surveys.factories import answer_all

FREE_TEXT = "Inloggen met DigiD lukt de balie niet"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("funder-media")
    with override_settings(MEDIA_ROOT=media), django_db_blocker.unblock():
        with transaction.atomic():
            w = build_world()
            w.objects["media_root"] = media
            # the own practice's answers are submitted: the report has figures, a
            # practice row for the lead and free text
            response = w.objects["response"]
            required = response.questionnaire.questions.filter(
                required=True, kind="yes_no"
            )
            answer_all(
                response,
                {
                    **{q.code: "ja" for q in required},
                    "list_size": 4000,
                    "portal_registered": 900,
                    "barriers": FREE_TEXT,
                },
            )
            survey_services.response_submit(response=response, by=None)
            yield w
            transaction.set_rollback(True)


def _values(world, row):
    out: dict[str, object] = {"*int": world.home.pk}
    for name, spec in row.values.items():
        if isinstance(spec, matrix.lit):
            out[name] = str(spec)
            continue
        obj_name, _, attr = spec.partition(".")
        obj = world.users.get(obj_name) or world.objects[obj_name]
        out[name] = getattr(obj, attr or "pk")
    return out


def _text(response) -> str:
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    )
    kind = response.get("Content-Type", "")
    if "spreadsheetml" in kind:
        wb = load_workbook(io.BytesIO(content))
        return "\n".join(
            str(v)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    if "pdf" in kind:
        try:
            reader = PdfReader(io.BytesIO(content))
            return "\n".join(p.extract_text() for p in reader.pages)
        except PdfReadError:  # an uploaded toolkit document, no PDF of ours
            return content.decode(errors="replace")
    return content.decode(errors="replace")


@pytest.mark.django_db
def test_no_page_or_export_gives_a_funder_practice_data(world, settings):
    settings.MEDIA_ROOT = world.media_root
    practices = [world.objects["practice"], world.objects["other_practice"]]
    secrets = {p.name for p in practices} | {p.agb_code for p in practices}
    secrets.add(FREE_TEXT)
    client = Client(raise_request_exception=False)
    client.force_login(world.users["funder"])
    opened, leaks = [], []
    pk = world.objects["questionnaire"].pk
    # asking for the lead's version changes nothing for a funder
    report_urls = [
        f"/vragenlijsten/{pk}/{path}?voor={who}"
        for path in ("rapport/", "rapport.xlsx", "rapport.pdf")
        for who in ("lead", "coalitie", "financier")
    ]
    urls = []
    for p in all_patterns():
        row = matrix.rule_for(p.key, p.route)
        if row is None or p.route.startswith(("cms/", "django-admin/")):
            continue
        if p.key.startswith("practices_public:"):
            continue  # the page a practice chose to publish for everyone (issue 16)
        urls.append((p.key, engine.url_for(p, _values(world, row)) + row.query))
    for key, url in [*urls, *(("report", u) for u in report_urls)]:
        with transaction.atomic():
            response = client.get(url)
            transaction.set_rollback(True)
        if response.status_code != 200:
            continue
        opened.append(key)
        text = _text(response)
        leaks += [f"{key} {url}: {s!r}" for s in secrets if s in text]
    # the funder's own pages were opened, and showed figures, not practices
    assert {"coalition:progress", "coalition:progress_xlsx", "coalition:progress_pdf",
            "surveys:report", "surveys:report_xlsx", "surveys:report_pdf"} <= set(
        opened
    )  # fmt: skip
    assert not leaks, "\n".join(leaks)
