"""Invitations and reminders: by Celery, recorded, and never twice to one person a day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from coalition.models import EmailMessage, Role
from practices.models import PracticeContact
from surveys import services, tasks
from surveys.models import Questionnaire, Response, ResponseEvent
from tests.factories import PracticeFactory, user_with_role
from tests.surveys.factories import submitted

pytestmark = pytest.mark.django_db


def test_invite_sends_one_mail_per_person_with_the_form_link(
    questionnaire, practice, practice_user, lead, django_capture_on_commit_callbacks
):
    other = PracticeFactory(coalition=questionnaire.coalition)
    PracticeContact.objects.create(
        practice=other, name="Sanne Bos", email="sanne@praktijk.test", is_primary=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.responses_invite(
            questionnaire=questionnaire, practices=[practice, other], by=lead
        )
    assert len(invited) == 2
    assert sorted(m.to[0] for m in mail.outbox) == [
        "praktijk@a.example.test",
        "sanne@praktijk.test",
    ]
    response = Response.objects.get(questionnaire=questionnaire, practice=practice)
    body = next(m.body for m in mail.outbox if m.to == ["praktijk@a.example.test"])
    assert f"/vragenlijsten/antwoorden/{response.pk}/" in body
    assert EmailMessage.objects.filter(key__startswith="survey-invite:").count() == 2
    assert ResponseEvent.objects.filter(kind="invited").count() == 2
    # inviting again invites nobody twice
    with django_capture_on_commit_callbacks(execute=True):
        again = services.responses_invite(
            questionnaire=questionnaire, practices=[practice, other], by=lead
        )
    assert again == []
    assert len(mail.outbox) == 2
    # the task itself is idempotent too
    tasks.send_invitations(questionnaire.pk, [r.pk for r in invited])
    assert len(mail.outbox) == 2


def test_invite_needs_an_open_questionnaire(coalition, practice, lead):
    draft = services.questionnaire_create_standard(coalition=coalition, year=2031)
    with pytest.raises(ValidationError, match="Open de vragenlijst"):
        services.responses_invite(questionnaire=draft, practices=[practice], by=lead)
    assert not Response.objects.exists()


def _setup_reminders(questionnaire, today):
    Questionnaire.objects.filter(pk=questionnaire.pk).update(
        opens=today - dt.timedelta(days=20),
        closes=today + dt.timedelta(days=7),
        reminder_days=[14, 7, 1],
    )


def test_reminders_go_to_non_responders_on_the_set_days_once(
    questionnaire, practice, practice_user, lead, django_capture_on_commit_callbacks
):
    today = dt.date.today()  # noqa: DTZ011 - the service takes the date as given
    done = PracticeFactory(coalition=questionnaire.coalition)
    user_with_role(Role.PRACTICE, practice=done, email="klaar@a.example.test")
    with django_capture_on_commit_callbacks(execute=True):
        services.responses_invite(
            questionnaire=questionnaire, practices=[practice, done], by=lead
        )
    submitted(questionnaire, done, {"list_size": 1000})
    _setup_reminders(questionnaire, today)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due(today=today) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due(today=today) == 0
    assert [m.to for m in mail.outbox] == [["praktijk@a.example.test"]]
    assert "Herinnering" in mail.outbox[0].subject
    # not a reminder day: nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due(today=today + dt.timedelta(days=1)) == 0
    assert len(mail.outbox) == 1
    assert EmailMessage.objects.filter(key__startswith="survey-reminder:").count() == 1


def test_one_person_one_reminder_a_day_across_practices_and_questionnaires(
    coalition, lead, django_capture_on_commit_callbacks
):
    from tests.surveys.factories import open_standard

    today = dt.date.today()  # noqa: DTZ011
    a, b = PracticeFactory(coalition=coalition), PracticeFactory(coalition=coalition)
    person = user_with_role(Role.PRACTICE, practice=a, email="beide@a.example.test")
    from coalition.services import membership_create

    membership_create(user=person, role=Role.PRACTICE, practice=b)
    q1 = open_standard(coalition, year=2025)
    q2 = open_standard(coalition, year=2025, quarter=4)
    with django_capture_on_commit_callbacks(execute=True):
        for q in (q1, q2):
            services.responses_invite(questionnaire=q, practices=[a, b], by=lead)
            _setup_reminders(q, today)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reminders_send_due(today=today)
        services.reminders_send_due(today=today)
    assert len(mail.outbox) == 1
    # the one message lists all four forms
    assert mail.outbox[0].body.count("/vragenlijsten/antwoorden/") == 4


def test_beat_task_runs_the_service(
    questionnaire, practice, practice_user, lead, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    with django_capture_on_commit_callbacks(execute=True):
        services.responses_invite(
            questionnaire=questionnaire, practices=[practice], by=lead
        )
    _setup_reminders(questionnaire, timezone.localdate())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_due_reminders()
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_due_reminders()
    assert len(mail.outbox) == 1


def test_invite_button_counts_the_emails_it_sends(
    questionnaire, practice, practice_user, lead, client_for,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    import re

    from django.urls import reverse

    coalition = questionnaire.coalition
    with_contact = PracticeFactory(coalition=coalition)
    PracticeContact.objects.create(
        practice=with_contact, name="Sanne Bos", email="sanne@p.test", is_primary=True
    )
    PracticeFactory(coalition=coalition)  # no user, no contact: no e-mail possible
    done = PracticeFactory(coalition=coalition)
    user_with_role(Role.PRACTICE, practice=done, email="al@p.test")
    with django_capture_on_commit_callbacks(execute=True):
        services.responses_invite(
            questionnaire=questionnaire, practices=[done], by=lead
        )
    mail.outbox.clear()
    client = client_for(lead)
    url = reverse("surveys:invite", kwargs={"pk": questionnaire.pk})
    html = client.get(url).content.decode()
    button = re.search(r'data-testid="invite-button"[^>]*>([^<]*)<', html).group(1)
    assert button.strip() == "2 praktijken uitnodigen"
    assert "1 is al uitgenodigd" in html and "1 heeft geen e-mailadres" in html
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {})
    assert len(mail.outbox) == 2
    html = client.get(url).content.decode()
    button = re.search(r'data-testid="invite-button"([^>]*)>([^<]*)<', html)
    assert button.group(2).strip() == "0 praktijken uitnodigen"
    assert "disabled" in button.group(1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {})
    assert len(mail.outbox) == 2


def test_reminder_by_hand_to_a_filtered_set_never_twice_a_day(
    questionnaire, practice, practice_user, lead, client_for,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    import re

    from django.urls import reverse

    coalition = questionnaire.coalition
    done = PracticeFactory(coalition=coalition)
    user_with_role(Role.PRACTICE, practice=done, email="klaar@a.example.test")
    later = PracticeFactory(coalition=coalition)
    user_with_role(Role.PRACTICE, practice=later, email="later@a.example.test")
    with django_capture_on_commit_callbacks(execute=True):
        services.responses_invite(
            questionnaire=questionnaire, practices=[practice, done, later], by=lead
        )
    submitted(questionnaire, done, {"list_size": 1000})
    started = services.response_start(questionnaire=questionnaire, practice=later)
    services.answer_save(
        response=started,
        question=questionnaire.questions.get(code="list_size"),
        raw="10",
    )
    mail.outbox.clear()
    client = client_for(lead)
    progress = reverse("surveys:progress", kwargs={"pk": questionnaire.pk})
    html = client.get(progress, {"status": "draft"}).content.decode()
    button = re.search(r'data-testid="remind-button"[^>]*>([^<]*)<', html).group(1)
    assert button.strip() == "Nu een herinnering sturen aan 1 praktijk"
    url = reverse("surveys:reminders_send", kwargs={"pk": questionnaire.pk})
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(url, {"status": "draft"})
    assert r.url == progress + "?status=draft"
    assert [m.to for m in mail.outbox] == [["later@a.example.test"]]
    assert "Herinnering" in mail.outbox[0].subject
    # without a filter: the one left who has not submitted
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {})
    assert sorted(m.to[0] for m in mail.outbox) == [
        "later@a.example.test",
        "praktijk@a.example.test",
    ]
    # a second click the same day, and the scheduled run, send nothing new
    html = client.get(progress).content.decode()
    assert "Nu een herinnering sturen aan 0 praktijken" in html
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(url, {}, follow=True)
    assert "Geen herinneringen verstuurd" in page.content.decode()
    _setup_reminders(questionnaire, dt.date.today())  # noqa: DTZ011
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send_due() == 0
    assert len(mail.outbox) == 2


def test_reminder_by_hand_is_for_leads_of_the_coalition(
    questionnaire, practice_user, other_lead, client_for
):
    from django.urls import reverse

    url = reverse("surveys:reminders_send", kwargs={"pk": questionnaire.pk})
    assert client_for(practice_user).post(url, {}).status_code == 403
    assert client_for(other_lead).post(url, {}).status_code == 404
    assert not mail.outbox


def test_a_contact_without_account_gets_one_and_a_password_link(
    questionnaire, lead, django_capture_on_commit_callbacks
):
    from urllib.parse import quote

    from django.contrib.auth import get_user_model

    from coalition.models import Membership

    coalition = questionnaire.coalition
    fresh = PracticeFactory(coalition=coalition)
    PracticeContact.objects.create(
        practice=fresh,
        name="Sanne de Bos",
        email="Sanne@Praktijk.test",
        is_primary=True,
    )
    elsewhere = PracticeFactory(coalition=coalition)
    someone = user_with_role(
        Role.PRACTICE,
        practice=PracticeFactory(coalition=coalition),
        email="bestaand@a.example.test",
    )
    PracticeContact.objects.create(
        practice=elsewhere, name="B", email="Bestaand@a.example.test", is_primary=True
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.responses_invite(
            questionnaire=questionnaire, practices=[fresh, elsewhere], by=lead
        )
    user = get_user_model().objects.get(email="sanne@praktijk.test")
    assert (user.first_name, user.last_name) == ("Sanne", "de Bos")
    assert not user.has_usable_password()
    assert Membership.objects.filter(
        user=user, role=Role.PRACTICE, practice=fresh
    ).exists()
    # an existing account of someone else is not attached to the other practice
    assert not Membership.objects.filter(user=someone, practice=elsewhere).exists()
    body = next(m.body for m in mail.outbox if m.to == ["sanne@praktijk.test"])
    response = Response.objects.get(questionnaire=questionnaire, practice=fresh)
    assert "/accounts/password/reset/key/" in body
    assert (
        "?next=" + quote(f"/vragenlijsten/antwoorden/{response.pk}/", safe="") in body
    )
    other = next(m.body for m in mail.outbox if m.to == ["bestaand@a.example.test"])
    assert "/accounts/password/reset/key/" not in other
