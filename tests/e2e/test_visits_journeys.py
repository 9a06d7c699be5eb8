"""Browser journeys of issues 10.14, 14.11 and 11.7: the lead shares feedback with the
real button and every practice recipient gets one e-mail; a double click on the real
submit button makes one visit; the programme office filters its inbox by coalition and
resolves a bottleneck."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.utils import timezone

from coalition.models import EmailMessage, Role
from practices.models import PracticeContact
from practices.visits import services
from practices.visits.models import Bottleneck, Visit
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, VendorFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots/visits")


def _shots(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1680, "height": 1000})


def test_sharing_feedback_mails_each_recipient_once(new_page, coalition, mfa_user):
    practice = PracticeFactory(coalition=coalition, name="Huisartsenpraktijk De Linde")
    PracticeContact.objects.create(
        practice=practice, name="Petra Manager", email="manager@linde.example.test"
    )
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    reader = user_with_role(
        Role.PRACTICE, practice=practice, email="assistent@linde.example.test"
    )
    mfa_user(lead)
    today = timezone.localdate()
    visit = services.visit_create(
        by=lead,
        practice=practice,
        planned_on=today,
        held_on=today,
        visitors=[lead],
        feedback="Mooie stappen: de folders in de wachtkamer werken.",
    )
    page = new_page()
    page.set_viewport_size({"width": 1680, "height": 1000})
    login(page, lead.email, PASSWORD, user=lead)
    page.goto(f"/bezoeken/{visit.pk}/")
    button = page.get_by_role("button", name="Terugkoppeling delen")
    button.click()
    page.wait_for_url(re.compile(rf"/bezoeken/{visit.pk}/$"))
    assert "De terugkoppeling is gedeeld met de praktijk." in page.inner_text("main")
    for email in ("manager@linde.example.test", "assistent@linde.example.test"):
        assert EmailMessage.objects.filter(to=email).count() == 1, email
    assert EmailMessage.objects.filter(key__startswith="visits:shared:").count() == 2
    mail = EmailMessage.objects.get(to="manager@linde.example.test")
    assert f"/bezoeken/{visit.pk}/" in mail.body

    practice_page = new_page()
    login(practice_page, reader.email, PASSWORD)
    practice_page.goto(f"/bezoeken/{visit.pk}/")
    assert "de folders in de wachtkamer werken" in practice_page.inner_text("main")
    assert_accessible(practice_page)


def test_double_click_makes_one_visit(new_page, coalition, mfa_user):
    practice = PracticeFactory(coalition=coalition, name="Huisartsenpraktijk Het Plein")
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead2@e2e.test")
    mfa_user(lead)
    page = new_page()
    page.set_viewport_size({"width": 1680, "height": 1000})
    login(page, lead.email, PASSWORD, user=lead)
    page.goto("/bezoeken/nieuw/")
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Praktijk")).select_option(label=str(practice))
    form.get_by_label(re.compile(r"^Geplande datum")).fill(
        timezone.localdate().isoformat()
    )
    form.get_by_label("Voortgang").press_sequentially("Start gemaakt.", delay=120)
    form.get_by_role("button", name="Opslaan").dblclick()
    page.wait_for_url(re.compile(r"/bezoeken/\d+/$"))
    page.wait_for_load_state("networkidle")
    assert Visit.objects.filter(practice=practice).count() == 1
    assert_accessible(page)


def test_office_filters_its_inbox_and_resolves(
    new_page, coalition, other_coalition, mfa_user
):
    vendor = VendorFactory(name="Portaal Plus BV", contact_email="s@portaal.test")
    lead = user_with_role(Role.LEAD, coalition=coalition)
    other_lead = user_with_role(Role.LEAD, coalition=other_coalition)
    office = user_with_role(Role.OFFICE, email="bureau@e2e.test")
    mfa_user(office)
    ours = Bottleneck.objects.create(
        practice=PracticeFactory(coalition=coalition, name="Praktijk Noord"),
        category="login",
        vendor=vendor,
        description="DigiD-app activeren lukt niet",
    )
    theirs = Bottleneck.objects.create(
        practice=PracticeFactory(coalition=other_coalition, name="Praktijk Zuid"),
        category="his_link",
        description="Koppeling valt 's nachts weg",
    )
    services.bottleneck_pass_on(by=lead, bottleneck=ours, to="office")
    services.bottleneck_pass_on(by=other_lead, bottleneck=theirs, to="office")

    page = new_page()
    page.set_viewport_size({"width": 1680, "height": 1000})
    login(page, office.email, PASSWORD, user=office)
    page.goto("/bezoeken/")
    page.get_by_role("link", name="Knelpunten voor het programmabureau").first.click()
    page.wait_for_url(re.compile(r"/knelpunten/programmabureau/"))
    main = page.locator("main")
    assert "Praktijk Noord" in main.inner_text()
    assert "Praktijk Zuid" in main.inner_text()
    assert_accessible(page)
    main.get_by_label("Coalitie").select_option(label=str(coalition))
    main.get_by_role("button", name="Filteren").click()
    page.wait_for_url(re.compile(rf"coalition={coalition.slug}(&|$)"))
    assert "Praktijk Noord" in main.inner_text()
    assert "Praktijk Zuid" not in main.inner_text()
    _shots(page, "office-inbox")

    page.get_by_role("link", name=re.compile(r"\d{4}")).first.click()
    page.wait_for_url(re.compile(rf"/knelpunten/{ours.pk}/$"))
    page.get_by_label("Hoe is het opgelost?").press_sequentially(
        "Landelijk opgelost", delay=120
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Opgelost").click()
    assert "Het knelpunt is opgelost." in page.inner_text("main")
    ours.refresh_from_db()
    assert ours.status == Bottleneck.Status.RESOLVED and ours.resolved_by == office
    theirs.refresh_from_db()
    assert theirs.status == Bottleneck.Status.PASSED_ON


def test_overview_year_chosen_by_keyboard(new_page, coalition, mfa_user):
    import datetime as dt

    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead3@e2e.test")
    mfa_user(lead)
    practice = PracticeFactory(coalition=coalition)
    this_year = timezone.localdate().year
    for year, n in ((this_year - 1, 3), (this_year, 1)):
        for i in range(n):
            b = Bottleneck.objects.create(
                practice=practice, category="login", description=f"{year}-{i}"
            )
            Bottleneck.objects.filter(pk=b.pk).update(
                raised_at=dt.datetime(year, 2 + i, 10, 12, tzinfo=dt.UTC)
            )
    page = new_page()
    page.set_viewport_size({"width": 1680, "height": 1000})
    login(page, lead.email, PASSWORD, user=lead)
    page.goto("/bezoeken/knelpunten/overzicht/")
    select = page.get_by_label("Jaar")
    select.focus()
    select.select_option(str(this_year - 1))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Tonen"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"jaar={this_year - 1}"))
    foot = page.locator("tfoot").inner_text()
    assert foot.split() == ["Totaal", "3", "2", "1", "0", "0"]
    assert f"K1 {this_year - 1}" in page.inner_text("main")
    assert_accessible(page)
    _shots(page, "bottleneck-overview")
