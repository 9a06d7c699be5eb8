from __future__ import annotations

import pytest

from tests.factories import PracticeFactory
from tests.surveys.factories import open_standard, submitted

# The practice of DOMAIN.md (seed 002): 12,500 patients, Q4 figures 2016–2019.
DOMAIN_TABLE = {
    "registered_pct": ["22", "30", "43", "54"],
    "online_appointments_pct": ["6", "11", "29", "45"],
    "econsults_per_1000_year": ["49", "108", "295", "659"],
    "repeat_prescriptions_per_1000_year": [None, None, "447", "635"],
    "calls_per_week": ["1292", "1243", "1138", "1033"],
    "calls_answered_2min_pct": ["68", "89", "95", "86"],
    "call_wait_seconds": ["110", "56", "38", "56"],
}
# The inputs a practice manager would fill in (counts of the fourth quarter).
DOMAIN_ANSWERS = {
    2016: {"portal_registered": 2750, "appointments_online_q4": 600,
           "econsults_q4": 153, "calls_per_week": 1292,
           "calls_answered_2min_pct": 68, "call_wait_seconds": 110},
    2017: {"portal_registered": 3750, "appointments_online_q4": 1100,
           "econsults_q4": 338, "calls_per_week": 1243,
           "calls_answered_2min_pct": 89, "call_wait_seconds": 56},
    2018: {"portal_registered": 5375, "appointments_online_q4": 2900,
           "econsults_q4": 922, "repeat_prescriptions_online_q4": 1397,
           "calls_per_week": 1138, "calls_answered_2min_pct": 95,
           "call_wait_seconds": 38},
    2019: {"portal_registered": 6750, "appointments_online_q4": 4500,
           "econsults_q4": 2059, "repeat_prescriptions_online_q4": 1984,
           "calls_per_week": 1033, "calls_answered_2min_pct": 86,
           "call_wait_seconds": 56},
}  # fmt: skip


@pytest.fixture
def domain_practice(coalition):
    practice = PracticeFactory(
        coalition=coalition, list_size=12500, name="Huisartsen De Keen"
    )
    questionnaires = {}
    for year, answers in DOMAIN_ANSWERS.items():
        q = open_standard(coalition, year=year)
        submitted(
            q,
            practice,
            {"list_size": 12500, "appointments_total_q4": 10000, "has_portal": "ja",
             "barriers": "Weinig tijd aan de balie", **answers},
        )  # fmt: skip
        questionnaires[year] = q
    return practice, questionnaires
