"""Issue 11.3: a lead keeps the coalition's framework agreements (vendor, period,
products) and grants (funder, period, amount, commitments); the funder report reads
them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coalition import funder, services_orgs
from coalition.models import FrameworkAgreement, Funder, Grant
from tests.factories import (
    FrameworkAgreementFactory,
    FunderFactory,
    GrantFactory,
    ProductVersionFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db


def test_an_agreement_covers_products_of_its_own_vendor_only(coalition, lead):
    vendor = VendorFactory(name="Praktijkportaal BV")
    mine = ProductVersionFactory(vendor=vendor, product="Praktijkportaal")
    theirs = ProductVersionFactory(vendor=VendorFactory(name="Ander BV"))
    agreement = services_orgs.framework_agreement_save(
        by=lead,
        coalition=coalition,
        vendor=vendor,
        starts=dt.date(2026, 1, 1),
        ends=dt.date(2028, 12, 31),
        products=[mine],
    )
    assert list(agreement.products.all()) == [mine]
    with pytest.raises(ValidationError) as exc:
        services_orgs.framework_agreement_save(
            by=lead,
            coalition=coalition,
            vendor=vendor,
            starts=dt.date(2026, 1, 1),
            ends=None,
            products=[theirs],
            agreement=agreement,
        )
    assert "geen product van Praktijkportaal BV" in exc.value.messages[0]
    assert list(agreement.products.all()) == [mine]


def test_an_agreement_change_keeps_its_products_in_history(coalition, lead):
    vendor = VendorFactory()
    v1, v2 = ProductVersionFactory(vendor=vendor), ProductVersionFactory(vendor=vendor)
    agreement = services_orgs.framework_agreement_save(
        by=lead,
        coalition=coalition,
        vendor=vendor,
        starts=dt.date(2026, 1, 1),
        ends=None,
        products=[v1],
    )
    services_orgs.framework_agreement_save(
        by=lead,
        coalition=coalition,
        vendor=vendor,
        starts=dt.date(2026, 1, 1),
        ends=dt.date(2027, 12, 31),
        products=[v1, v2],
        agreement=agreement,
    )
    records = list(agreement.history.order_by("history_date", "history_id"))
    assert records[0].ends is None
    assert records[-1].ends == dt.date(2027, 12, 31)
    assert {r.history_user for r in records} == {lead}
    products = [{p.productversion_id for p in r.products.all()} for r in records]
    assert {v1.pk} in products
    assert products[-1] == {v1.pk, v2.pk}


@pytest.mark.parametrize(
    ("starts", "ends", "message"),
    [
        ("2026-06-01", "2026-01-01", "De einddatum ligt vóór de ingangsdatum."),
        ("0206-06-01", "", "Vul een datum tussen 2000 en 2100 in"),
    ],
)
def test_the_agreement_form_refuses_impossible_periods(
    client_for, coalition, lead, starts, ends, message
):
    vendor = VendorFactory()
    response = client_for(lead).post(
        reverse("coalition:agreement_create"),
        {"vendor": vendor.pk, "starts": starts, "ends": ends},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FrameworkAgreement.objects.filter(coalition=coalition).exists()


def test_a_grant_with_a_new_funder_and_a_dutch_amount(client_for, coalition, lead):
    response = client_for(lead).post(
        reverse("coalition:grant_create"),
        {
            "funder": "",
            "new_funder": "Zorgverzekeraar Oost",
            "reference": "ZO-2026-01",
            "amount": "€ 1.415.000,50",
            "starts": "2026-01-01",
            "ends": "2027-12-31",
            "committed_practices": "160",
            "committed_patients": "500000",
        },
    )
    assert response.status_code == 302
    grant = Grant.objects.get(coalition=coalition)
    assert grant.funder.name == "Zorgverzekeraar Oost"
    assert grant.amount == Decimal("1415000.50")
    assert grant.history.first().history_user == lead
    # The funder report measures against it at once.
    progress = funder.coalition_progress(
        coalition, today=dt.date(2026, 6, 1), audience="funder", charts=None
    )
    assert progress["committed_practices"] == 160
    assert progress["grants"][0]["reference"] == "ZO-2026-01"


def test_a_grant_edit_keeps_the_previous_amount(client_for, coalition, lead):
    grant = GrantFactory(coalition=coalition, amount="100000.00")
    client = client_for(lead)
    page = client.get(reverse("coalition:grant_edit", args=[grant.pk]))
    assert 'value="100.000"' in page.content.decode()
    response = client.post(
        reverse("coalition:grant_edit", args=[grant.pk]),
        {
            "funder": grant.funder.pk,
            "reference": "R-1",
            "amount": "125.000",
            "starts": "2025-01-01",
            "ends": "2027-12-31",
            "committed_practices": "12",
            "committed_patients": "30000",
        },
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.amount == Decimal("125000.00")
    amounts = [h.amount for h in grant.history.order_by("history_date", "history_id")]
    assert amounts[-2:] == [Decimal("100000.00"), Decimal("125000.00")]
    page = client.get(reverse("coalition:grant_edit", args=[grant.pk])).content
    assert "100.000" in page.decode() and "Geschiedenis" in page.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": "12,5,0"}, "Vul een bedrag in euro"),
        (
            {"starts": "2027-01-01", "ends": "2026-01-01"},
            "Het einde ligt vóór het begin.",
        ),
        ({"funder": "", "new_funder": ""}, "Kies een financier of vul een naam in."),
        ({"committed_patients": "-5"}, "minstens 0"),
    ],
)
def test_the_grant_form_refuses_bad_input(client_for, coalition, lead, data, message):
    payer = FunderFactory(name="Ministerie van VWS")
    post = {
        "funder": payer.pk,
        "amount": "1000",
        "starts": "2026-01-01",
        "ends": "2026-12-31",
        "committed_practices": "1",
        "committed_patients": "1",
        **data,
    }
    response = client_for(lead).post(reverse("coalition:grant_create"), post)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Grant.objects.exists()


def test_an_existing_funder_is_not_named_twice(coalition, lead):
    FunderFactory(name="Ministerie van VWS")
    grant = services_orgs.grant_save(
        by=lead,
        coalition=coalition,
        funder=None,
        new_funder="ministerie van  VWS",
        amount=Decimal("1"),
        starts=dt.date(2026, 1, 1),
        ends=dt.date(2026, 12, 31),
        committed_practices=1,
        committed_patients=1,
    )
    assert grant.funder.name == "Ministerie van VWS"
    assert Funder.objects.count() == 1


def test_another_coalitions_records_are_out_of_reach(client_for, coalition, other_lead):
    agreement = FrameworkAgreementFactory(coalition=coalition)
    grant = GrantFactory(coalition=coalition)
    client = client_for(other_lead)
    assert (
        client.get(reverse("coalition:agreement_edit", args=[agreement.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("coalition:grant_edit", args=[grant.pk])).status_code == 404
    )
    listed = client.get(reverse("coalition:agreement_list")).content.decode()
    assert agreement.vendor.name not in listed
    amount = Grant.objects.get(pk=grant.pk).amount
    changed = {
        "funder": grant.funder_id,
        "amount": "1",
        "starts": "2026-01-01",
        "ends": "2026-12-31",
        "committed_practices": "1",
        "committed_patients": "1",
    }
    for name, obj in (("agreement_edit", agreement), ("grant_edit", grant)):
        url = reverse(f"coalition:{name}", args=[obj.pk])
        assert client.post(url, changed).status_code == 404
    grant.refresh_from_db()
    assert grant.amount == amount
    assert grant.history.count() == 1


def test_the_agreement_list_shows_products_with_the_same_queries(
    client_for, coalition, lead, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(lead)
    url = reverse("coalition:agreement_list")

    def add(n):
        for _ in range(n):
            vendor = VendorFactory()
            agreement = FrameworkAgreementFactory(coalition=coalition, vendor=vendor)
            agreement.products.set([ProductVersionFactory(vendor=vendor, product="P")])

    add(1)
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    add(4)
    with django_assert_num_queries(len(ctx)):
        page = client.get(url)
    assert page.content.decode().count("<tr") == 6


def test_the_agreement_page_shows_the_product_change_in_history(
    client_for, coalition, lead
):
    vendor = VendorFactory()
    v1 = ProductVersionFactory(vendor=vendor, product="Portaal", version="1.0")
    v2 = ProductVersionFactory(vendor=vendor, product="Portaal", version="2.0")
    agreement = services_orgs.framework_agreement_save(
        by=lead,
        coalition=coalition,
        vendor=vendor,
        starts=dt.date(2026, 1, 1),
        ends=None,
        products=[v1],
    )
    services_orgs.framework_agreement_save(
        by=lead,
        coalition=coalition,
        vendor=vendor,
        starts=dt.date(2026, 1, 1),
        ends=None,
        products=[v1, v2],
        agreement=agreement,
    )
    page = client_for(lead).get(
        reverse("coalition:agreement_edit", args=[agreement.pk])
    )
    assert page.status_code == 200
    history = page.content.decode().split('id="history-h"')[1]
    assert "Portaal 1.0</span> → Portaal 1.0, Portaal 2.0" in history
