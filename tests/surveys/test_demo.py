from __future__ import annotations

import datetime as dt

import pytest

from surveys.models import Answer, Questionnaire, Response

pytestmark = pytest.mark.django_db


def test_demo_is_plausible_and_idempotent():
    from coalition import demo as core_demo
    from practices import demo as practices_demo
    from surveys import demo, indicators

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
