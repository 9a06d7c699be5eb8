"""A frozen edition keeps its figures when answers change; the live report says what
changed since."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from surveys.models import Answer
from surveys.report import services
from surveys.report.aggregate import FUNDER, edition_report


def _value(report, code):
    return next(i for i in report["indicators"] if i["code"] == code)["value"]


def test_frozen_edition_does_not_change(client_for, lead, domain_practice):
    q = domain_practice[1][2019]
    edition = services.edition_freeze(
        questionnaire=q, title="Jaarrapportage 2019", by=lead
    )
    assert _value(edition.data, "registered_pct") == pytest.approx(54)
    Answer.objects.filter(
        response__questionnaire=q, question__code="portal_registered"
    ).update(number=7500)
    edition.refresh_from_db()
    assert _value(edition.data, "registered_pct") == pytest.approx(54)
    client = client_for(lead)
    url = reverse("surveys:report", args=[q.pk])
    frozen = client.get(f"{url}?editie={edition.pk}").content.decode()
    assert "Bevroren editie: Jaarrapportage 2019" in frozen
    assert 'class="text-end fw-semibold value">54<' in frozen
    live = client.get(url).content.decode()
    assert 'class="text-end fw-semibold value">60<' in live
    assert "Verschillen met de laatste editie" in live
    assert "was 54 (n = 1), nu 60 (n = 1)" in live
    # the export of the edition carries the stored figures and the edition
    xlsx = client.get(
        reverse("surveys:report_xlsx", args=[q.pk]) + f"?editie={edition.pk}"
    )
    wb = load_workbook(io.BytesIO(xlsx.content))
    summary = dict(wb["Summary"].iter_rows(min_row=2, values_only=True))
    assert summary["edition"] == "Jaarrapportage 2019"
    rows = {r[0]: r for r in wb["Indicators"].iter_rows(values_only=True)}
    assert rows["registered_pct"][-1] == 54


def test_edition_for_funders_is_anonymised(lead, domain_practice):
    q = domain_practice[1][2019]
    edition = services.edition_freeze(questionnaire=q, title="Jaar", by=lead)
    report = edition_report(edition, audience=FUNDER)
    assert report["practices"] == [] and report["free_text"] == []
    assert domain_practice[0].name not in str(report)


def test_freeze_through_the_page_by_the_lead_only(
    client_for, lead, funder, domain_practice
):
    q = domain_practice[1][2019]
    url = reverse("surveys:report_freeze", args=[q.pk])
    assert client_for(funder).post(url, {"title": "X"}).status_code == 403
    response = client_for(lead).post(url, {"title": "Jaarrapportage 2019"})
    assert response.status_code == 302
    assert q.report_editions.get().frozen_by == lead
    with pytest.raises(ValidationError):
        services.edition_freeze(questionnaire=q, title="Jaarrapportage 2019", by=lead)


def test_an_edition_cannot_be_saved_again(lead, domain_practice):
    edition = services.edition_freeze(
        questionnaire=domain_practice[1][2019], title="Jaar", by=lead
    )
    edition.data = {}
    with pytest.raises(ValueError, match="never changes"):
        edition.save()
