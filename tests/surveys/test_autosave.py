"""Saving while typing: a save based on an answer someone else changed since is refused
(both values shown, the person chooses); a submit with warnings asks to confirm them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from coalition.models import Role
from surveys import services
from surveys.models import Answer, Response, answer_version
from tests.factories import user_with_role
from tests.surveys.factories import answer_all

pytestmark = pytest.mark.django_db


def save_url(r, code):
    return reverse("surveys:answer_save", kwargs={"pk": r.pk, "code": code})


def stored(response, code):
    return Answer.objects.get(response=response, question__code=code).value


def test_a_save_from_a_stale_version_is_refused(response):
    question = response.questionnaire.questions.get(code="list_size")
    first = services.answer_save(
        response=response, question=question, raw="100", base=""
    )
    with pytest.raises(services.AnswerConflict) as caught:
        services.answer_save(response=response, question=question, raw="200", base="")
    assert caught.value.current == Decimal(100)
    assert caught.value.version == answer_version(first)
    assert stored(response, "list_size") == 100
    # the same value as stored is no conflict; the current base is accepted
    services.answer_save(response=response, question=question, raw="100", base="")
    services.answer_save(
        response=response,
        question=question,
        raw="300",
        base=answer_version(Answer.objects.get(pk=first.pk)),
    )
    assert stored(response, "list_size") == 300
    # emptying a field someone else filled meanwhile is a conflict too
    with pytest.raises(services.AnswerConflict):
        services.answer_save(response=response, question=question, raw="", base="")


def test_two_people_save_the_same_answer_the_second_chooses(
    response, practice, practice_user, client_for, django_user_model
):
    from django.test import Client

    colleague = user_with_role(
        Role.PRACTICE, practice=practice, email="collega@a.example.test"
    )
    first = client_for(practice_user)
    second = Client()
    second.force_login(colleague)
    form = reverse("surveys:response_form", kwargs={"pk": response.pk})
    # both pages are open: the answer has no version yet
    assert 'name="_base-list_size" value=""' in first.get(form).content.decode()
    assert 'name="_base-list_size" value=""' in second.get(form).content.decode()
    first.post(save_url(response, "list_size"), {"list_size": "2500", "_base": ""})
    html = second.post(
        save_url(response, "list_size"), {"list_size": "2600", "_base": ""}
    ).content.decode()
    assert "Iemand anders heeft dit antwoord intussen gewijzigd" in html
    assert 'data-testid="conflict-theirs">2.500 patiënten<' in html
    assert 'data-testid="conflict-mine">2600<' in html
    assert 'data-theirs="2500"' in html
    assert stored(response, "list_size") == 2500  # nothing silently overwritten
    version = html.split('data-conflict-version="')[1].split('"')[0]
    kept = second.post(
        save_url(response, "list_size"), {"list_size": "2600", "_base": version}
    ).content.decode()
    assert "Opgeslagen" in kept and "Iemand anders" not in kept
    assert stored(response, "list_size") == 2600


def test_the_whole_form_post_refuses_a_stale_change_and_skips_unchanged(
    response, practice_user, client_for
):
    questions = {q.code: q for q in response.questionnaire.questions.all()}
    answer_all(response, {"list_size": "2500", "barriers": "DigiD"})
    old = {
        code: answer_version(Answer.objects.get(response=response, question=q))
        for code, q in questions.items()
        if code in ("list_size", "barriers")
    }
    # someone else changes the list size after this page was loaded
    services.answer_save(
        response=response,
        question=questions["list_size"],
        raw="2700",
        base=old["list_size"],
    )
    client = client_for(practice_user)
    page = client.post(
        reverse("surveys:response_form", kwargs={"pk": response.pk}),
        {
            "list_size": "2600",
            "_base-list_size": old["list_size"],
            "barriers": "DigiD",  # unchanged: no conflict, not written again
            "_base-barriers": "stale-but-unchanged",
            "action": "save",
        },
    )
    assert (
        "Iemand anders heeft dit antwoord intussen gewijzigd" in page.content.decode()
    )
    assert stored(response, "list_size") == 2700
    assert stored(response, "barriers") == "DigiD"


def test_submit_with_a_warning_asks_to_confirm_it(response, practice_user, client_for):
    answer_all(
        response,
        {
            "list_size": "2500",
            "offers_record_access": "ja",
            "offers_econsult": "ja",
            "offers_online_appointments": "ja",
            "offers_repeat_prescriptions": "ja",
            "appointments_total_q4": "100",
            "appointments_online_q4": "150",
        },
    )
    client = client_for(practice_user)
    url = reverse("surveys:response_form", kwargs={"pk": response.pk})
    page = client.post(url, {"action": "submit"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Controleer deze antwoorden voordat u verstuurt" in html
    assert "meer dan het totale aantal afspraken" in html
    response.refresh_from_db()
    assert response.status != Response.Status.SUBMITTED
    done = client.post(url, {"action": "submit", "confirm_warnings": "1"})
    assert done.status_code == 302
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
