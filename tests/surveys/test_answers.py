"""Filling in: each kind validated with its bounds, bad input leaves the stored answer,
required answers at submit, locking, reopening with a reason, plausibility warnings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from surveys import selectors, services
from surveys.models import Answer, Question, Questionnaire, Response, ResponseEvent
from tests.conftest import requires_postgres
from tests.surveys.factories import answer_all, open_standard, submitted

pytestmark = pytest.mark.django_db


def q(questionnaire, code) -> Question:
    return questionnaire.questions.get(code=code)


@pytest.mark.parametrize(
    ("kind", "raw", "expected"),
    [
        ("integer", "12500", Decimal(12500)),
        ("integer", "12.500", Decimal(12500)),
        ("integer", 12500.0, Decimal(12500)),
        ("decimal", "1292,5", Decimal("1292.5")),
        ("decimal", " 38 ", Decimal(38)),
        ("percentage", "86", Decimal(86)),
        ("percentage", "86%", Decimal(86)),
        ("yes_no", "Ja", True),
        ("yes_no", "nee", False),
        ("yes_no", "yes", True),
        ("yes_no", "no", False),
        ("yes_no", "1", True),
        ("yes_no", 0, False),
        ("yes_no", "TRUE", True),
        ("yes_no", "false", False),
        ("date", "2025-03-01", dt.date(2025, 3, 1)),
        ("date", "01-03-2025", dt.date(2025, 3, 1)),
        ("text", "  ", None),
        ("integer", "", None),
    ],
)
def test_parse_per_kind(kind, raw, expected):
    assert Question(kind=kind).parse(raw) == expected


def test_choices_parse_by_value_or_label():
    question = Question(kind="single", choices=[["a", "Alpha"], ["b", "Beta"]])
    assert question.parse("beta") == "b"
    multi = Question(kind="multiple", choices=[["a", "Alpha"], ["b", "Beta"]])
    assert multi.parse("b; a") == ["a", "b"]
    assert multi.parse(["a"]) == ["a"]
    with pytest.raises(ValidationError, match="Kies een van"):
        question.parse("gamma")


@pytest.mark.parametrize(
    ("kind", "bounds", "raw", "message"),
    [
        ("integer", {}, "veel", "Vul een geheel getal in."),
        ("integer", {}, "2,5", "zonder decimalen"),
        ("integer", {}, "-3", "niet kleiner zijn dan 0"),
        ("integer", {"max_value": 100000}, "250000", "niet groter zijn dan 100.000"),
        ("decimal", {}, "ongeveer tien", "Vul een getal in."),
        ("percentage", {}, "101", "Een percentage ligt tussen 0 en 100."),
        ("percentage", {}, "-1", "Een percentage ligt tussen 0 en 100."),
        ("yes_no", {}, "misschien", "Antwoord met ja of nee."),
        ("date", {}, "morgen", "dd-mm-jjjj"),
    ],
)
def test_bad_values_get_a_clear_message(kind, bounds, raw, message):
    with pytest.raises(ValidationError) as exc:
        Question(kind=kind, **bounds).parse(raw)
    assert message in " ".join(exc.value.messages)


def test_bad_value_leaves_the_stored_answer(questionnaire, response):
    question = q(questionnaire, "list_size")
    services.answer_save(response=response, question=question, raw="3000")
    for raw in ("drieduizend", "0", "250000"):
        with pytest.raises(ValidationError):
            services.answer_save(response=response, question=question, raw=raw)
    assert Answer.objects.get(response=response, question=question).number == 3000
    pct = q(questionnaire, "calls_answered_2min_pct")
    services.answer_save(response=response, question=pct, raw="80")
    with pytest.raises(ValidationError, match="tussen 0 en 100"):
        services.answer_save(response=response, question=pct, raw="120")
    assert Answer.objects.get(response=response, question=pct).number == 80


def test_saving_starts_the_response_and_empty_clears(questionnaire, response):
    assert response.status == Response.Status.INVITED
    question = q(questionnaire, "barriers")
    services.answer_save(response=response, question=question, raw="Tijd")
    response.refresh_from_db()
    assert response.status == Response.Status.DRAFT
    assert response.started_at is not None
    services.answer_save(response=response, question=question, raw="")
    assert not Answer.objects.filter(response=response, question=question).exists()


def test_required_checked_at_submit_and_hidden_questions_skipped(
    questionnaire, response, practice_user
):
    with pytest.raises(ValidationError) as exc:
        services.response_submit(response=response, by=practice_user)
    assert "list_size" in exc.value.message_dict
    assert "offers_econsult" in exc.value.message_dict
    # econsults_q4 is shown only when offers_econsult is 'ja'; it is optional anyway,
    # but a required dependent question is skipped when its condition says 'nee'.
    Question.objects.filter(pk=q(questionnaire, "econsults_q4").pk).update(
        required=True
    )
    answer_all(
        response,
        {
            "list_size": "3000",
            "offers_record_access": "ja",
            "offers_econsult": "nee",
            "offers_online_appointments": "ja",
            "offers_repeat_prescriptions": "ja",
        },
    )
    services.response_submit(response=response, by=practice_user)
    response.refresh_from_db()
    assert response.status == Response.Status.SUBMITTED
    assert response.submitted_by == practice_user


def test_submit_twice_and_edit_after_submission_are_refused(
    questionnaire, practice, practice_user
):
    response = submitted(questionnaire, practice, {"list_size": 2000}, by=practice_user)
    with pytest.raises(ValidationError, match="al ingestuurd"):
        services.response_submit(response=response, by=practice_user)
    with pytest.raises(ValidationError, match="al ingestuurd"):
        services.answer_save(
            response=response, question=q(questionnaire, "list_size"), raw="2100"
        )
    assert (
        Answer.objects.get(response=response, question__code="list_size").number == 2000
    )
    assert response.events.filter(kind=ResponseEvent.Kind.SUBMITTED).count() == 1


def test_edit_after_closing_is_refused(questionnaire, response):
    question = q(questionnaire, "list_size")
    services.answer_save(response=response, question=question, raw="1000")
    services.questionnaire_set_status(
        questionnaire=questionnaire, status=Questionnaire.Status.CLOSED
    )
    with pytest.raises(ValidationError, match="gesloten"):
        services.answer_save(response=response, question=question, raw="1100")
    # past the closing date counts as closed too
    services.questionnaire_set_status(
        questionnaire=questionnaire, status=Questionnaire.Status.OPEN
    )
    late = questionnaire.closes + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="gesloten"):
        services.answer_save(
            response=response, question=question, raw="1100", today=late
        )
    assert Answer.objects.get(response=response, question=question).number == 1000


def test_lead_reopens_with_reason_kept_in_history(questionnaire, practice, lead):
    response = submitted(questionnaire, practice, {"list_size": 2000})
    with pytest.raises(ValidationError):
        services.response_reopen(response=response, by=lead, reason="  ")
    services.response_reopen(
        response=response, by=lead, reason="Patiëntaantal klopt niet"
    )
    response.refresh_from_db()
    assert response.status == Response.Status.DRAFT
    event = response.events.get(kind=ResponseEvent.Kind.REOPENED)
    assert (event.by, event.reason) == (lead, "Patiëntaantal klopt niet")
    services.answer_save(
        response=response, question=q(questionnaire, "list_size"), raw="2200"
    )


def test_questions_change_only_in_draft(coalition):
    from surveys.forms import QuestionForm

    draft = services.questionnaire_create_standard(coalition=coalition, year=2030)
    question = q(draft, "barriers")
    question.text = "Wat houdt u tegen?"
    services.question_save(question=question)
    services.questionnaire_set_status(questionnaire=draft, status="open")
    question.refresh_from_db()
    question.text = "Anders"
    with pytest.raises(ValidationError, match="concept"):
        services.question_save(question=question)
    form = QuestionForm(data={}, questionnaire=draft, instance=question)
    assert not form.is_valid()


def test_copy_keeps_codes_and_conditions(coalition):
    source = open_standard(coalition, year=2024)
    copy = services.questionnaire_copy(source=source, year=2025)
    assert list(copy.questions.values_list("code", flat=True).order_by("code")) == list(
        source.questions.values_list("code", flat=True).order_by("code")
    )
    dependent = copy.questions.get(code="econsults_q4")
    assert dependent.show_if.code == "offers_econsult"
    assert dependent.show_if.questionnaire == copy
    assert copy.status == Questionnaire.Status.DRAFT
    with pytest.raises(ValidationError, match="al een vragenlijst"):
        services.questionnaire_copy(source=source, year=2025)


def test_standard_codes_exact(coalition):
    from surveys.standard import STANDARD_CODES

    expected = [
        "list_size", "has_portal", "offers_record_access", "offers_econsult",
        "offers_online_appointments", "offers_repeat_prescriptions", "offers_lab_results",
        "offers_home_measurements", "offers_video_consult", "offers_app",
        "offers_proxy_access", "login_digid", "login_sms", "login_password",
        "portal_registered", "appointments_total_q4", "appointments_online_q4",
        "econsults_q4", "repeat_prescriptions_online_q4", "calls_per_week",
        "calls_answered_2min_pct", "call_wait_seconds", "online_only_slots",
        "next_day_slots_at_17", "econsult_within_one_day", "barriers", "support_needs",
    ]  # fmt: skip
    assert STANDARD_CODES == expected
    kinds = dict(open_standard(coalition).questions.values_list("code", "kind"))
    assert kinds["calls_per_week"] == "decimal"
    assert kinds["calls_answered_2min_pct"] == "percentage"
    assert kinds["barriers"] == "text"


def test_warnings_jump_and_online_above_total(coalition, practice):
    last = open_standard(coalition, year=2024)
    submitted(last, practice, {"list_size": 2000, "econsults_q4": 100})
    Questionnaire.objects.filter(pk=last.pk).update(status="closed")
    now = open_standard(coalition, year=2025)
    response = services.response_start(questionnaire=now, practice=practice)
    # last period's list size is prefilled
    assert (
        Answer.objects.get(response=response, question__code="list_size").number == 2000
    )
    answer_all(
        response,
        {
            "econsults_q4": "160",
            "appointments_total_q4": "500",
            "appointments_online_q4": "600",
        },
    )
    state = selectors.response_form_state(response, editable=True)
    fields = state.by_code
    assert any("50%" in w for w in fields["econsults_q4"].warnings)
    assert fields["econsults_q4"].previous == 100
    assert any(
        "totale aantal afspraken" in w
        for w in fields["appointments_online_q4"].warnings
    )
    assert fields["list_size"].prefilled
    # warnings do not block: the answers are stored
    assert Answer.objects.filter(response=response).count() == 4
    answer_all(response, {"econsults_q4": "140"})
    fields = selectors.response_form_state(response, editable=True).by_code
    assert fields["econsults_q4"].warnings == []


def test_one_field_after_a_save_matches_the_whole_form(coalition, practice):
    """The autosave's field (field_state) reads only the answers that field needs; it
    must show what the whole form shows for that question: value, version, last
    period, warnings, and whether the question that shows it says no."""
    last = open_standard(coalition, year=2024)
    submitted(
        last,
        practice,
        {"list_size": 2000, "econsults_q4": 100, "appointments_online_q4": 40},
    )
    Questionnaire.objects.filter(pk=last.pk).update(status="closed")
    now = open_standard(coalition, year=2025)
    response = services.response_start(questionnaire=now, practice=practice)
    answer_all(
        response,
        {
            "offers_econsult": "ja",
            "econsults_q4": "160",
            "offers_online_appointments": "nee",
            "appointments_total_q4": "500",
            "appointments_online_q4": "600",
            "calls_per_week": "300",
        },
    )
    form = selectors.response_form_state(response, editable=True).by_code
    assert form["econsults_q4"].warnings and form["appointments_online_q4"].warnings
    assert form["appointments_online_q4"].hidden and not form["econsults_q4"].hidden
    for question in now.questions.select_related("show_if"):
        one = selectors.field_state(response, question)
        whole = form[question.code]
        for attr in ("value", "version", "previous", "warnings", "hidden"):
            assert getattr(one, attr) == getattr(whole, attr), (question.code, attr)
        assert one.show_if_code == whole.show_if_code, question.code


def test_answers_hidden_by_a_no_are_not_sent(questionnaire, response, practice_user):
    answer_all(
        response,
        {
            "list_size": "3000",
            "offers_record_access": "ja",
            "offers_econsult": "ja",
            "econsults_q4": "90",
            "offers_online_appointments": "nee",
            "offers_repeat_prescriptions": "ja",
            "repeat_prescriptions_online_q4": "40",
        },
    )
    answer_all(response, {"offers_econsult": "nee"})  # changed their mind
    services.response_submit(response=response, by=practice_user)
    codes = set(response.answers.values_list("question__code", flat=True))
    assert "econsults_q4" not in codes
    assert "repeat_prescriptions_online_q4" in codes


@pytest.mark.parametrize("code", ["barriers", "list_size"])
def test_a_nul_character_is_refused_with_a_message(response, code):
    from django.core.exceptions import ValidationError

    from surveys.models import Answer

    question = response.questionnaire.questions.get(code=code)
    with pytest.raises(ValidationError, match="NUL-teken"):
        services.answer_save(response=response, question=question, raw="ab\x00c")
    assert not Answer.objects.filter(response=response, question=question).exists()


def test_a_nul_character_in_the_autosave_and_the_form_post(
    response, practice_user, client_for
):
    from django.urls import reverse

    from surveys.models import Answer

    client = client_for(practice_user)
    url = reverse("surveys:answer_save", kwargs={"pk": response.pk, "code": "barriers"})
    page = client.post(url, {"barriers": "DigiD\x00 is lastig"})
    assert page.status_code == 200
    assert "NUL-teken" in page.content.decode()
    form = client.post(
        reverse("surveys:response_form", kwargs={"pk": response.pk}),
        {"barriers": "x\x00", "action": "save"},
    )
    assert form.status_code == 200 and "NUL-teken" in form.content.decode()
    assert not Answer.objects.filter(response=response).exists()


@requires_postgres
@pytest.mark.postgres
def test_nul_refused_on_postgresql_too(response):
    from django.core.exceptions import ValidationError

    question = response.questionnaire.questions.get(code="barriers")
    with pytest.raises(ValidationError):
        services.answer_save(response=response, question=question, raw="\x00")
    services.answer_save(response=response, question=question, raw="zonder nul")
