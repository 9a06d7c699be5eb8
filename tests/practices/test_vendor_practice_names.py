"""Practice names for vendors where the coalition allows it (issue 16): the vendor's
counts and names, in a fixed number of queries, switched by the lead or the office."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coalition import access
from coalition.models import AuditEvent
from practices.visits import vendor
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def _names_world(coalition, other_coalition, his, versions, *, n: int = 1):
    """`n` practices of each coalition on Medisys 11, one of the coalition on the
    other vendor's portal."""
    for i in range(n):
        PracticeFactory(
            coalition=coalition,
            name=f"Huisartsen Noord {i}",
            city="Zwolle",
            his_vendor=his,
            his_version=versions["11"],
        )
        PracticeFactory(
            coalition=other_coalition,
            name=f"Huisartsen Elders {i}",
            city="Deventer",
            his_vendor=his,
            his_version=versions["11"],
        )


def test_a_vendor_sees_names_only_of_the_coalition_that_allows_it(
    coalition, other_coalition, his, versions, vendor_user, other_vendor_user
):
    _names_world(coalition, other_coalition, his, versions, n=2)
    coalition.vendors_see_practice_names = True
    coalition.save()
    rows = {r["coalition"]: r for r in vendor.vendor_practice_counts(vendor_user)}
    assert rows[coalition.name]["n"] == 2
    assert rows[coalition.name]["practices"] == [
        ("Huisartsen Noord 0", "Zwolle"),
        ("Huisartsen Noord 1", "Zwolle"),
    ]
    assert rows[other_coalition.name]["n"] == 2
    assert rows[other_coalition.name]["practices"] is None  # counts only
    assert access.can_see_practice_names(vendor_user, coalition)
    assert not access.can_see_practice_names(vendor_user, other_coalition)
    assert vendor.vendor_practice_counts(other_vendor_user) == []
    assert not access.can_see_practice_names(other_vendor_user, other_coalition)


def test_the_vendors_page_lists_names_of_that_coalition_only(
    coalition,
    other_coalition,
    his,
    versions,
    vendor_user,
    other_vendor_user,
    client_for,
):
    _names_world(coalition, other_coalition, his, versions)
    coalition.vendors_see_practice_names = True
    coalition.save()
    html = client_for(vendor_user).get(reverse("visits:vendor_home")).content.decode()
    assert "Huisartsen Noord 0, Zwolle" in html
    assert "Huisartsen Elders 0" not in html and "Deventer" not in html
    assert "alleen het aantal" in html
    other = client_for(other_vendor_user).get(reverse("visits:vendor_home"))
    assert "Huisartsen" not in other.content.decode()


def test_practice_names_in_a_fixed_number_of_queries(
    coalition, other_coalition, his, versions, vendor_user, django_assert_num_queries
):
    coalition.vendors_see_practice_names = True
    coalition.save()
    access.vendor_ids(vendor_user)  # the user's scope, read once per request
    _names_world(coalition, other_coalition, his, versions, n=1)
    # his counts, portal counts, the coalitions, the names
    with django_assert_num_queries(4):
        small = vendor.vendor_practice_counts(vendor_user)
    _names_world(coalition, other_coalition, his, versions, n=6)
    with django_assert_num_queries(4):
        large = vendor.vendor_practice_counts(vendor_user)
    assert [len(r["practices"] or []) for r in small] == [1, 0]
    assert [len(r["practices"] or []) for r in large] == [7, 0]


def test_the_lead_switches_practice_names_on_and_off_on_the_vendors_page(
    coalition, other_coalition, lead, other_lead, vendor_user, client_for
):
    client = client_for(lead)
    page = client.get(reverse("coalition:vendor_admin_list")).content.decode()
    assert "Leveranciers mogen praktijknamen zien" in page
    url = reverse("coalition:vendor_practice_names", kwargs={"pk": coalition.pk})
    response = client.post(url, {"vendors_see_practice_names": "on"})
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert coalition.vendors_see_practice_names
    latest = coalition.history.order_by("-history_date", "-pk").first()
    assert latest.history_user == lead and latest.vendors_see_practice_names
    assert AuditEvent.objects.filter(
        url_name="coalition:vendor_practice_names",
        event="change",
        user=lead,
        coalition_id=coalition.pk,
        object_id=str(coalition.pk),
    ).exists()
    # the lead of another coalition and a vendor's user cannot touch it
    assert client_for(other_lead).post(url, {}).status_code == 404
    assert client_for(vendor_user).post(url, {}).status_code == 403
    coalition.refresh_from_db()
    assert coalition.vendors_see_practice_names
    client = client_for(lead)  # one test client: log the lead in again
    assert client.post(url, {}).status_code == 302  # unticked: off again
    coalition.refresh_from_db()
    assert not coalition.vendors_see_practice_names
    assert client.get(url).status_code == 405


def test_the_office_sets_it_on_the_coalitions_edit_page(coalition, office, client_for):
    url = reverse("coalition:office_coalition_edit", kwargs={"slug": coalition.slug})
    client = client_for(office)
    assert "vendors_see_practice_names" in client.get(url).context["form"].fields
    response = client.post(
        url,
        {
            "name": coalition.name,
            "region": coalition.region,
            "province": coalition.province,
            "contact_email": coalition.contact_email,
            "vendors_see_practice_names": "on",
        },
    )
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert coalition.vendors_see_practice_names
    assert coalition.history.order_by("-history_date", "-pk").first().history_user == (
        office
    )
