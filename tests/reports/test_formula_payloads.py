"""A practice, member organisation or coalition named like a formula reaches the
report, the progress report, the comparison and the go-live dashboard workbooks as
text (OWASP: a leading quote, coalition.xlsx), never as a formula."""

from __future__ import annotations

import io

from django.urls import reverse
from openpyxl import load_workbook

from practices.models import Step
from tests.factories import MemberOrganisationFactory, PracticeFactory
from tests.practices.factories import RolloutFactory
from tests.surveys.factories import open_standard, submitted

BODY = "cmd|' /C calc'!A0"
PAYLOADS = [f"{start}{BODY}" for start in ("=", "+", "-", "@", "\t", "\r")]


def _cells(content: bytes) -> list:
    wb = load_workbook(io.BytesIO(content))
    return [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]


def _check(content: bytes, expected: set[str]) -> None:
    cells = _cells(content)
    assert not [c.coordinate for c in cells if c.data_type == "f"], "a formula cell"
    # a carriage return is stored as OOXML's _x000D_, which openpyxl leaves as it is
    texts = [
        c.value.replace("_x000D_", "\r")
        for c in cells
        if isinstance(c.value, str) and BODY in c.value
    ]
    assert texts, "the payload did not reach the workbook"
    for text in texts:
        assert text.startswith("'"), repr(text)
        assert text[1:] in PAYLOADS
    assert expected <= {t[1:] for t in texts}


def test_formula_payloads_are_text_in_every_report_workbook(
    client_for, lead, office, coalition
):
    coalition.name = PAYLOADS[0]
    coalition.save()
    member = MemberOrganisationFactory(coalition=coalition, name=PAYLOADS[3])
    q = open_standard(coalition, year=2025)
    for payload in PAYLOADS:
        p = PracticeFactory(
            coalition=coalition, member_organisation=member, name=payload,
            list_size=1000,
        )  # fmt: skip
        RolloutFactory(practice=p, step=Step.LIVE, live_date=q.opens)
        submitted(
            q, p,
            {"list_size": 1000, "portal_registered": 100, "barriers": payload,
             "support_needs": PAYLOADS[1]},
        )  # fmt: skip
    lead_client = client_for(lead)

    report = lead_client.get(reverse("surveys:report_xlsx", args=[q.pk]))
    assert report.status_code == 200
    _check(report.content, set(PAYLOADS))  # practice names, member, coalition

    progress = lead_client.get(reverse("coalition:progress_xlsx"))
    _check(progress.content, set(PAYLOADS))  # the eligibility list, coalition

    comparison = client_for(office).get(reverse("coalition:comparison_xlsx"))
    _check(comparison.content, {PAYLOADS[0]})  # the coalition's name

    dashboard = lead_client.get(reverse("practices:dashboard_export"))
    assert dashboard.status_code == 200
    # the dashboard holds counts and labels only: nothing of the payload, no formula
    cells = _cells(dashboard.content)
    assert not [c for c in cells if c.data_type == "f"]
    assert not [c for c in cells if isinstance(c.value, str) and BODY in c.value]
