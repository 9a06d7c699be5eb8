"""Pages end to end through the test client: forms, messages, downloads, counts."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from coalition.models import EmailMessage, Role, StaffRole
from tests.factories import PracticeFactory, user_with_role
from tests.training.factories import (
    CourseFactory,
    RegistrationFactory,
    SessionFactory,
    in_days,
)
from training.models import Registration, Session


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_trainer_creates_a_session_and_bad_times_are_refused(
    course, trainer, client_for
):
    client = client_for(trainer)
    start = in_days(14)
    data = {
        "course": course.pk,
        "starts_at": _local(start),
        "ends_at": _local(start - dt.timedelta(hours=1)),
        "mode": "on_site",
        "address": "Coolsingel 40, Rotterdam",
        "capacity": 2,
    }
    response = client.post(reverse("training:session_create"), data)
    assert response.status_code == 200
    assert "Het einde moet na het begin liggen." in response.content.decode()
    assert not Session.objects.exists()
    data["ends_at"] = _local(start + dt.timedelta(hours=3))
    response = client.post(reverse("training:session_create"), data)
    session = Session.objects.get()
    assert response.url == session.get_manage_url()
    assert list(session.trainers.all()) == [trainer]  # the creator gives it
    assert session.registration_deadline == session.starts_at
    assert timezone.localtime(session.starts_at).hour == 10


def test_lowering_capacity_below_confirmed_shows_a_clear_message(
    session, lead, client_for
):
    RegistrationFactory(session=session)
    RegistrationFactory(session=session)
    client = client_for(lead)
    data = {
        "course": session.course_id,
        "trainers": [t.pk for t in session.trainers.all()],
        "starts_at": _local(session.starts_at),
        "ends_at": _local(session.ends_at),
        "mode": "on_site",
        "address": session.address,
        "capacity": 1,
        "registration_deadline": _local(session.registration_deadline),
    }
    response = client.post(reverse("training:session_update", args=[session.pk]), data)
    assert response.status_code == 200
    assert "Er zijn al 2 bevestigde aanmeldingen" in response.content.decode()
    session.refresh_from_db()
    assert session.capacity == 2


def test_practice_user_registers_staff_and_duplicates_are_refused(
    session, practice_user, practice, client_for
):
    client = client_for(practice_user)
    url = reverse("training:register", args=[session.pk])
    data = {
        "practice": practice.pk,
        "name": "Sara Yilmaz",
        "email": "sara@praktijk.example.test",
        "role": "assistant",
    }
    response = client.post(url, data, follow=True)
    assert "Sara Yilmaz is aangemeld" in response.content.decode()
    response = client.post(url, data)
    assert "sara@praktijk.example.test is al aangemeld voor deze sessie." in (
        response.content.decode()
    )
    response = client.post(url, {**data, "email": "sara-at-praktijk"})
    assert "Vul een geldig e-mailadres in." in response.content.decode()
    assert Registration.objects.count() == 1


def test_registration_page_after_deadline_says_so(session, practice_user, client_for):
    Session.objects.filter(pk=session.pk).update(
        registration_deadline=timezone.now() - dt.timedelta(minutes=5)
    )
    client = client_for(practice_user)
    url = reverse("training:register", args=[session.pk])
    page = client.get(url).content.decode()
    assert "Voor deze sessie kan niemand zich meer aanmelden." in page
    response = client.post(
        url,
        {
            "practice": practice_user.memberships.get().practice_id,
            "name": "Laat Lisa",
            "email": "lisa@praktijk.example.test",
            "role": "gp",
        },
    )
    assert "De aanmeldtermijn is verlopen" in response.content.decode()
    assert not Registration.objects.exists()


def _grow(course, practice, n):
    for _i in range(n):
        s = SessionFactory(course=course, capacity=3)
        for _j in range(4):
            RegistrationFactory(session=s, practice=practice)


def test_session_list_runs_a_fixed_number_of_queries(
    course, practice, trainer, lead, client_for, django_assert_num_queries
):
    client = client_for(lead)
    url = reverse("training:session_list")
    _grow(course, practice, 2)
    client.get(url)  # warm caches (session, content types)
    # The absolute number includes the shared middleware and menu; what matters here
    # is that it does not grow with the data (and stays small).
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) <= 12
    _grow(course, practice, 8)
    with django_assert_num_queries(len(small.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count("Module 1: online inzage") >= 10


def test_registration_page_runs_a_fixed_number_of_queries(
    session, practice, practice_user, client_for, django_assert_num_queries
):
    client = client_for(practice_user)
    url = reverse("training:register", args=[session.pk])
    RegistrationFactory(session=session, practice=practice)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    assert len(small.captured_queries) <= 12
    for _i in range(10):
        RegistrationFactory(session=session, practice=practice)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(url)


def test_public_calendar_filters(client, coalition):
    online = CourseFactory(
        coalition=coalition,
        title="Portaal voor assistenten",
        audience_gp=False,
        audience_nurse_practitioner=False,
        audience_manager=False,
    )
    onsite = CourseFactory(coalition=coalition, title="Begrijpelijk schrijven")
    SessionFactory(
        course=online,
        mode="online",
        address="",
        online_url="https://meet.example.test/a",
        starts_at=in_days(40),
    )
    SessionFactory(course=onsite, starts_at=in_days(5))
    url = reverse("training:public_list")

    def titles(**params):
        html = client.get(url, params).content.decode()
        return [
            t
            for t in ("Portaal voor assistenten", "Begrijpelijk schrijven")
            if t in html
        ]

    assert titles() == ["Portaal voor assistenten", "Begrijpelijk schrijven"]
    assert titles(audience="gp") == ["Begrijpelijk schrijven"]
    assert titles(mode="online") == ["Portaal voor assistenten"]
    month = timezone.localtime(in_days(40)).strftime("%Y-%m")
    assert "Portaal voor assistenten" in titles(month=month)
    if month != timezone.localtime(in_days(5)).strftime("%Y-%m"):
        assert titles(month=month) == ["Portaal voor assistenten"]


def _held(session, practice, **kw):
    start = timezone.now() - dt.timedelta(days=3)
    Session.objects.filter(pk=session.pk).update(
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        registration_deadline=start,
    )
    return RegistrationFactory(session=session, practice=practice, **kw)


def test_attendance_then_certificate_pdf(session, practice, trainer, client_for):
    reg = _held(session, practice, name="Anna de Vries")
    client = client_for(trainer)
    response = client.post(
        reverse("training:attendance", args=[session.pk]),
        {f"attendance_{reg.pk}": "attended", f"notes_{reg.pk}": "Actief meegedaan"},
    )
    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.attendance == "attended"
    assert reg.notes == "Actief meegedaan"
    session.refresh_from_db()
    assert session.status == Session.Status.HELD
    pdf = client.get(reverse("training:certificate", args=[reg.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Certificaat van deelname" in text
    assert "Anna de Vries" in text
    assert "Module 1: online inzage" in text
    assert timezone.localtime(session.starts_at).strftime("%Y") in text
    assert "3,0 uur" in text
    assert "Accreditatiepunten" in text


def test_a_note_without_attendance_comes_back_instead_of_being_dropped(
    session, practice, trainer, client_for
):
    reg = _held(session, practice, name="Anna de Vries")
    other = RegistrationFactory(session=session, practice=practice, name="Bram Bos")
    response = client_for(trainer).post(
        reverse("training:attendance", args=[session.pk]),
        {f"notes_{reg.pk}": "Kwam later binnen", f"attendance_{other.pk}": "attended"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "zonder keuze wordt de notitie niet bewaard" in html
    assert "data-error-summary" in html
    assert f'aria-describedby="id_attendance_{reg.pk}_error"' in html
    # What was typed is still there, and nothing was saved.
    assert 'value="Kwam later binnen"' in html
    reg.refresh_from_db()
    other.refresh_from_db()
    assert (reg.notes, reg.attendance) == ("", "unknown")
    assert other.attendance == "unknown"


def test_no_certificate_without_attendance(session, practice, trainer, client_for):
    reg = _held(session, practice, attendance="no_show")
    assert (
        client_for(trainer)
        .get(reverse("training:certificate", args=[reg.pk]))
        .status_code
        == 404
    )


def test_attendance_before_the_session_day_is_refused(
    session, practice, trainer, client_for
):
    reg = RegistrationFactory(session=session, practice=practice)
    response = client_for(trainer).post(
        reverse("training:attendance", args=[session.pk]),
        {f"attendance_{reg.pk}": "attended"},
        follow=True,
    )
    assert "vanaf de dag van de sessie" in response.content.decode()
    reg.refresh_from_db()
    assert reg.attendance == "unknown"


def test_attendee_list_xlsx_escapes_formulas(session, practice, trainer, client_for):
    RegistrationFactory(session=session, practice=practice, name='=HYPERLINK("x")')
    RegistrationFactory(session=session, practice=practice, name="Bram Bos")
    response = client_for(trainer).get(
        reverse("training:attendee_export", args=[session.pk])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Naam", "E-mail", "Functie", "Praktijk")
    assert "Notities" in rows[0]
    assert "Acties" not in rows[0]
    names = [r[0] for r in rows[1:]]
    assert names == ['\'=HYPERLINK("x")', "Bram Bos"]
    assert rows[1][2] == "huisarts"


def test_coverage_page_and_invite_button(coalition, course, lead, client_for):
    practice = PracticeFactory(coalition=coalition, name="Praktijk Gat")
    SessionFactory(course=course, starts_at=in_days(15))
    practice.contacts.create(name="Mira", email="mira@gat.test", is_primary=True)
    client = client_for(lead)
    page = client.get(reverse("training:coverage")).content.decode()
    assert "Praktijk Gat" in page
    assert "ontbreekt" in page
    # The lead's button in the row posts with the CSRF token and comes back here.
    action = reverse("training:coverage_invite", args=[practice.pk])
    assert f'<form method="post" action="{action}" class="d-inline">' in page
    assert 'name="csrfmiddlewaretoken" value="' in page
    assert f'name="next" value="{reverse("training:coverage")}"' in page
    assert '<span class="visually-hidden"> — Praktijk Gat</span>' in page
    response = client.post(
        reverse("training:coverage_invite", args=[practice.pk]), follow=True
    )
    assert "1 uitnodiging(en) verstuurd." in response.content.decode()
    assert EmailMessage.objects.filter(to="mira@gat.test").count() == 1
    response = client.post(reverse("training:coverage_invite_all"), follow=True)
    assert "al eerder" in response.content.decode()
    assert EmailMessage.objects.filter(to="mira@gat.test").count() == 1


@pytest.mark.parametrize(
    ("query", "rows"),
    [({}, 2), ({"gaps": "all"}, 3), ({"gaps": "true", "q": "Noord"}, 1)],
)
def test_coverage_summary_counts_every_gap_whatever_the_list_shows(
    query, rows, coalition, lead, client_for
):
    """The default list is every practice with a gap, so the summary takes its count
    from the list's; a searched or complete list does not change the summary."""
    PracticeFactory(coalition=coalition, name="Praktijk Noord")
    PracticeFactory(coalition=coalition, name="Praktijk Zuid")
    complete = PracticeFactory(
        coalition=coalition,
        name="Praktijk Heel",
        staff_nurse_practitioner=0,
        staff_assistant=0,
    )
    attended = SessionFactory(
        course__coalition=coalition, starts_at=in_days(-10), capacity=5
    )
    RegistrationFactory(
        session=attended,
        practice=complete,
        role=StaffRole.GP,
        attendance=Registration.Attendance.ATTENDED,
    )
    response = client_for(lead).get(reverse("training:coverage"), query)
    summary = response.context["summary"]
    assert summary == {"total": 3, "complete": 1, "gaps": 2}
    assert response.context["table"].paginator.count == rows


@pytest.mark.parametrize("who", ["trainer", "practice_user", "lead"])
def test_start_pages_show_the_training_panels(who, request, session, client_for):
    user = request.getfixturevalue(who)
    page = client_for(user).get(reverse("coalition:start")).content.decode()
    expected = {
        "trainer": "Mijn volgende sessies",
        "practice_user": "Onze aanmeldingen",
        "lead": "praktijken hebben alle benodigde rollen getraind",
    }[who]
    assert expected in page


def test_no_attendance_on_a_cancelled_session(session, practice):
    from django.core.exceptions import ValidationError

    from training import services

    reg = _held(session, practice)
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
    reg.session.refresh_from_db()
    with pytest.raises(ValidationError, match="geannuleerd"):
        services.registration_set_attendance(registration=reg, attendance="attended")
    reg.refresh_from_db()
    assert reg.attendance == "unknown"


def test_the_office_sees_coverage_without_invite_buttons(coalition, course, client_for):
    """Inviting is the lead's: the office reads the same list without the buttons."""
    practice = PracticeFactory(coalition=coalition, name="Praktijk Gat")
    office = user_with_role(Role.OFFICE)
    page = client_for(office).get(reverse("training:coverage")).content.decode()
    assert "Praktijk Gat" in page and "ontbreekt" in page
    assert "Ontbrekende rollen uitnodigen" not in page
    assert reverse("training:coverage_invite", args=[practice.pk]) not in page
