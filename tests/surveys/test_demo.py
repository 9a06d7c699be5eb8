from __future__ import annotations

import datetime as dt

import pytest

from surveys.models import Answer, Questionnaire, Response

pytestmark = pytest.mark.django_db


def test_demo_is_plausible_and_idempotent():
    from coalition.demo import coalition as core_demo
    from coalition.demo import practices as practices_demo
    from coalition.demo import surveys as demo
    from surveys import indicators

    today = dt.date(2026, 11, 23)
    core_demo.core(today=today)
    practices_demo.load(today=today)
    demo.load(today=today)
    counts = (
        Questionnaire.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
    )
    demo.load(today=today)
    assert (
        Questionnaire.objects.count(),
        Response.objects.count(),
        Answer.objects.count(),
    ) == counts
    past = Questionnaire.objects.filter(status="closed").order_by("year")
    assert [q.year for q in past] == [2022, 2023, 2024, 2025]
    registered = []
    for q in past:
        responses = Response.objects.filter(questionnaire=q)
        rate = responses.submitted().count() / responses.count()
        assert 0.6 <= rate <= 0.8
        registered.append(
            indicators.compute(responses.submitted())["registered_pct"].value
        )
    assert registered == sorted(registered)  # growing year on year
    current = Questionnaire.objects.get(year=2026)
    assert current.status == "open"
    assert Response.objects.filter(questionnaire=current, status="draft").count() > 5

    # The form's prefill is last period's submitted list size, as on an invitation.
    from practices.models import Rollout

    previous = Questionnaire.objects.get(year=2025)
    last = dict(
        Answer.objects.filter(
            response__questionnaire=previous,
            response__status="submitted",
            question__code="list_size",
        ).values_list("response__practice_id", "number")
    )
    prefilled = Answer.objects.filter(
        response__questionnaire=current,
        response__status="invited",
        question__code="list_size",
    ).values_list("response__practice_id", "number")
    assert prefilled
    for practice_id, number in prefilled:
        assert last[practice_id] == number
    # A practice offers a service only when the go-live tracker had it live by the
    # questionnaire's close.
    for q in [*past, current]:
        live = set(
            Rollout.objects.filter(
                service="record_access", live_date__lte=q.closes
            ).values_list("practice_id", flat=True)
        )
        offers = dict(
            Answer.objects.filter(
                response__questionnaire=q, question__code="offers_record_access"
            ).values_list("response__practice_id", "boolean")
        )
        assert offers
        for practice_id, value in offers.items():
            assert value == (practice_id in live), (q.year, practice_id)
