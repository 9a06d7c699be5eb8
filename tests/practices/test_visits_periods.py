"""Issue 10.6: the bottleneck overview's totals and quarter columns cover the same,
chosen year. Issue 14.4: visit, action and bottleneck dates are plausible ones, and a
stored extreme date (written around the validators) breaks no page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from practices.visits import selectors, services
from practices.visits.dates import add_months
from practices.visits.forms import ActionForm, VisitForm
from practices.visits.models import Bottleneck, FollowUpAction, Visit
from tests.factories import PracticeFactory, VendorFactory
from tests.practices.visits_factories import (
    BottleneckFactory,
    FollowUpActionFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db

AMS = dt.timezone(dt.timedelta(hours=1))


def _raised(practice, vendor, category, when, status="open"):
    b = BottleneckFactory(practice=practice, vendor=vendor, category=category)
    fields = {"raised_at": when}
    if status == "resolved":
        fields.update(status="resolved", resolved_at=when)
    Bottleneck.objects.filter(pk=b.pk).update(**fields)
    return b


@pytest.fixture
def two_years(practice):
    vendor = VendorFactory(name="Portaal BV")
    # 2025: three reports (one on New Year's Eve, late, Amsterdam time); 2026: two.
    _raised(practice, vendor, "login", dt.datetime(2025, 2, 10, 12, tzinfo=AMS))
    _raised(
        practice,
        vendor,
        "login",
        dt.datetime(2025, 11, 3, 9, tzinfo=AMS),
        status="resolved",
    )
    _raised(practice, None, "other", dt.datetime(2025, 12, 31, 23, 30, tzinfo=AMS))
    _raised(practice, vendor, "login", dt.datetime(2026, 1, 1, 0, 30, tzinfo=AMS))
    _raised(practice, vendor, "his_link", dt.datetime(2026, 8, 20, 14, tzinfo=AMS))
    return vendor


def test_summary_totals_equal_the_quarter_columns(two_years):
    qs = Bottleneck.objects.all()
    s2025 = selectors.bottleneck_summary(qs, year=2025)
    s2026 = selectors.bottleneck_summary(qs, year=2026)
    assert s2025["periods"] == ["K1 2025", "K2 2025", "K3 2025", "K4 2025"]
    for s in (s2025, s2026):
        for g in s["groups"]:
            assert g["total"] == sum(g["period_counts"])
            assert g["total"] == g["open"] + g["passed_on"] + g["resolved"]
        assert s["total"] == sum(s["totals"])
    assert s2025["total"] == 3
    assert s2026["total"] == 2
    login_2025 = next(
        g for g in s2025["groups"] if g["category"] == "login" and g["vendor_id"]
    )
    assert login_2025["period_counts"] == [1, 0, 0, 1]
    assert (login_2025["open"], login_2025["resolved"]) == (1, 1)
    assert s2026["totals"] == [1, 0, 1, 0]
    assert selectors.bottleneck_years(qs, today=dt.date(2026, 11, 1)) == [2026, 2025]


def test_overview_page_year_selector(two_years, lead, client_for):
    client = client_for(lead)
    html = client.get("/bezoeken/knelpunten/overzicht/?jaar=2025").content.decode()
    assert '<label for="id_jaar"' in html
    assert re.search(r'<option value="2025" selected>', html)
    assert "K1 2025" in html and "K1 2026" not in html
    # The footer total is the sum of the quarters: 3 in 2025, not every year's 5.
    foot = html[html.index("<tfoot>") : html.index("</tfoot>")]
    cells = re.findall(r'<td class="text-end fw-semibold">(\d+)</td>', foot)
    assert cells == ["3", "1", "0", "0", "2"]
    html = client.get("/bezoeken/knelpunten/overzicht/?jaar=2026").content.decode()
    foot = html[html.index("<tfoot>") : html.index("</tfoot>")]
    assert re.findall(r'<td class="text-end fw-semibold">(\d+)</td>', foot) == [
        "2",
        "1",
        "0",
        "1",
        "0",
    ]
    # Nonsense falls back to this year instead of failing.
    assert client.get("/bezoeken/knelpunten/overzicht/?jaar=x").status_code == 200
    assert client.get("/bezoeken/knelpunten/overzicht/?jaar=9999").status_code == 200


# --- plausible dates ------------------------------------------------------------------


def test_models_refuse_implausible_dates(practice, lead):
    visit = VisitFactory(practice=practice)
    for field in ("planned_on", "held_on"):
        setattr(visit, field, dt.date(1900, 1, 1))
        with pytest.raises(ValidationError) as exc:
            visit.full_clean()
        assert field in exc.value.message_dict
        setattr(visit, field, dt.date(2026, 3, 2))
    action = FollowUpActionFactory(visit=visit)
    action.due_on = dt.date(2999, 1, 1)
    with pytest.raises(ValidationError) as exc:
        action.full_clean()
    assert "due_on" in exc.value.message_dict
    bottleneck = BottleneckFactory(practice=practice)
    bottleneck.raised_at = dt.datetime(1999, 12, 31, tzinfo=dt.UTC)
    with pytest.raises(ValidationError) as exc:
        bottleneck.full_clean()
    assert "raised_at" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.visit_create(
            by=lead, practice=practice, planned_on=dt.date(2201, 1, 1)
        )


def test_forms_refuse_implausible_dates(practice, lead):
    form = VisitForm(
        {"practice": practice.pk, "planned_on": "0001-01-01", "visitors": [lead.pk]},
        user=lead,
    )
    assert not form.is_valid()
    assert "tussen 2000 en 2100" in form.errors["planned_on"][0]
    visit = VisitFactory(practice=practice)
    form = ActionForm(
        {"description": "x", "owner": "practice", "due_on": "9999-12-31"}, visit=visit
    )
    assert not form.is_valid()
    assert "due_on" in form.errors


def test_add_months_stops_at_the_calendar_edge():
    assert add_months(dt.date(9999, 12, 31), 12) == dt.date.max
    assert add_months(dt.date(1, 1, 1), -1) == dt.date.min


@pytest.mark.parametrize(
    "extreme",
    [dt.date(9999, 12, 31), dt.date(1, 1, 1)],
    ids=["year-9999", "year-1"],
)
def test_pages_survive_extreme_stored_dates(extreme, coalition, lead, client_for):
    practice = PracticeFactory(coalition=coalition, portal_vendor=VendorFactory())
    today = timezone.localdate()
    visit = VisitFactory(practice=practice, planned_on=today, held_on=today)
    visit.visitors.add(lead)
    planned = VisitFactory(
        practice=PracticeFactory(coalition=coalition), planned_on=today
    )
    action = FollowUpActionFactory(visit=visit)
    bottleneck = BottleneckFactory(practice=practice, visit=visit)
    moment = dt.datetime.combine(extreme, dt.time(12), tzinfo=dt.UTC)
    Visit.objects.filter(pk=visit.pk).update(held_on=extreme, planned_on=extreme)
    Visit.objects.filter(pk=planned.pk).update(planned_on=extreme)
    FollowUpAction.objects.filter(pk=action.pk).update(due_on=extreme)
    Bottleneck.objects.filter(pk=bottleneck.pk).update(raised_at=moment)
    client = client_for(lead)
    for url in (
        "/bezoeken/",
        "/bezoeken/jaarplanning/",
        "/bezoeken/kalender/",
        f"/bezoeken/kalender/?maand={extreme:%Y-%m}",
        "/bezoeken/acties/",
        "/bezoeken/knelpunten/",
        "/bezoeken/knelpunten/overzicht/",
        f"/bezoeken/knelpunten/{bottleneck.pk}/",
        f"/bezoeken/{visit.pk}/",
        f"/bezoeken/{planned.pk}/",
        f"/bezoeken/{visit.pk}/bewerken/",
        f"/praktijken/{practice.pk}/",
        "/start/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 302), url
    digest = selectors.digest_for_coalition(coalition, today=today)
    assert digest["coalition"] == coalition
    selectors.lead_start_counts(coalition, today=today)
