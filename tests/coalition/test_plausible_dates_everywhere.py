"""Issue 14.4 beyond the registry, visits and training: the dates a lead or a practice
types in questionnaires, answers, agreements, grants, certifications and articles refuse
a year outside 2000–2100 with the one message of `coalition.validators`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from coalition.models import Certification, FrameworkAgreement, Grant, ProductVersion
from content.models import ArticlePage
from surveys.models import Question, Questionnaire, parse_date

FAR = dt.date(1, 1, 1)


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Questionnaire, "opens"),
        (Questionnaire, "closes"),
        (FrameworkAgreement, "starts"),
        (FrameworkAgreement, "ends"),
        (Grant, "starts"),
        (Grant, "ends"),
        (Certification, "since"),
        (ProductVersion, "released"),
        (ArticlePage, "date"),
    ],
)
@pytest.mark.django_db  # a Wagtail page looks up its default locale
def test_the_field_refuses_an_implausible_year(model, field):
    with pytest.raises(ValidationError) as caught:
        model._meta.get_field(field).clean(FAR, model())
    assert [e.code for e in caught.value.error_list] == ["implausible_date"]
    model._meta.get_field(field).clean(dt.date(2026, 11, 27), model())  # a real date


def test_a_date_answer_refuses_an_implausible_year():
    with pytest.raises(ValidationError, match="2000"):
        parse_date("31-12-9999")
    assert parse_date("27-11-2026") == dt.date(2026, 11, 27)
    assert Question.Kind.DATE  # the kind whose answers go through parse_date
