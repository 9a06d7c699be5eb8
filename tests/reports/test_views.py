"""The report page and its downloads: who sees which version, and nothing more."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from coalition.models import Role
from coalition.numbers import format_number
from tests.factories import PracticeFactory, user_with_role
from tests.surveys.factories import submitted


def _urls(q):
    return [
        reverse("surveys:report", args=[q.pk]),
        reverse("surveys:report_xlsx", args=[q.pk]),
        reverse("surveys:report_pdf", args=[q.pk]),
    ]


def _text_of(response) -> str:
    content = response.content
    if response["Content-Type"] == "application/pdf":
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    if content[:2] == b"PK":
        wb = load_workbook(io.BytesIO(content))
        return " ".join(
            str(v) for ws in wb for row in ws.iter_rows(values_only=True) for v in row
        )
    return content.decode()


def test_lead_sees_practice_rows(client_for, lead, domain_practice):
    practice, qs = domain_practice
    response = client_for(lead).get(reverse("surveys:report", args=[qs[2019].pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert practice.name in html and practice.agb_code in html
    assert "Weinig tijd aan de balie" in html
    assert "kleine aantallen" in html


@pytest.mark.parametrize("preview", ["", "?voor=financier"])
def test_funder_reaches_no_practice_level_data(
    client_for, funder, lead, domain_practice, preview
):
    """Every page and download, as the funder and as the lead's funder preview."""
    practice, qs = domain_practice
    for user in (funder, lead):
        client = client_for(user)
        for url in _urls(qs[2019]):
            query = preview if user == lead else ""
            if user == lead and not preview:
                continue
            response = client.get(url + query)
            assert response.status_code == 200, url
            text = _text_of(response)
            assert practice.name not in text, url
            assert practice.agb_code not in text, url
            assert "balie" not in text, url
        # the funder cannot ask for the lead's version
        if user == funder:
            response = client.get(_urls(qs[2019])[1] + "?voor=coalitie")
            assert (
                "Practices"
                not in load_workbook(io.BytesIO(response.content)).sheetnames
            )


@pytest.mark.parametrize("role", [Role.PRACTICE, Role.TRAINER])
def test_other_roles_get_404(client_for, coalition, domain_practice, role):
    user = user_with_role(role, coalition=coalition)
    client = client_for(user)
    for url in _urls(domain_practice[1][2019]):
        assert client.get(url).status_code == 404


def test_other_coalitions_funder_gets_404(client_for, other_coalition, domain_practice):
    user = user_with_role(Role.FUNDER, coalition=other_coalition)
    client = client_for(user)
    for url in _urls(domain_practice[1][2019]):
        assert client.get(url).status_code == 404
    listing = client.get(reverse("surveys:report_list")).content.decode()
    assert domain_practice[1][2019].title not in listing


def test_anonymous_is_sent_to_login(client, domain_practice):
    response = client.get(_urls(domain_practice[1][2019])[0])
    assert response.status_code == 302


def test_funder_finds_the_report_in_the_list(client_for, funder, domain_practice):
    html = client_for(funder).get(reverse("surveys:report_list")).content.decode()
    assert reverse("surveys:report", args=[domain_practice[1][2019].pk]) in html


def test_xlsx_matches_the_page(client_for, lead, coalition, domain_practice):
    q = domain_practice[1][2019]
    client = client_for(lead)
    html = client.get(reverse("surveys:report", args=[q.pk])).content.decode()
    wb = load_workbook(io.BytesIO(client.get(_urls(q)[1]).content))
    rows = {r[0]: r for r in wb["Indicators"].iter_rows(values_only=True)}
    for code in ("registered_pct", "econsults_per_1000_year", "call_wait_seconds"):
        row = re.search(
            rf'<tr data-code="{code}">.*?class="text-end fw-semibold value">([^<]*)<',
            html,
            re.S,
        )
        assert row.group(1) == format_number(rows[code][-1])
    pdf = _text_of(client.get(_urls(q)[2]))
    assert format_number(rows["econsults_per_1000_year"][-1]) in pdf


def _practices(coalition, n, q):
    for i in range(n):
        p = PracticeFactory(coalition=coalition, list_size=2000 + i)
        submitted(q, p, {"list_size": 2000 + i, "portal_registered": 500 + i})


def test_query_count_does_not_grow(
    client_for, lead, coalition, domain_practice, django_assert_num_queries
):
    q = domain_practice[1][2019]
    client = client_for(lead)
    url = reverse("surveys:report", args=[q.pk])
    _practices(coalition, 2, q)
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    # Issue 15's budget for every page: the input questions are read once for the
    # table and every breakdown, the go-live of all services in one query, the
    # editions once.
    assert len(small.captured_queries) <= 25, len(small.captured_queries)
    _practices(coalition, 12, q)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
