"""Browser journeys of the training follow-ups: a past session's link from its .ics,
a trainer writing to the participants, and a practice's team page."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest
from django.utils import timezone

from coalition.models import EmailMessage, Role
from tests.e2e.conftest import assert_accessible, login
from tests.factories import PASSWORD, PracticeFactory, user_with_role
from tests.training.factories import CourseFactory, RegistrationFactory, SessionFactory
from training import ical
from training.models import Registration, Session, SessionMessage

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/shots/training"


def test_a_past_sessions_link_from_its_ics_still_opens(page, live_server, coalition):
    course = CourseFactory(coalition=coalition, title="Begrijpelijk schrijven")
    session = SessionFactory(course=course)
    # The .ics a participant got with the confirmation.
    content = ical.attachment(session)["content"]
    (event,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    url = str(event["URL"])
    assert str(session.uid) in str(event["UID"])
    # Weeks later the session has been held.
    start = timezone.now() - dt.timedelta(days=21)
    Session.objects.filter(pk=session.pk).update(
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        registration_deadline=start,
        status=Session.Status.HELD,
    )
    path = re.sub(r"^https?://[^/]+", "", url)
    response = page.goto(path)
    assert response.status == 200
    main = page.locator("main").inner_text()
    assert "Begrijpelijk schrijven" in main
    assert "Deze sessie is gehouden op" in main
    assert (
        page.get_by_role("link", name="Inloggen om medewerkers aan te melden").count()
        == 0
    )
    # the site's public header: menu with the agenda, and search
    site = page.get_by_role("navigation", name="Website")
    assert site.get_by_role("link", name="Scholingsagenda").count() == 1
    assert page.get_by_role("search").count() >= 1
    assert_accessible(page)
    page.screenshot(path=f"{SHOTS}/past-session-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=f"{SHOTS}/past-session-390.png", full_page=True)


def test_trainer_writes_to_the_participants_once(new_page, coalition, mfa_user):
    trainer = user_with_role(Role.TRAINER, coalition=coalition, email="t@e2e.test")
    mfa_user(trainer)
    course = CourseFactory(coalition=coalition, title="Module 1: online inzage")
    session = SessionFactory(course=course, capacity=2, trainers=[trainer])
    for n in range(2):
        RegistrationFactory(session=session, email=f"c{n}@e2e.test")
    RegistrationFactory(
        session=session, email="w@e2e.test", status=Registration.Status.WAITLISTED
    )
    t = new_page()
    login(t, trainer.email, PASSWORD, user=trainer)
    t.goto(session.get_manage_url())
    t.get_by_role("link", name="Bericht aan deelnemers").click()
    t.wait_for_url(re.compile(r"/berichten/$"))
    t.get_by_label("Aan").select_option(label="bevestigd en wachtlijst")
    t.get_by_label("Onderwerp").press_sequentially("Andere zaal", delay=120)
    t.get_by_label("Bericht").press_sequentially(
        "We zitten in zaal 2, eerste verdieping.", delay=120
    )
    assert_accessible(t)
    t.screenshot(path=f"{SHOTS}/message-form-1280.png", full_page=True)
    with t.expect_navigation():
        t.get_by_role("button", name="Bericht versturen").click()
    main = t.locator("main").inner_text()
    assert "Het bericht is verstuurd aan 3 deelnemer(s)." in main
    history = t.get_by_role("table", name="Berichten aan de deelnemers van deze sessie")
    assert "Andere zaal" in history.inner_text()
    # Back to the filled-in form and send it again: nothing goes twice.
    t.go_back()
    t.wait_for_load_state()
    assert t.get_by_label("Onderwerp").input_value() == "Andere zaal"
    with t.expect_navigation():
        t.get_by_role("button", name="Bericht versturen").click()
    assert "Dit bericht was al verstuurd" in t.locator("main").inner_text()
    assert SessionMessage.objects.count() == 1
    mails = EmailMessage.objects.filter(key__startswith="training:message:")
    assert sorted(mails.values_list("to", flat=True)) == [
        "c0@e2e.test",
        "c1@e2e.test",
        "w@e2e.test",
    ]
    t.set_viewport_size({"width": 390, "height": 844})
    t.screenshot(path=f"{SHOTS}/message-form-390.png", full_page=True)


def test_practice_sees_its_teams_training(new_page, coalition):
    haven = PracticeFactory(coalition=coalition, name="Huisartsenpraktijk De Haven")
    user_with_role(Role.PRACTICE, practice=haven, email="haven@e2e.test")
    course = CourseFactory(coalition=coalition, title="Module 1: online inzage")
    full = SessionFactory(course=course, capacity=1)
    RegistrationFactory(session=full, email="a@elders.test")
    RegistrationFactory(
        session=full,
        practice=haven,
        name="Wim Wachtend",
        status=Registration.Status.WAITLISTED,
    )
    start = timezone.now() - dt.timedelta(days=30)
    held = SessionFactory(
        course=course,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        registration_deadline=start,
        status=Session.Status.HELD,
    )
    RegistrationFactory(
        session=held,
        practice=haven,
        name="Gea Geweest",
        attendance=Registration.Attendance.ATTENDED,
    )
    p = new_page()
    login(p, "haven@e2e.test", PASSWORD)
    p.goto("/start/")
    p.get_by_role("link", name="Scholing van ons team").first.click()
    p.wait_for_url(re.compile(rf"/scholing/team/{haven.pk}/$"))
    waiting = p.get_by_role("table", name=re.compile("wachtlijst", re.I))
    row = waiting.get_by_role("row").filter(has_text="Wim Wachtend")
    assert row.get_by_role("cell").last.inner_text().strip() == "1"
    assert_accessible(p)
    p.screenshot(path=f"{SHOTS}/team-1280.png", full_page=True)
    with p.expect_download() as info:
        p.get_by_role("link", name=re.compile("Download \\(pdf\\) Gea Geweest")).click()
    assert info.value.suggested_filename.endswith(".pdf")
    # another practice's page does not exist for this user
    other = PracticeFactory(coalition=coalition)
    assert p.goto(f"/scholing/team/{other.pk}/").status == 404
    p.set_viewport_size({"width": 390, "height": 844})
    p.goto(f"/scholing/team/{haven.pk}/")
    p.screenshot(path=f"{SHOTS}/team-390.png", full_page=True)


def test_trainer_sees_the_todo_and_renews_the_feed(new_page, coalition, mfa_user):
    trainer = user_with_role(Role.TRAINER, coalition=coalition, email="t2@e2e.test")
    mfa_user(trainer)
    course = CourseFactory(coalition=coalition, title="Module 1: online inzage")
    start = timezone.now() - dt.timedelta(days=3)
    held = SessionFactory(
        course=course,
        trainers=[trainer],
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        registration_deadline=start,
    )
    RegistrationFactory(session=held)
    soon = SessionFactory(
        course=course,
        trainers=[trainer],
        starts_at=timezone.now() + dt.timedelta(days=2),
        ends_at=timezone.now() + dt.timedelta(days=2, hours=2),
        registration_deadline=timezone.now() + dt.timedelta(days=1),
        capacity=12,
    )
    RegistrationFactory(session=soon)
    t = new_page()
    login(t, trainer.email, PASSWORD, user=trainer)
    t.goto("/start/")
    todo = t.get_by_role("region", name="Wat er nog moet gebeuren")
    assert "1 deelnemer zonder aanwezigheid" in todo.inner_text()
    assert "1 / 12" in todo.inner_text()
    assert_accessible(t)
    t.screenshot(path=f"{SHOTS}/trainer-start-1280.png", full_page=True)
    t.get_by_role("link", name="Mijn agenda (iCalendar)").click()
    t.wait_for_url(re.compile(r"/scholing/mijn-agenda/$"))
    old_url = t.get_by_label("Adres van uw agenda-abonnement").input_value()
    old_path = re.sub(r"^https?://[^/]+", "", old_url)
    assert t.request.get(old_path).status == 200
    assert_accessible(t)
    with t.expect_navigation():
        t.get_by_role("button", name="Nieuw adres maken").click()
    assert "Uw agenda-adres is vernieuwd" in t.locator("main").inner_text()
    new_url = t.get_by_label("Adres van uw agenda-abonnement").input_value()
    assert new_url != old_url
    assert t.request.get(old_path).status == 404
    feed = t.request.get(re.sub(r"^https?://[^/]+", "", new_url))
    assert feed.status == 200
    assert str(soon.uid) in feed.text()
    t.screenshot(path=f"{SHOTS}/trainer-feed-1280.png", full_page=True)
    t.set_viewport_size({"width": 390, "height": 844})
    t.goto("/start/")
    t.screenshot(path=f"{SHOTS}/trainer-start-390.png", full_page=True)
