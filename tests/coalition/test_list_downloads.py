"""Every list page offers its rows as xlsx through the one ExportMixin: the download
holds the rows the viewer may see (another coalition's stay out) in the page's columns."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from coalition.xlsx import CONTENT_TYPE
from tests.factories import PracticeFactory, VendorFactory
from tests.surveys.factories import open_standard, submitted
from tests.training.factories import CourseFactory

pytestmark = pytest.mark.django_db


def rows(response) -> list[list]:
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"].startswith('attachment; filename="')
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def texts(table: list[list]) -> set:
    return {cell for row in table for cell in row if isinstance(cell, str)}


def test_the_questionnaire_list(client_for, lead, coalition, other_coalition):
    open_standard(coalition, 2025)
    open_standard(other_coalition, 2024)
    page = client_for(lead).get("/vragenlijsten/")
    assert 'data-testid="export-xlsx"' in page.content.decode()
    table = rows(client_for(lead).get("/vragenlijsten/?export=xlsx"))
    assert len(table) == 2  # header + the lead's own questionnaire
    assert any("Coalitie A" in t for t in texts(table))
    assert not any("Coalitie B" in t for t in texts(table))


def test_the_progress_per_practice(client_for, lead, coalition):
    questionnaire = open_standard(coalition, 2025)
    done = PracticeFactory(coalition=coalition, name="=HYPERLINK(1) praktijk")
    PracticeFactory(coalition=coalition, name="Nog bezig")
    submitted(questionnaire, done, {"list_size": 1000})
    url = f"/vragenlijsten/{questionnaire.pk}/voortgang/"
    assert 'data-testid="export-xlsx"' in client_for(lead).get(url).content.decode()
    table = rows(client_for(lead).get(url + "?export=xlsx"))
    names = texts(table)
    # formula-like text is written as text with the one escaping rule
    assert any(name.startswith("'=HYPERLINK(1) praktijk") for name in names)


def test_the_vendor_list(client_for, lead, coalition):
    PracticeFactory(
        coalition=coalition, portal_vendor=VendorFactory(name="Portaal & Co")
    )
    VendorFactory(name="Niet van deze coalitie")
    page = client_for(lead).get("/praktijken/leveranciers/")
    assert 'data-testid="export-xlsx"' in page.content.decode()
    names = texts(rows(client_for(lead).get("/praktijken/leveranciers/?export=xlsx")))
    assert "Portaal & Co" in names
    assert "Niet van deze coalitie" not in names


def test_the_course_list(client_for, lead, coalition, other_coalition):
    CourseFactory(coalition=coalition, title="Module 1: online inzage")
    CourseFactory(coalition=other_coalition, title="Cursus van elders")
    page = client_for(lead).get("/scholing/cursussen/")
    assert 'data-testid="export-xlsx"' in page.content.decode()
    table = rows(client_for(lead).get("/scholing/cursussen/?export=xlsx"))
    assert "Module 1: online inzage" in texts(table)
    assert "Cursus van elders" not in texts(table)
