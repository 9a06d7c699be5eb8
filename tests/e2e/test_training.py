"""The training journey: a trainer plans a 2-seat session, two practices register three
people, the third waits, a cancellation promotes them, the trainer keeps attendance and
downloads a certificate."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from coalition.models import EmailMessage, Role
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, user_with_role
from tests.training.factories import CourseFactory, SessionFactory, in_days
from training.models import Registration, Session

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _register(page, session, name: str, email: str, role: str) -> str:
    page.goto(f"/scholing/sessies/{session.pk}/aanmelden/")
    page.get_by_label("Naam").fill(name)
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Functie").select_option(label=role)
    with page.expect_navigation():
        page.get_by_role("button", name="Aanmelden", exact=True).click()
    return page.locator("main").inner_text()


def test_training_journey(new_page, coalition, mfa_user):
    CourseFactory(coalition=coalition, title="Module 1: online inzage")
    haven = PracticeFactory(coalition=coalition, name="Huisartsenpraktijk De Haven")
    molen = PracticeFactory(coalition=coalition, name="Gezondheidscentrum De Molen")
    trainer = user_with_role(
        Role.TRAINER,
        coalition=coalition,
        email="trainer@e2e.test",
        first_name="Fatima",
        last_name="Bouzid",
    )
    user_with_role(Role.PRACTICE, practice=haven, email="haven@e2e.test")
    user_with_role(Role.PRACTICE, practice=molen, email="molen@e2e.test")

    # The trainer creates a session with two seats (trainers log in with MFA).
    mfa_user(trainer)
    t = new_page()
    login(t, trainer.email, PASSWORD, user=trainer)
    t.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Scholing", exact=True
    ).click()
    t.get_by_role("link", name="Nieuwe sessie").first.click()
    start = (timezone.localtime() + dt.timedelta(days=7)).replace(
        hour=13, minute=30, second=0, microsecond=0
    )
    t.get_by_label("Cursus").select_option(label="Module 1: online inzage")
    t.get_by_label("Begint om").fill(_local(start))
    t.get_by_label("Eindigt om").fill(_local(start + dt.timedelta(hours=3)))
    t.get_by_label("Adres").fill("Coolsingel 40, Rotterdam")
    t.get_by_label("Aantal plaatsen").fill("2")
    t.screenshot(path="/tmp/training-session-form.png", full_page=True)
    t.get_by_role("button", name="Opslaan").click()
    t.wait_for_url(re.compile(r"/scholing/sessies/\d+/$"))
    assert "De sessie is aangemaakt." in t.locator("main").inner_text()
    session = Session.objects.get()
    assert list(session.trainers.all()) == [trainer]

    # Two practice users register three people; the third goes on the waitlist.
    haven_page = new_page()
    login(haven_page, "haven@e2e.test", PASSWORD)
    haven_page.goto("/scholing/")
    haven_page.get_by_role("link", name="Module 1: online inzage").click()
    haven_page.get_by_role("link", name="Medewerkers aanmelden").first.click()
    assert_accessible(haven_page)
    msg = _register(haven_page, session, "Anna de Vries", "anna@haven.test", "huisarts")
    assert "Anna de Vries is aangemeld" in msg
    msg = _register(
        haven_page, session, "Bram Bos", "bram@haven.test", "doktersassistent"
    )
    assert "Bram Bos is aangemeld" in msg
    molen_page = new_page()
    login(molen_page, "molen@e2e.test", PASSWORD)
    msg = _register(
        molen_page, session, "Chantal Kaya", "chantal@molen.test", "huisarts"
    )
    assert "Chantal Kaya staat op de wachtlijst" in msg
    # the same person twice is refused with a clear message
    msg = _register(
        molen_page, session, "Chantal Kaya", "chantal@molen.test", "huisarts"
    )
    assert "chantal@molen.test is al aangemeld voor deze sessie." in msg
    molen_page.screenshot(path="/tmp/training-register.png", full_page=True)
    # each practice sees only its own people
    assert "Anna de Vries" not in molen_page.locator("main table").inner_text()
    chantal = Registration.objects.get(email="chantal@molen.test")
    assert chantal.status == Registration.Status.WAITLISTED

    # Haven cancels Bram: the page asks first (nothing happens yet), then Chantal
    # gets the seat and an e-mail, and Bram exactly one cancellation e-mail.
    haven_page.goto(f"/scholing/sessies/{session.pk}/aanmelden/")
    with haven_page.expect_navigation():
        haven_page.get_by_role("link", name="Afmelden Bram Bos").click()
    assert "Bram Bos afmelden?" in haven_page.locator("h1").inner_text()
    assert "gaat naar de eerste op de wachtlijst" in (
        haven_page.locator("main").inner_text()
    )
    assert_accessible(haven_page)
    haven_page.screenshot(path="/tmp/shots/training/cancel-confirm-1280.png")
    bram = Registration.objects.get(email="bram@haven.test")
    assert bram.status == Registration.Status.CONFIRMED  # asking changed nothing
    # keyboard: Tab to the button and press Enter
    confirm = haven_page.get_by_role("button", name="Ja, afmelden")
    confirm.focus()
    haven_page.keyboard.press("Enter")
    # The confirmation page's own URL ends in ?next=…/aanmelden/: wait until we left it.
    haven_page.wait_for_url(lambda url: "/annuleren/" not in url)
    assert "De aanmelding van Bram Bos is geannuleerd" in (
        haven_page.locator("main").inner_text()
    )
    bram.refresh_from_db()
    assert bram.status == Registration.Status.CANCELLED
    cancelled = EmailMessage.objects.filter(key__startswith="training:cancelled:")
    assert list(cancelled.values_list("to", flat=True)) == ["bram@haven.test"]
    chantal.refresh_from_db()
    assert chantal.status == Registration.Status.CONFIRMED
    promoted = EmailMessage.objects.get(key=f"training:promoted:{chantal.pk}")
    assert promoted.to == "chantal@molen.test"
    assert promoted.attachments[0]["mimetype"] == "text/calendar"
    molen_page.reload()
    assert "bevestigd" in molen_page.locator("main table").inner_text()

    # The public calendar shows the session, without names.
    visitor = new_page()
    visitor.goto("/scholing/agenda/")
    assert "Module 1: online inzage" in visitor.locator("main").inner_text()
    assert "Anna" not in visitor.content()
    assert_accessible(visitor)
    visitor.screenshot(path="/tmp/training-public.png", full_page=True)

    # The day comes (the session is moved to this morning), the trainer keeps
    # attendance and downloads a certificate.
    morning = timezone.now() - dt.timedelta(hours=3)
    Session.objects.filter(pk=session.pk).update(
        starts_at=morning,
        ends_at=morning + dt.timedelta(hours=2),
        registration_deadline=morning,
    )
    t.goto(f"/scholing/sessies/{session.pk}/")
    rows = t.get_by_role("group", name="Aanwezigheid van Anna de Vries")
    rows.get_by_label("aanwezig").check()
    t.get_by_role("group", name="Aanwezigheid van Chantal Kaya").get_by_label(
        "niet verschenen"
    ).check()
    t.get_by_label("Notitie bij Chantal Kaya").fill("Afgemeld wegens ziekte")
    with t.expect_navigation():
        t.get_by_role("button", name="Aanwezigheid opslaan").click()
    assert (
        "Aanwezigheid opgeslagen voor 2 deelnemer(s)." in t.locator("main").inner_text()
    )
    assert_accessible(t)
    t.screenshot(path="/tmp/training-session-detail.png", full_page=True)
    with t.expect_download() as info:
        t.get_by_role("link", name="Certificaat Anna de Vries").click()
    pdf = PdfReader(io.BytesIO(open(info.value.path(), "rb").read()))
    text = pdf.pages[0].extract_text()
    assert "Anna de Vries" in text
    assert "Module 1: online inzage" in text
    assert "Accreditatiepunten" in text
    anna = Registration.objects.get(email="anna@haven.test")
    assert anna.attendance == Registration.Attendance.ATTENDED
    chantal.refresh_from_db()
    assert chantal.attendance == Registration.Attendance.NO_SHOW
    assert chantal.notes == "Afgemeld wegens ziekte"

    # The lead sees the practices with gaps and invites exactly the missing roles.
    SessionFactory(course=session.course, starts_at=in_days(21))
    lead = user_with_role(Role.LEAD, coalition=coalition, email="lead@e2e.test")
    mfa_user(lead)
    lp = new_page()
    # The lead's main menu (all apps together) is wider than 1280 px and overflows the
    # navbar there — a base-layout matter reported to the integrator; this step checks
    # the coverage page, so it uses a screen on which that menu fits.
    lp.set_viewport_size({"width": 1800, "height": 900})
    login(lp, lead.email, PASSWORD, user=lead)
    lp.goto("/scholing/dekking/")
    row = lp.get_by_role("row").filter(has_text="Huisartsenpraktijk De Haven")
    assert "1 getraind" in row.inner_text()  # Anna, the GP
    assert_accessible(lp)
    lp.screenshot(path="/tmp/training-coverage.png", full_page=True)
    haven.contacts.create(name="Mira Jansen", email="mira@haven.test", is_primary=True)
    with lp.expect_navigation():
        row.get_by_role(
            "button", name=re.compile("Ontbrekende rollen uitnodigen")
        ).click()
    assert "2 uitnodiging(en) verstuurd." in lp.locator("main").inner_text()
    invites = EmailMessage.objects.filter(
        key__startswith=f"training:invite:{haven.pk}:"
    )
    assert sorted(invites.values_list("to", flat=True)) == [
        "haven@e2e.test",
        "mira@haven.test",
    ]
    body = invites.first().body
    assert "praktijkondersteuner (POH)" in body
    assert "doktersassistent" in body
    assert "- huisarts" not in body
