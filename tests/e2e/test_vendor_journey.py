"""Browser journey of issue 16: the demo vendor user logs in with two-factor login,
answers a bottleneck "fixed in version 12" on the real form, and the project lead —
following the link in the e-mail — reads the answer on the bottleneck with the
practices still on an older version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone

from coalition.demo import coalition as core_demo
from coalition.demo import practices as practices_demo
from coalition.demo import visits as visits_demo
from coalition.models import EmailMessage, User
from practices.models import Practice
from practices.visits.models import Bottleneck, VendorAnswer
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots-vendor16")


def _shots(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
        assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def demo_region(monkeypatch):
    today = timezone.localdate()
    monkeypatch.setattr(visits_demo, "snapshot_build", lambda practice: {})
    core_demo.core(today=today)
    practices_demo.load(today=today)
    core_demo.users(today=today)
    visits_demo.load(today=today)
    return today


def test_vendor_answers_fixed_in_a_version_and_the_lead_plans_the_upgrade(
    new_page, demo_region, mfa_user
):
    vendor_user = User.objects.get(email="leverancier@demo.test")
    lead = User.objects.get(email="projectleider@demo.test")
    mfa_user(vendor_user)
    mfa_user(lead)
    waiting = Bottleneck.objects.get(description__startswith="Het medicatieoverzicht")
    assert not waiting.vendor_answers.exists()

    page = new_page()
    login(page, vendor_user.email, core_demo.DEMO_PASSWORD, user=vendor_user)
    assert "Leverancier: Medisys HIS" in page.inner_text("main")
    _shots(page, "vendor-start")
    page.get_by_role("link", name="Naar de knelpunten").click()
    page.wait_for_url(re.compile(r"/bezoeken/leverancier/$"))
    main = page.inner_text("main")
    assert "Het medicatieoverzicht komt niet mee" in main
    assert waiting.practice.name not in main  # no practice is named to a vendor
    _shots(page, "vendor-home")

    row = page.get_by_role("row").filter(has_text="Het medicatieoverzicht")
    row.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"/bezoeken/leverancier/knelpunten/{waiting.pk}/$"))
    assert "De leverancier heeft nog niet geantwoord." in page.inner_text("main")
    page.get_by_label("Uw antwoord").select_option(label="opgelost in versie")
    page.get_by_label("Opgelost in versie").select_option(label="Medisys 12")
    page.get_by_label("Toelichting").press_sequentially(
        "Versie 12 stuurt het overzicht mee.", delay=40
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Antwoord versturen").click()
    main = page.inner_text("main")
    assert "Uw antwoord is verstuurd naar de coalitie." in main
    assert "opgelost in versie Medisys 12" in main
    _shots(page, "vendor-answered")
    answer = VendorAnswer.objects.get(bottleneck=waiting)
    assert (answer.kind, answer.fixed_in.version) == ("fixed", "12")

    # The lead gets the e-mail and follows its link to the bottleneck.
    mail = EmailMessage.objects.get(
        to=lead.email, key__startswith=f"visits:vendor-answer:{answer.pk}:"
    )
    path = re.search(r"https?://[^/\s]+(/bezoeken/knelpunten/\d+/)", mail.body)[1]
    lead_page = new_page()
    login(lead_page, lead.email, core_demo.DEMO_PASSWORD, user=lead)
    lead_page.goto(path)
    main = lead_page.inner_text("main")
    assert "Antwoorden van de leverancier" in main
    assert "opgelost in versie Medisys 12" in main
    assert "Versie 12 stuurt het overzicht mee." in main
    assert "Nog niet op Medisys 12" in main
    older = Practice.objects.filter(
        coalition=waiting.practice.coalition,
        is_active=True,
        his_vendor=waiting.vendor,
        his_version__version="11",
    ).order_by("name")
    assert older.exists()
    for practice in older[:5]:
        assert practice.name in main
    newer = Practice.objects.filter(
        coalition=waiting.practice.coalition, his_version__version="12"
    ).exclude(pk=waiting.practice_id)
    upgrade_table = lead_page.get_by_role("table").filter(has_text="Huidige versie")
    assert newer.first().name not in upgrade_table.inner_text()
    _shots(lead_page, "lead-bottleneck")

    # Issue 16, the coalition's side: the lead lets vendors see practice names on the
    # vendors page, by ticking the rendered checkbox.
    coalition = waiting.practice.coalition
    assert not coalition.vendors_see_practice_names
    lead_page.goto("/beheer/leveranciers/")
    box = lead_page.get_by_label("Leveranciers mogen praktijknamen zien")
    assert not box.is_checked()
    box.check()
    with lead_page.expect_navigation():
        lead_page.get_by_role("button", name="Opslaan").click()
    assert "Leveranciers zien nu de namen" in lead_page.inner_text("main")
    assert lead_page.get_by_label("Leveranciers mogen praktijknamen zien").is_checked()
    coalition.refresh_from_db()
    assert coalition.vendors_see_practice_names
    _shots(lead_page, "lead-vendors-names-on")

    # ... and replies to the vendor in the bottleneck's thread.
    lead_page.goto(path)
    lead_page.get_by_label("Uw reactie aan de leverancier").press_sequentially(
        "Dank u. Wij plannen de upgrade met de praktijken.", delay=20
    )
    with lead_page.expect_navigation():
        lead_page.get_by_role("button", name="Reactie versturen").click()
    main = lead_page.inner_text("main")
    assert "Uw reactie is naar de leverancier gestuurd." in main
    assert "Reactie van de coalitie" in main
    assert "Wij plannen de upgrade met de praktijken." in main
    _shots(lead_page, "lead-replied")
    assert (
        EmailMessage.objects.filter(
            to=vendor_user.email, key__startswith="visits:coalition-reply:"
        ).count()
        == 1
    )

    # The vendor now sees the names of this coalition's practices on its versions,
    # and the coalition's reply on the bottleneck.
    page.goto("/bezoeken/leverancier/")
    counts = page.get_by_role("table").filter(has_text="Welke praktijken")
    on_11 = (
        counts.get_by_role("row")
        .filter(has_text=coalition.name)
        .filter(has=page.get_by_role("cell", name="11", exact=True))
    )
    on_11.get_by_text("Namen tonen").click()
    for practice in older[:3]:
        assert practice.name in on_11.inner_text()
    assert "nieuwe reactie van de coalitie" in page.inner_text("main")
    _shots(page, "vendor-home-names")
    page.get_by_role("row").filter(has_text="Het medicatieoverzicht").get_by_role(
        "link"
    ).click()
    page.wait_for_url(re.compile(rf"/bezoeken/leverancier/knelpunten/{waiting.pk}/$"))
    main = page.inner_text("main")
    assert "Reactie van de coalitie" in main
    assert "Wij plannen de upgrade met de praktijken." in main
    _shots(page, "vendor-reply")
