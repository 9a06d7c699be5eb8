"""Vendors' response times over what the coalitions passed on (issue 16): per vendor
in one grouped query, on the vendor overview, the vendor's start page, the comparison
and the progress report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from coalition.models import Vendor
from practices.visits import vendor
from practices.visits.models import Bottleneck, VendorAnswer
from tests.practices.visits_factories import BottleneckFactory

pytestmark = pytest.mark.django_db


def _passed(vendor_obj, *, days_ago: int, practice):
    now = timezone.now()
    return BottleneckFactory(
        practice=practice,
        vendor=vendor_obj,
        status=Bottleneck.Status.PASSED_ON,
        passed_to="vendor",
        passed_on_at=now - dt.timedelta(days=days_ago),
    )


def _answer(bottleneck, kind, *, after_hours: float, fixed_in=None):
    return VendorAnswer.objects.create(
        bottleneck=bottleneck,
        vendor=bottleneck.vendor,
        kind=kind,
        fixed_in=fixed_in,
        created=bottleneck.passed_on_at + dt.timedelta(hours=after_hours),
    )


def _response_data(n: int, practice, his, other_vendor, versions):
    for _i in range(n):
        a = _passed(his, days_ago=30, practice=practice)
        _answer(a, "acknowledged", after_hours=2)
        _answer(a, "fixed", after_hours=96, fixed_in=versions["12"])
        b = _passed(his, days_ago=10, practice=practice)
        _answer(b, "in_progress", after_hours=6)
        _passed(other_vendor, days_ago=3, practice=practice)


def test_response_times_per_vendor_in_one_grouped_query(
    practice, his, other_vendor, versions, django_assert_num_queries
):
    _response_data(1, practice, his, other_vendor, versions)
    with django_assert_num_queries(2):  # the grouped rows, and their vendors
        rows = vendor.vendor_response_times()
    by_name = {r.vendor.name: r for r in rows}
    medisys = by_name["Medisys HIS"]
    assert (medisys.n_passed_on, medisys.n_acknowledged, medisys.n_fixed) == (2, 2, 1)
    assert medisys.avg_to_acknowledge_hours == pytest.approx(4.0)
    assert medisys.avg_to_fix_days == pytest.approx(4.0)
    other = by_name["Ander Portaal BV"]
    assert (other.n_passed_on, other.n_acknowledged, other.n_fixed) == (1, 0, 0)
    assert other.avg_to_acknowledge_hours is None and other.avg_to_fix_days is None
    only = vendor.vendor_response_times(vendors=Vendor.objects.filter(pk=his.pk))
    assert [r.vendor for r in only] == [his]

    _response_data(5, practice, his, other_vendor, versions)
    with django_assert_num_queries(2):
        rows = vendor.vendor_response_times()
    assert {r.vendor.name: r.n_passed_on for r in rows} == {
        "Medisys HIS": 12,
        "Ander Portaal BV": 6,
    }


def test_response_times_on_the_vendor_overview_and_the_vendors_start_page(
    passed_on, vendor_user, office, client_for, versions
):
    vendor.vendor_answer_create(
        by=vendor_user, bottleneck=passed_on, kind=VendorAnswer.Kind.ACKNOWLEDGED
    )
    overview = client_for(office).get(reverse("practices:vendor_list"))
    assert [r.vendor.name for r in overview.context["response_times"]] == [
        "Medisys HIS"
    ]
    assert "Tijd tot eerste antwoord" in overview.content.decode()
    start = client_for(vendor_user).get(reverse("coalition:start"))
    assert "Tijd tot eerste antwoord" in start.content.decode()
    assert "knelpunten aan u doorgegeven" in start.content.decode()


def test_response_times_in_the_comparison_and_the_progress_report(
    passed_on, vendor_user, office, funder, client_for, versions
):
    """Issue 16: the office's comparison and the funder's progress report show each
    vendor's response times over what the coalitions passed on (aggregates only), on
    the page and in the xlsx."""
    import io

    from openpyxl import load_workbook

    vendor.vendor_answer_create(
        by=vendor_user, bottleneck=passed_on, kind=VendorAnswer.Kind.ACKNOWLEDGED
    )
    page = client_for(office).get(reverse("coalition:comparison"))
    assert [r.vendor.name for r in page.context["response_times"]] == ["Medisys HIS"]
    assert "Reactietijden van leveranciers" in page.content.decode()
    book = load_workbook(
        io.BytesIO(client_for(office).get(reverse("coalition:comparison_xlsx")).content)
    )
    sheet = book["Vendor response times"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("vendor", "passed_on", "answered")
    assert rows[1][:3] == ("Medisys HIS", 1, 1)

    report = client_for(funder).get(reverse("coalition:progress"))
    html = report.content.decode()
    assert "Reactietijden van leveranciers" in html and "Medisys HIS" in html
    assert passed_on.practice.name not in html
    book = load_workbook(
        io.BytesIO(client_for(funder).get(reverse("coalition:progress_xlsx")).content)
    )
    assert list(book["Vendor response times"].iter_rows(values_only=True))[1][:3] == (
        "Medisys HIS",
        1,
        1,
    )


def test_response_times_of_a_report_count_only_its_coalitions(
    passed_on, vendor_user, other_coalition, versions
):
    vendor.vendor_answer_create(
        by=vendor_user, bottleneck=passed_on, kind=VendorAnswer.Kind.ACKNOWLEDGED
    )
    assert vendor.vendor_response_times(coalitions=[other_coalition]) == []
    assert [
        r.n_passed_on
        for r in vendor.vendor_response_times(coalitions=[passed_on.practice.coalition])
    ] == [1]


# --- names where the coalition allows it; the coalition's reply (issue 16) -----------
