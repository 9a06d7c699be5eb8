"""Pages: scoping (another practice's response is 404), the htmx save, fixed query
counts for the form and the progress page, start-page panels, the lead's actions."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coalition.models import Role
from surveys import services
from surveys.models import Answer, Question, Questionnaire, Response, Section
from tests.factories import PracticeFactory, user_with_role
from tests.surveys.factories import submitted

pytestmark = pytest.mark.django_db


def form_url(r):
    return reverse("surveys:response_form", kwargs={"pk": r.pk})


def save_url(r, code):
    return reverse("surveys:answer_save", kwargs={"pk": r.pk, "code": code})


# --- scoping ----------------------------------------------------------------------------


def test_practice_user_cannot_open_another_practices_response(
    questionnaire, response, client_for
):
    other = PracticeFactory(coalition=questionnaire.coalition)
    stranger = user_with_role(
        Role.PRACTICE, practice=other, email="ander@a.example.test"
    )
    client = client_for(stranger)
    assert client.get(form_url(response)).status_code == 404
    assert (
        client.post(save_url(response, "list_size"), {"list_size": "1"}).status_code
        == 404
    )
    detail = reverse("surveys:response_detail", kwargs={"pk": response.pk})
    assert client.get(detail).status_code == 404
    assert not Answer.objects.filter(
        response=response, question__code="list_size"
    ).exists()


def test_leads_see_only_their_coalition(
    questionnaire, response, client_for, other_lead
):
    client = client_for(other_lead)
    progress = reverse("surveys:progress", kwargs={"pk": questionnaire.pk})
    assert client.get(progress).status_code == 404
    detail = reverse("surveys:response_detail", kwargs={"pk": response.pk})
    assert client.get(detail).status_code == 404


def test_lead_reads_but_does_not_fill_in(questionnaire, response, client_for, lead):
    client = client_for(lead)
    page = client.get(form_url(response))
    assert page.status_code == 302
    assert page.url == reverse("surveys:response_detail", kwargs={"pk": response.pk})
    assert client.get(page.url).status_code == 200


def test_practice_user_gets_no_lead_pages(
    questionnaire, response, client_for, practice_user
):
    client = client_for(practice_user)
    progress = reverse("surveys:progress", kwargs={"pk": questionnaire.pk})
    assert client.get(progress).status_code == 403


def test_office_sees_progress_of_every_coalition(questionnaire, client_for, office):
    progress = reverse("surveys:progress", kwargs={"pk": questionnaire.pk})
    assert client_for(office).get(progress).status_code == 200


# --- filling in -------------------------------------------------------------------------


def test_htmx_save_returns_the_field_with_its_message(
    questionnaire, response, client_for, practice_user
):
    client = client_for(practice_user)
    ok = client.post(
        save_url(response, "list_size"), {"list_size": "3.250"}, HTTP_HX_REQUEST="true"
    )
    assert ok.status_code == 200
    html = ok.content.decode()
    assert 'id="field-list_size"' in html and "Opgeslagen" in html
    assert 'value="3250"' in html
    bad = client.post(
        save_url(response, "list_size"), {"list_size": "veel"}, HTTP_HX_REQUEST="true"
    )
    html = bad.content.decode()
    assert "Vul een geheel getal in." in html
    assert 'value="veel"' in html and 'aria-invalid="true"' in html
    assert (
        Answer.objects.get(response=response, question__code="list_size").number == 3250
    )
    pct = client.post(
        save_url(response, "calls_answered_2min_pct"),
        {"calls_answered_2min_pct": "140"},
    )
    assert "Een percentage ligt tussen 0 en 100." in pct.content.decode()
    # saving the total re-renders the online field's warning out of band
    client.post(
        save_url(response, "appointments_online_q4"), {"appointments_online_q4": "50"}
    )
    total = client.post(
        save_url(response, "appointments_total_q4"), {"appointments_total_q4": "40"}
    ).content.decode()
    assert 'data-related="true"' in total and "totale aantal afspraken" in total


def test_form_submit_locks_and_shows_required(
    questionnaire, response, client_for, practice_user
):
    client = client_for(practice_user)
    page = client.post(form_url(response), {"action": "submit", "list_size": "2000"})
    assert page.status_code == 200
    assert "Deze vraag is verplicht." in page.content.decode()
    data = {
        "action": "submit",
        "list_size": "2000",
        "offers_record_access": "ja",
        "offers_econsult": "ja",
        "offers_online_appointments": "nee",
        "offers_repeat_prescriptions": "ja",
        "econsults_q4": "120",
    }
    done = client.post(form_url(response), data)
    assert done.status_code == 302
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    again = client.post(save_url(response, "list_size"), {"list_size": "2500"})
    assert "al ingestuurd" in again.content.decode()
    assert (
        Answer.objects.get(response=response, question__code="list_size").number == 2000
    )


def test_practice_starts_a_questionnaire_it_was_not_invited_for(
    questionnaire, practice, client_for, practice_user
):
    client = client_for(practice_user)
    my = client.get(reverse("surveys:my"))
    assert questionnaire.title in my.content.decode()
    start = reverse(
        "surveys:response_start",
        kwargs={"pk": questionnaire.pk, "practice_pk": practice.pk},
    )
    r = client.post(start)
    response = Response.objects.get(questionnaire=questionnaire, practice=practice)
    assert r.url == form_url(response)


def _questionnaire_with(coalition, year, n_questions):
    q = services.questionnaire_create(coalition=coalition, year=year)
    section = Section.objects.create(questionnaire=q, title="Eén", order=1)
    for i in range(n_questions):
        services.question_save(
            question=Question(
                questionnaire=q,
                section=section,
                code=f"q{i}",
                text=f"Vraag {i}",
                kind="integer",
                order=i,
            )  # fmt: skip
        )
    return services.questionnaire_set_status(questionnaire=q, status="open")


@pytest.mark.parametrize("size", [2, 25])
def test_form_runs_a_fixed_number_of_queries(
    size, coalition, practice, practice_user, client_for, django_assert_num_queries
):
    last = _questionnaire_with(coalition, 2024, size)
    submitted(last, practice, {f"q{i}": i + 1 for i in range(size)})
    Questionnaire.objects.filter(pk=last.pk).update(status="closed")
    now = _questionnaire_with(coalition, 2025, size)
    response = services.response_start(questionnaire=now, practice=practice)
    from tests.surveys.factories import answer_all

    answer_all(response, {f"q{i}": i + 2 for i in range(size)})
    client = client_for(practice_user)
    client.get(form_url(response))  # warm the session
    # 8 for the page, 4 for the audit row (NEN 7513) and the session bookkeeping.
    with django_assert_num_queries(12):
        page = client.get(form_url(response))
    assert page.status_code == 200
    assert page.content.decode().count('class="survey-field') == size


@pytest.mark.parametrize("size", [2, 12])
def test_progress_runs_a_fixed_number_of_queries(
    size, questionnaire, lead, client_for, django_assert_num_queries
):
    practices = [
        PracticeFactory(coalition=questionnaire.coalition) for _ in range(size)
    ]
    services.responses_invite(questionnaire=questionnaire, practices=practices, by=lead)
    submitted(questionnaire, practices[0], {"list_size": 1000})
    client = client_for(lead)
    url = reverse("surveys:progress", kwargs={"pk": questionnaire.pk})
    client.get(url)
    # The table counts its rows once (no second count by the ListView's paging); the
    # lead's roles and MFA set-up come in one query.
    with django_assert_num_queries(17):
        page = client.get(url)
    html = page.content.decode()
    assert f'data-testid="total-invited">{size}<' in html
    assert 'data-testid="total-submitted">1<' in html
    assert "Praktijken en de stand van hun antwoorden</caption>" in html


# --- the lead's pages --------------------------------------------------------------------


def test_lead_creates_opens_invites(
    coalition,
    practice,
    practice_user,
    lead,
    client_for,
    django_capture_on_commit_callbacks,
):
    from django.core import mail

    client = client_for(lead)
    r = client.post(
        reverse("surveys:questionnaire_create"),
        {
            "coalition": coalition.pk,
            "year": 2026,
            "quarter": "",
            "start": "standard",
            "opens": "2026-01-05",
            "closes": "2099-02-28",
        },  # fmt: skip
    )
    q = Questionnaire.objects.get(coalition=coalition, year=2026)
    assert r.url == reverse("surveys:questionnaire_detail", kwargs={"pk": q.pk})
    assert q.questions.count() == 27
    assert client.get(r.url).status_code == 200
    client.post(
        reverse("surveys:questionnaire_status", kwargs={"pk": q.pk}), {"status": "open"}
    )
    q.refresh_from_db()
    assert q.status == "open"
    invite = reverse("surveys:invite", kwargs={"pk": q.pk})
    page = client.get(invite)
    assert page.status_code == 200
    assert "1 praktijk uitnodigen" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(invite, {})
    assert (
        Response.objects.filter(questionnaire=q, invited_at__isnull=False).count() == 1
    )
    assert [m.to for m in mail.outbox] == [["praktijk@a.example.test"]]
    edit = reverse("surveys:questionnaire_edit", kwargs={"pk": q.pk})
    r = client.post(
        edit,
        {
            "title": "Monitor",
            "intro": "",
            "opens": "2026-01-05",
            "closes": "2099-02-28",
            "reminder_days": "7, 21,x",
        },  # fmt: skip
    )
    assert "hele getallen" in r.content.decode()
    client.post(
        edit,
        {
            "title": "Monitor",
            "intro": "",
            "opens": "2026-01-05",
            "closes": "2099-02-28",
            "reminder_days": "7, 21, 1",
        },  # fmt: skip
    )
    q.refresh_from_db()
    assert q.reminder_days == [21, 7, 1]
    results = client.get(reverse("surveys:results", kwargs={"pk": q.pk}))
    assert results.status_code == 200


def test_lead_reopens_from_the_page(questionnaire, practice, lead, client_for):
    response = submitted(questionnaire, practice, {"list_size": 1000})
    client = client_for(lead)
    url = reverse("surveys:response_reopen", kwargs={"pk": response.pk})
    r = client.post(url, {"reason": ""})
    assert r.status_code == 200
    response.refresh_from_db()
    assert response.is_submitted
    client.post(url, {"reason": "Verkeerd jaar ingevuld"})
    response.refresh_from_db()
    assert not response.is_submitted
    detail = client.get(reverse("surveys:response_detail", kwargs={"pk": response.pk}))
    assert "Verkeerd jaar ingevuld" in detail.content.decode()


def test_start_pages_show_the_panels(
    questionnaire, response, practice_user, lead, client_for
):
    page = client_for(practice_user).get(reverse("coalition:start"))
    html = page.content.decode()
    assert "Vragenlijst invullen" in html and form_url(response) in html
    assert reverse("surveys:my") in html  # nav item "Vragenlijst"
    page = client_for(lead).get(reverse("coalition:start"))
    html = page.content.decode()
    assert "Respons op de vragenlijst" in html
    assert reverse("surveys:questionnaire_list") in html
