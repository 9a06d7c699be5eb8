"""The regional report on constructed data, every figure computed by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from coalition.numbers import format_number
from surveys import indicators
from surveys.models import Response
from surveys.report.aggregate import FUNDER, LEAD, build_report
from tests.factories import PracticeFactory
from tests.surveys.factories import answer_all, open_standard, submitted


@pytest.fixture
def data(coalition):
    members = list(coalition.member_organisations.order_by("pk"))
    a = PracticeFactory(coalition=coalition, list_size=1000, name="Praktijk A",
                        member_organisation=members[0], cohort="pioniers")  # fmt: skip
    b = PracticeFactory(coalition=coalition, list_size=3000, name="Praktijk B",
                        member_organisation=members[0], cohort="golf 2")  # fmt: skip
    c = PracticeFactory(coalition=coalition, list_size=2000, name="Praktijk C",
                        member_organisation=members[1], cohort="golf 2")  # fmt: skip
    d = PracticeFactory(coalition=coalition, list_size=1500, name="Praktijk D",
                        member_organisation=members[1])  # fmt: skip
    # E left before this year's questionnaire closed: not counted as active.
    PracticeFactory(coalition=coalition, list_size=900, is_active=False,
                    left_on=dt.date(2024, 6, 1))  # fmt: skip
    q24 = open_standard(coalition, year=2024)
    submitted(q24, a, {"list_size": 1000, "portal_registered": 200})
    submitted(q24, d, {"list_size": 1500, "portal_registered": 300})
    q25 = open_standard(coalition, year=2025)
    submitted(q25, a, {"list_size": 1000, "portal_registered": 300,
                       "econsults_q4": 50, "has_portal": "ja",
                       "offers_video_consult": "ja"})  # fmt: skip
    submitted(q25, b, {"list_size": 3000, "portal_registered": 1400,
                       "econsults_q4": 30, "has_portal": "ja",
                       "offers_video_consult": "nee"})  # fmt: skip
    # C answered the list size but not the registered patients: not in that n.
    submitted(q25, c, {"list_size": 2000, "econsults_q4": 100,
                       "has_portal": "nee", "offers_video_consult": "nee"})  # fmt: skip
    from surveys import services

    started = services.response_start(questionnaire=q25, practice=d)
    answer_all(started, {"list_size": 1500})  # started, not submitted
    return q25


def _ind(report, code):
    return next(i for i in report["indicators"] if i["code"] == code)


def test_hand_computed_indicators(data):
    report = build_report(data, audience=LEAD)
    reg = _ind(report, "registered_pct")
    # 100 · (300 + 1400) / (1000 + 3000) = 42.5: a half that must round up.
    assert reg["n"] == 2
    assert reg["value"] == pytest.approx(42.5)
    assert format_number(reg["value"]) == "43"
    # per practice 30 and 46.667: median 38.333, quartiles 34.167 and 42.5
    assert reg["median"] == pytest.approx(115 / 3)
    assert reg["p25"] == pytest.approx(30 + (140 / 3 - 30) / 4)
    assert reg["p75"] == pytest.approx(30 + 3 * (140 / 3 - 30) / 4)
    assert (reg["min"], reg["max"]) == (pytest.approx(30), pytest.approx(140 / 3))
    econ = _ind(report, "econsults_per_1000_year")
    # 4000 · (50 + 30 + 100) / (1000 + 3000 + 2000) = 120
    assert (econ["n"], econ["value"]) == (3, pytest.approx(120))
    # Missing stays missing, never 0.
    assert _ind(report, "calls_per_week")["value"] is None
    assert _ind(report, "calls_per_week")["n"] == 0


def test_same_values_as_each_practice_computed_on_its_own(data):
    """The report's SQL aggregate against an independent computation in Python: n the
    practices that answered every input, the median over each practice's own figure
    (`indicators.for_practice`, the formula on its answers)."""
    import statistics

    report = build_report(data, audience=LEAD)
    answers = [
        {a.question.code: a.value for a in r.answers.select_related("question")}
        for r in Response.objects.submitted().filter(questionnaire=data)
    ]
    for ind in indicators.INDICATORS:
        complete = [a for a in answers if all(a.get(c) is not None for c in ind.inputs)]
        values = [
            v
            for a in complete
            if (v := indicators.for_practice(a)[ind.code]) is not None
        ]
        mine = _ind(report, ind.code)
        assert mine["n"] == len(complete), ind.code
        if values:
            assert mine["median"] == pytest.approx(statistics.median(values)), ind.code
        else:
            assert mine["median"] is None, ind.code


def test_year_on_year_with_different_practices(data):
    report = build_report(data, audience=LEAD)
    assert report["years"] == ["2024", "2025"]
    reg = next(t for t in report["trend"] if t["code"] == "registered_pct")
    # 2024: A and D (500 of 2500) = 20; 2025: A and B = 42.5; change 22.5
    assert [p["value"] for p in reg["points"]] == [
        pytest.approx(20),
        pytest.approx(42.5),
    ]
    assert [p["n"] for p in reg["points"]] == [2, 2]
    assert reg["points"][1]["change"] == pytest.approx(22.5)
    assert reg["points"][0]["change"] is None


def test_response_rate_over_active_practices(data):
    total = build_report(data, audience=LEAD)["response"]["total"]
    # A, B, C, D active at the close (E left in 2024); A, B, C submitted, D started.
    assert total["active"] == 4
    assert total["started"] == 4
    assert total["submitted"] == 3
    assert total["rate"] == pytest.approx(75)


def test_coverage_of_answered_and_of_portal_practices(data):
    report = build_report(data, audience=LEAD)
    video = next(c for c in report["coverage"] if c["code"] == "offers_video_consult")
    assert (video["n_yes"], video["n_answered"]) == (1, 3)
    assert (video["n_yes_portal"], video["n_answered_portal"]) == (1, 2)
    assert video["pct_portal"] == pytest.approx(50)
    assert report["portal"]["n_yes"] == 2


def test_breakdowns_by_member_and_cohort(data):
    report = build_report(data, audience=LEAD)
    cohort = next(b for b in report["breakdowns"] if b["dimension"] == "cohort")
    by_group = {g["group"]: g for g in cohort["groups"]}
    assert by_group["golf 2"]["n"] == 2
    # golf 2: only B answered registered patients: 1400 / 3000
    assert by_group["golf 2"]["values"]["registered_pct"]["value"] == pytest.approx(
        140 / 3
    )


def test_lead_sees_practices_funder_does_not(data):
    lead = build_report(data, audience=LEAD)
    assert {p["name"] for p in lead["practices"]} == {
        "Praktijk A",
        "Praktijk B",
        "Praktijk C",
    }
    funder = build_report(data, audience=FUNDER)
    assert funder["practices"] == []
    assert funder["free_text"] == []
    # n = 2 < 5: the regional value and its spread are suppressed
    reg = _ind(funder, "registered_pct")
    assert reg["value"] is None and reg["median"] is None and reg["suppressed"]
    text = str(funder)
    for name in ("Praktijk A", "Praktijk B", "Praktijk C"):
        assert name not in text
