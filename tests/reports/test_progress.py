"""The funder's progress report: eligibility by hand, and no practice rows for funders."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from coalition.models import Certification, Role, Standard
from practices.models import Step
from tests.factories import (
    GrantFactory,
    PracticeFactory,
    ProductVersionFactory,
    user_with_role,
)
from tests.practices.factories import RolloutFactory
from tests.training.factories import RegistrationFactory, SessionFactory


@pytest.fixture
def eligible_setup(coalition):
    version = ProductVersionFactory()
    Certification.objects.create(
        product_version=version,
        standard=Standard.GP_DATA,
        since=dt.date(2024, 1, 1),
        status="confirmed",
    )
    session = SessionFactory(course__coalition=coalition)
    practices = []
    for i, (trained, informed) in enumerate(
        [(True, True), (False, True), (True, False)]
    ):
        p = PracticeFactory(
            coalition=coalition, list_size=1000 + 500 * i, name=f"Praktijk {i}",
            staff_nurse_practitioner=0, staff_assistant=0,
            his_vendor=version.vendor, his_version=version,
        )  # fmt: skip
        if trained:
            RegistrationFactory(session=session, practice=p, attendance="attended")
        if informed:
            RolloutFactory(practice=p, step=Step.PATIENTS_INFORMED)
        practices.append(p)
    GrantFactory(coalition=coalition, committed_practices=10, committed_patients=5000)
    return practices


def test_eligibility_by_hand(coalition, eligible_setup):
    from coalition.funder import LEAD, coalition_progress

    c = coalition_progress(coalition, today=timezone.localdate(), audience=LEAD)
    e = c["eligibility"]
    # only practice 0 has training, informed patients and a certified version
    assert (e["n_practices"], e["n_trained"], e["n_informed"]) == (3, 2, 2)
    assert e["n_certified"] == 3
    assert e["n_eligible"] == 1
    assert e["patients_eligible"] == 1000
    assert e["amount"] == pytest.approx(2830.00)
    assert [r["eligible"] for r in e["rows"]] == [True, False, False]
    # reach against the grant: 3 of 10 practices, 4,500 of 5,000 patients
    assert c["practices"] == 3 and c["patients"] == 4500
    assert c["pct_patients_reached"] == pytest.approx(90)


def test_funder_sees_counts_not_practices(client_for, funder, eligible_setup):
    client = client_for(funder)
    html = client.get(reverse("coalition:progress")).content.decode()
    assert "Komen in aanmerking" in html
    assert "Praktijk 0" not in html
    assert eligible_setup[0].agb_code not in html
    xlsx = load_workbook(
        io.BytesIO(client.get(reverse("coalition:progress_xlsx")).content)
    )
    assert "Eligibility" not in xlsx.sheetnames
    row = list(xlsx["Coalitions"].iter_rows(values_only=True))[1]
    assert row[5] == 1  # eligible practices
    pdf = client.get(reverse("coalition:progress_pdf"))
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Praktijk 0" not in text
    assert "2.830,00" in text


def test_lead_sees_the_practice_list(client_for, lead, eligible_setup):
    client = client_for(lead)
    html = client.get(reverse("coalition:progress")).content.decode()
    assert "Praktijk 0" in html
    xlsx = load_workbook(
        io.BytesIO(client.get(reverse("coalition:progress_xlsx")).content)
    )
    names = [r[1] for r in xlsx["Eligibility"].iter_rows(min_row=2, values_only=True)]
    assert names == ["Praktijk 0", "Praktijk 1", "Praktijk 2"]


def test_other_coalition_is_404(client_for, other_coalition, eligible_setup, coalition):
    user = user_with_role(Role.FUNDER, coalition=other_coalition)
    response = client_for(user).get(
        reverse("coalition:progress") + f"?coalitie={coalition.slug}"
    )
    assert response.status_code == 404


def test_office_compares_and_sorts(client_for, office, coalition, other_coalition):
    PracticeFactory.create_batch(3, coalition=coalition, list_size=1000)
    PracticeFactory.create_batch(1, coalition=other_coalition, list_size=9000)
    client = client_for(office)
    url = reverse("coalition:comparison")
    html = client.get(url + "?sort=-patients").content.decode()
    assert html.index("Coalitie B") < html.index("Coalitie A")  # 9,000 before 3,000
    assert "Landelijk totaal" in html and "12.000" in html
    html = client.get(url + "?sort=-practices").content.decode()
    assert html.index("Coalitie A") < html.index("Coalitie B")
    wb = load_workbook(
        io.BytesIO(client.get(reverse("coalition:comparison_xlsx")).content)
    )
    rows = list(wb["Coalitions"].iter_rows(values_only=True))
    assert rows[-1][:3] == ("Landelijk totaal", 4, 12000)


@pytest.mark.parametrize("role", [Role.LEAD, Role.FUNDER])
def test_comparison_is_for_the_office(client_for, coalition, role):
    user = user_with_role(role, coalition=coalition)
    client = client_for(user)
    assert client.get(reverse("coalition:comparison")).status_code == 403
    assert client.get(reverse("coalition:comparison_xlsx")).status_code == 403


def test_the_pdf_draws_each_burn_up_as_an_image_and_the_page_as_svg(
    client_for, office, coalition, other_coalition
):
    """One burn-up per coalition: inline SVG on the page, a PNG image in the PDF
    (WeasyPrint draws an image in next to no time, an SVG chart in 80-150 ms)."""
    for n, c in enumerate((coalition, other_coalition), start=1):
        for p in PracticeFactory.create_batch(n, coalition=c):
            RolloutFactory(practice=p, step=Step.LIVE, live_date=dt.date(2026, 3, 2))
    client = client_for(office)
    html = client.get(reverse("coalition:progress")).content.decode()
    assert html.count("<svg") >= 2 and 'class="chart-img"' not in html
    pdf = PdfReader(io.BytesIO(client.get(reverse("coalition:progress_pdf")).content))
    # WeasyPrint shares one resource dictionary between pages: each page lists every
    # image, so they are told apart by their data.
    images = {image.data: image for page in pdf.pages for image in page.images}
    assert len(images) == 2
    images = images.values()
    # 144 dpi: the 7.5 x 4 inch figure as 1080 x 576 pixels.
    assert {image.image.size for image in images} == {(1080, 576)}
