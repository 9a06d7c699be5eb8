"""Issue 15: the vendor choices of the bottleneck pages come from three subqueries, not
three OR-ed many-valued joins; the choices stay exactly what they were."""

from __future__ import annotations

import pytest
from django.db.models import Q

from coalition.models import Vendor
from practices.models import Practice
from practices.visits import selectors
from tests.factories import (
    CoalitionFactory,
    FrameworkAgreementFactory,
    PracticeFactory,
    VendorFactory,
)
from tests.practices.visits_factories import BottleneckFactory

pytestmark = pytest.mark.django_db


def _old_vendor_choices(practices):
    """The join-based definition this replaced, kept here as the reference."""
    ids = practices.values("coalition")
    return Vendor.objects.filter(
        Q(framework_agreements__coalition__in=ids)
        | Q(portal_practices__in=practices)
        | Q(his_practices__in=practices)
    ).distinct()


def test_choices_equal_the_join_based_definition(coalition, other_coalition):
    agreed, portal, his, both, foreign, unused = (
        VendorFactory(name=n)
        for n in ("Raam", "Portaal", "HIS", "Beide", "Elders", "Niemand")
    )
    FrameworkAgreementFactory(coalition=coalition, vendor=agreed)
    FrameworkAgreementFactory(coalition=coalition, vendor=both)
    FrameworkAgreementFactory(coalition=other_coalition, vendor=foreign)
    PracticeFactory(coalition=coalition, portal_vendor=portal, his_vendor=his)
    PracticeFactory(coalition=coalition, portal_vendor=both, his_vendor=both)
    PracticeFactory(coalition=coalition)
    PracticeFactory(coalition=other_coalition, portal_vendor=foreign)
    third = CoalitionFactory()
    PracticeFactory(coalition=third, his_vendor=unused, is_active=False)

    scopes = [
        Practice.objects.filter(coalition=coalition),
        Practice.objects.filter(coalition=other_coalition),
        Practice.objects.filter(coalition=third),
        Practice.objects.all(),
        Practice.objects.none(),
        Practice.objects.filter(coalition=coalition, portal_vendor=portal),
    ]
    for practices in scopes:
        new = list(selectors.vendor_choices(practices).order_by("name"))
        assert new == list(_old_vendor_choices(practices).order_by("name"))
        assert len(new) == len(set(new))  # no duplicates without DISTINCT
    mine = {v.name for v in selectors.vendor_choices(scopes[0])}
    assert mine == {"Raam", "Portaal", "HIS", "Beide"}


def test_choices_query_has_no_join_on_the_many_valued_relations(coalition):
    sql = str(
        selectors.vendor_choices(Practice.objects.filter(coalition=coalition)).query
    )
    assert " JOIN " not in sql.split("WHERE")[0]
    assert "DISTINCT" not in sql


@pytest.mark.parametrize("role", ["lead", "office"])
def test_bottleneck_list_queries_do_not_grow(
    role, request, coalition, client_for, django_assert_num_queries
):
    user = request.getfixturevalue(role)
    client = client_for(user)

    def make(n):
        for _ in range(n):
            vendor = VendorFactory()
            FrameworkAgreementFactory(coalition=coalition, vendor=vendor)
            practice = PracticeFactory(
                coalition=coalition, portal_vendor=vendor, his_vendor=VendorFactory()
            )
            BottleneckFactory(practice=practice, vendor=vendor)

    make(2)
    client.get("/bezoeken/knelpunten/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get("/bezoeken/knelpunten/").status_code == 200
    make(10)
    with django_assert_num_queries(len(small)):
        response = client.get("/bezoeken/knelpunten/")
    assert response.status_code == 200
