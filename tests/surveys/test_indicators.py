"""Every indicator on hand-computed data, including the single practice of DOMAIN.md."""

from __future__ import annotations

import pytest

from practices.models import Practice
from surveys import indicators
from surveys.models import Questionnaire, Response
from surveys.selectors import latest_figures_for_practice
from tests.factories import PracticeFactory
from tests.surveys.factories import open_standard, submitted

# The practice of seed 002: 12,500 patients; Q4 counts chosen so the formulas give the
# published table. Repeat prescriptions were not counted in 2016 and 2017.
DOMAIN_INPUTS = {
    2016: {"portal_registered": 2750, "appointments_total_q4": 10000,
               "appointments_online_q4": 600, "econsults_q4": 153, "calls_per_week": "1292",
               "calls_answered_2min_pct": "68", "call_wait_seconds": "110"},
    2017: {"portal_registered": 3750, "appointments_total_q4": 10000,
               "appointments_online_q4": 1100, "econsults_q4": 338, "calls_per_week": "1243",
               "calls_answered_2min_pct": "89", "call_wait_seconds": "56"},
    2018: {"portal_registered": 5375, "appointments_total_q4": 10000,
               "appointments_online_q4": 2900, "econsults_q4": 922,
               "repeat_prescriptions_online_q4": 1397, "calls_per_week": "1138",
               "calls_answered_2min_pct": "95", "call_wait_seconds": "38"},
    2019: {"portal_registered": 6750, "appointments_total_q4": 10000,
               "appointments_online_q4": 4500, "econsults_q4": 2059,
               "repeat_prescriptions_online_q4": 1984, "calls_per_week": "1033",
               "calls_answered_2min_pct": "86", "call_wait_seconds": "56"},
}  # fmt: skip
DOMAIN_TABLE = {
    "registered_pct": [22, 30, 43, 54],
    "online_appointments_pct": [6, 11, 29, 45],
    "econsults_per_1000_year": [49, 108, 295, 659],
    "repeat_prescriptions_per_1000_year": [None, None, 447, 635],
    "calls_per_week": [1292, 1243, 1138, 1033],
    "calls_answered_2min_pct": [68, 89, 95, 86],
    "call_wait_seconds": [110, 56, 38, 56],
}


def _close(q: Questionnaire) -> None:
    Questionnaire.objects.filter(pk=q.pk).update(status=Questionnaire.Status.CLOSED)


def _compute(q):
    return indicators.compute(Response.objects.submitted().filter(questionnaire=q))


@pytest.mark.django_db
def test_domain_practice_four_years_give_the_published_table(coalition):
    practice = PracticeFactory(coalition=coalition, list_size=12500)
    got: dict[str, list] = {code: [] for code in DOMAIN_TABLE}
    for year, inputs in DOMAIN_INPUTS.items():
        q = open_standard(coalition, year=year)
        submitted(q, practice, {"list_size": 12500, **inputs})
        results = _compute(q)
        for code in DOMAIN_TABLE:
            value = results[code].value
            got[code].append(None if value is None else round(value))
            assert results[code].n == (0 if value is None else 1)
        _close(q)
    assert got == DOMAIN_TABLE
    # The practice's own figures (for a visit's snapshot) come from its latest year.
    latest = latest_figures_for_practice(practice)
    assert latest["period"] == "2019"
    assert round(latest["indicators"]["econsults_per_1000_year"]) == 659
    assert round(latest["indicators"]["registered_pct"]) == 54
    # Each figure carries its name, so a visit's snapshot needs no other module.
    assert set(latest["labels"]) == set(latest["indicators"])
    assert all(isinstance(label, str) and label for label in latest["labels"].values())


@pytest.mark.django_db
def test_region_is_ratio_of_sums_over_complete_practices(coalition):
    q = open_standard(coalition)
    a, b, c = (PracticeFactory(coalition=coalition) for _ in range(3))
    submitted(q, a, {"list_size": 1000, "portal_registered": 100, "econsults_q4": 10,
                     "calls_per_week": "100", "calls_answered_2min_pct": "90",
                     "call_wait_seconds": "30", "appointments_total_q4": 500,
                     "appointments_online_q4": 50})  # fmt: skip
    submitted(q, b, {"list_size": 3000, "portal_registered": 1200, "econsults_q4": 60,
                     "calls_per_week": "300", "calls_answered_2min_pct": "70",
                     "call_wait_seconds": "90", "appointments_total_q4": 1500,
                     "appointments_online_q4": 600})  # fmt: skip
    # c answered its list size only: it counts nowhere but in nothing.
    submitted(q, c, {"list_size": 2000})
    # a draft never counts
    from surveys import services

    draft = services.response_start(
        questionnaire=q, practice=PracticeFactory(coalition=coalition)
    )
    services.answer_save(
        response=draft, question=q.questions.get(code="list_size"), raw="5000"
    )
    r = _compute(q)
    # 100 · (100 + 1200) / (1000 + 3000) = 32.5; per practice 10 and 40
    assert r["registered_pct"].value == pytest.approx(32.5)
    assert r["registered_pct"].n == 2
    assert r["registered_pct"].median == pytest.approx(25)
    assert (r["registered_pct"].q1, r["registered_pct"].q3) == (
        pytest.approx(17.5),
        pytest.approx(32.5),
    )
    # 100 · 650 / 2000
    assert r["online_appointments_pct"].value == pytest.approx(32.5)
    # 4000 · 70 / 4000
    assert r["econsults_per_1000_year"].value == pytest.approx(70)
    assert r["repeat_prescriptions_per_1000_year"].value is None
    assert r["repeat_prescriptions_per_1000_year"].n == 0
    assert r["calls_per_week"].value == pytest.approx(400)
    assert r["calls_per_1000_week"].value == pytest.approx(100)
    # weighted by calls: (90·100 + 70·300) / 400 = 75; (30·100 + 90·300) / 400 = 75
    assert r["calls_answered_2min_pct"].value == pytest.approx(75)
    assert r["call_wait_seconds"].value == pytest.approx(75)
    assert r["call_wait_seconds"].median == pytest.approx(60)


@pytest.mark.django_db
def test_missing_inputs_stay_missing_never_zero(coalition):
    q = open_standard(coalition)
    r = _compute(q)
    assert all(res.value is None and res.n == 0 for res in r.values())
    assert all(res.median is None for res in r.values())
    p = PracticeFactory(coalition=coalition)
    submitted(q, p, {"list_size": 2000, "calls_per_week": "0",
                     "call_wait_seconds": "40"})  # fmt: skip
    r = _compute(q)
    # no answers: missing, not 0
    assert r["econsults_per_1000_year"].value is None
    # a weighted average over zero calls has no value, yet the practice answered
    # both inputs: it counts in n (as in the report), with no value of its own
    assert r["call_wait_seconds"].value is None
    assert (r["call_wait_seconds"].n, r["call_wait_seconds"].median) == (1, None)
    assert r["calls_per_week"].value == 0
    assert indicators.for_practice({"list_size": 2000})["registered_pct"] is None


@pytest.mark.django_db
def test_coverage_of_yes_no_questions(coalition):
    q = open_standard(coalition)
    ps = [PracticeFactory(coalition=coalition) for _ in range(4)]
    for i, p in enumerate(ps[:3]):
        submitted(q, p, {"list_size": 1000, "offers_app": "ja" if i < 2 else "nee"})
    submitted(q, ps[3], {"list_size": 1000})  # did not answer offers_app
    cov = {
        c.code: c
        for c in indicators.coverage(
            Response.objects.submitted().filter(questionnaire=q)
        )
    }
    assert (cov["offers_app"].n_yes, cov["offers_app"].n_answered) == (2, 3)
    assert cov["offers_app"].pct == pytest.approx(200 / 3)
    # required yes/no questions were answered 'ja' by all four
    assert cov["offers_econsult"].pct == 100
    assert cov["offers_video_consult"].n_answered == 0
    assert cov["offers_video_consult"].pct is None


@pytest.mark.django_db
def test_latest_figures_none_without_submission(practice):
    assert latest_figures_for_practice(practice) is None
    assert Practice.objects.count() == 1


@pytest.mark.django_db
def test_a_kept_query_reads_todays_answers_and_only_its_own_responses(coalition):
    """The pooled query is built once per shape and kept: a second call reuses it, yet
    reads the answers as they are now; another selection of responses is another
    query."""
    from surveys.report.aggregate import figures

    figures._POOLED.clear()
    q = open_standard(coalition)
    a, b = (PracticeFactory(coalition=coalition) for _ in range(2))
    first = submitted(q, a, {"list_size": 1000, "portal_registered": 100})
    assert _compute(q)["registered_pct"].value == pytest.approx(10)
    assert len(figures._POOLED) == 1
    first.answers.filter(question__code="portal_registered").update(number=300)
    submitted(q, b, {"list_size": 1000, "portal_registered": 500})
    assert _compute(q)["registered_pct"].value == pytest.approx(40)
    assert len(figures._POOLED) == 1
    only_b = indicators.compute(Response.objects.submitted().filter(practice=b))
    assert only_b["registered_pct"].value == pytest.approx(50)
    assert len(figures._POOLED) == 2
