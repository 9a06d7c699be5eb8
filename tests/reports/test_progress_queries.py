"""The progress report (/voortgang/): a fixed number of grouped queries whatever the
number of coalitions, for the office, a funder and a lead, on the page and its
downloads (they share the data path)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coalition.models import Role
from tests.factories import GrantFactory, user_with_role
from tests.reports.test_comparison_queries import _region

PAGES = ("coalition:progress", "coalition:progress_xlsx", "coalition:progress_pdf")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def _regions(settings, numbers):
    settings.REPORT_MIN_CELL = 2
    out = [_region(i) for i in numbers]
    for c in out:
        GrantFactory(coalition=c, committed_practices=10, committed_patients=5000)
    return out


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_office_same_count_for_2_and_5_coalitions(client_for, settings, name):
    client = client_for(user_with_role(Role.OFFICE, email="o@example.test"))
    _regions(settings, range(2))
    n2 = _queries(client, reverse(name))
    _regions(settings, range(2, 5))
    n5 = _queries(client, reverse(name))
    assert (n2, n5) == (EXPECTED["office", name],) * 2


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGES)
def test_lead_count(client_for, settings, name):
    regions = _regions(settings, range(4))
    client = client_for(user_with_role(Role.LEAD, coalition=regions[3]))
    assert _queries(client, reverse(name)) == EXPECTED["lead", name]


@pytest.mark.django_db
def test_funder_count(client_for, settings):
    regions = _regions(settings, range(4))
    funder = user_with_role(Role.FUNDER, coalition=regions[3])
    client = client_for(funder)
    assert (
        _queries(client, reverse("coalition:progress"))
        == EXPECTED["funder", "coalition:progress"]
    )


# 3 for the session, the user, and the roles with whether MFA is set up; then the coalitions read; then the
# report's grouped queries and the vendors' response times (one grouped query; their
# vendors are read only when there are rows); the page adds the coalition picker and
# its count.
EXPECTED: dict[tuple[str, str], int] = {
    ("office", "coalition:progress"): 20,
    ("office", "coalition:progress_xlsx"): 18,
    ("office", "coalition:progress_pdf"): 18,
    ("lead", "coalition:progress"): 20,
    ("lead", "coalition:progress_xlsx"): 18,
    ("lead", "coalition:progress_pdf"): 18,
    ("funder", "coalition:progress"): 20,
}
