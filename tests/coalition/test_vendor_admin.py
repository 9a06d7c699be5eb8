"""Issue 11.2 (and the office's half of 11.8): vendors, product versions and
certifications managed in the platform. A lead proposes a certification; only one the
programme office confirmed makes practices technically ready."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coalition import access, services_vendors
from coalition.models import Certification, Standard, Vendor, VendorContact
from practices import selectors
from practices.models import Practice
from tests.factories import (
    FrameworkAgreementFactory,
    PracticeFactory,
    ProductVersionFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db

SINCE = dt.date(2025, 3, 1)


def ready_ids(coalition) -> set[int]:
    qs = selectors.with_readiness(
        Practice.objects.filter(coalition=coalition), today=timezone.localdate()
    )
    return {p.pk for p in qs if p.technically_ready}


def test_only_a_confirmed_certification_makes_practices_technically_ready(
    coalition, lead, office
):
    version = ProductVersionFactory()
    on_it = PracticeFactory(
        coalition=coalition, his_vendor=version.vendor, his_version=version
    )
    cert = services_vendors.certification_propose(
        by=lead,
        coalition=coalition,
        product_version=version,
        standard=Standard.GP_DATA,
        since=SINCE,
        source="https://register.example.test/medisys-12",
    )
    assert cert.status == Certification.Status.PROPOSED
    assert ready_ids(coalition) == set()  # a proposal counts for nothing yet

    services_vendors.certification_confirm(by=office, certification=cert)
    assert ready_ids(coalition) == {on_it.pk}  # at once, nothing copied

    services_vendors.certification_withdraw(
        by=office, certification=cert, note="Niet in het register."
    )
    assert ready_ids(coalition) == set()
    statuses = [h.status for h in cert.history.order_by("history_date", "history_id")]
    assert statuses == ["proposed", "confirmed", "withdrawn"]
    assert cert.history.latest().history_user is None  # no request: service call


def test_a_lead_cannot_confirm_or_withdraw(coalition, lead, client_for):
    cert = services_vendors.certification_propose(
        by=lead,
        coalition=coalition,
        product_version=ProductVersionFactory(),
        standard=Standard.GP_DATA,
        since=SINCE,
    )
    client = client_for(lead)
    confirm = reverse("coalition:certification_confirm", args=[cert.pk])
    withdraw = reverse("coalition:certification_withdraw", args=[cert.pk])
    assert client.post(confirm).status_code == 403
    assert client.post(withdraw, {"note": "Niet nodig."}).status_code == 403
    cert.refresh_from_db()
    assert (cert.status, cert.decided_by) == (Certification.Status.PROPOSED, None)


def test_a_lead_of_another_coalition_cannot_propose_for_it(
    coalition, other_coalition, other_lead, client_for
):
    version = ProductVersionFactory()
    for c in (coalition, other_coalition):  # a vendor both coalitions work with
        FrameworkAgreementFactory(coalition=c, vendor=version.vendor)
    response = client_for(other_lead).post(
        reverse("coalition:certification_propose", args=[version.vendor.pk]),
        {
            "product_version": version.pk,
            "standard": Standard.GP_DATA,
            "since": "2025-03-01",
            "source": "Brief",
            "coalition": coalition.pk,
        },
    )
    assert response.status_code == 200
    assert "coalition" in response.context["form"].errors
    assert not Certification.objects.exists()
    # without a coalition, a lead's proposal is refused as incomplete
    with pytest.raises(ValidationError):
        services_vendors.certification_propose(
            by=other_lead,
            coalition=None,
            product_version=version,
            standard=Standard.GP_DATA,
            since=SINCE,
        )
    assert not Certification.objects.exists()


def test_a_withdrawn_certification_can_be_proposed_again_and_a_live_one_not(
    coalition, lead, office
):
    version = ProductVersionFactory()
    kwargs = {
        "by": lead,
        "coalition": coalition,
        "product_version": version,
        "standard": Standard.GP_DATA,
        "since": SINCE,
    }
    cert = services_vendors.certification_propose(**kwargs)
    with pytest.raises(ValidationError):
        services_vendors.certification_propose(**kwargs)
    services_vendors.certification_withdraw(by=office, certification=cert, note="Nee")
    again = services_vendors.certification_propose(**kwargs)
    assert again.pk == cert.pk and again.status == Certification.Status.PROPOSED


def test_withdrawing_needs_a_reason(coalition, lead, office):
    cert = services_vendors.certification_propose(
        by=office,
        coalition=None,
        product_version=ProductVersionFactory(),
        standard=Standard.PDF_A,
        since=SINCE,
    )
    assert cert.status == Certification.Status.CONFIRMED  # the office records directly
    with pytest.raises(ValidationError):
        services_vendors.certification_withdraw(by=office, certification=cert, note=" ")


def test_a_lead_edits_a_shared_vendor_only_while_it_is_theirs_alone(
    coalition, other_coalition, lead, client_for
):
    vendor = services_vendors.vendor_create(
        by=lead,
        coalition=coalition,
        contact={"name": "Sanne", "email": "sanne@v.example.test"},
        name="Nieuw Portaal BV",
        kind=Vendor.Kind.PORTAL,
    )
    services_vendors.vendor_update(by=lead, vendor=vendor, website="https://v.test")
    services_vendors.product_version_save(
        by=lead, vendor=vendor, product="Portaal", version="1.0", services=[]
    )
    # Another coalition starts working with it: the shared data is now the office's.
    FrameworkAgreementFactory(coalition=other_coalition, vendor=vendor)
    assert not access.vendor_shared_fields_editable(lead, vendor)
    client = client_for(lead)
    edit = reverse("coalition:vendor_update", args=[vendor.pk])
    assert client.post(edit, {"name": "Overgenomen", "kind": "portal"}).status_code == (
        403
    )
    add_version = reverse("coalition:product_version_create", args=[vendor.pk])
    assert client.post(
        add_version, {"product": "Portaal", "version": "2.0"}
    ).status_code == (403)
    vendor.refresh_from_db()
    assert vendor.name == "Nieuw Portaal BV"
    assert list(vendor.product_versions.values_list("version", flat=True)) == ["1.0"]
    # Their own contacts stay theirs.
    contact = vendor.coalition_contacts.get()
    services_vendors.vendor_contact_save(
        by=lead, vendor=vendor, contact=contact, phone="010-1234567"
    )
    contact.refresh_from_db()
    assert contact.phone == "010-1234567"
    assert [h.phone for h in contact.history.order_by("history_id")] == [
        "",
        "010-1234567",
    ]


def test_a_lead_cannot_edit_another_coalitions_contact(
    coalition, other_coalition, lead, other_lead, client_for
):
    vendor = VendorFactory()
    FrameworkAgreementFactory(coalition=other_coalition, vendor=vendor)  # theirs too
    contact = VendorContact.objects.create(
        vendor=vendor, coalition=coalition, name="Eigen contact"
    )
    url = reverse("coalition:vendor_contact_update", args=[vendor.pk, contact.pk])
    client = client_for(other_lead)
    assert (
        client.get(
            reverse("coalition:vendor_admin_detail", args=[vendor.pk])
        ).status_code
        == 200
    )
    assert client.post(url, {"name": "Gekaapt"}).status_code == 404
    contact.refresh_from_db()
    assert contact.name == "Eigen contact"


# --- pages -------------------------------------------------------------------------


def test_the_lead_adds_a_vendor_through_the_page(client_for, coalition, lead):
    client = client_for(lead)
    response = client.post(
        reverse("coalition:vendor_create"),
        {
            "name": "Portaal Zuid BV",
            "kind": "portal",
            "website": "",
            "contact_name": "",
            "contact_email": "",
            "contact_phone": "",
            "our_contact_name": "Joke Zuid",
            "our_contact_email": "joke@zuid.example.test",
            "our_contact_phone": "",
            "coalition": coalition.pk,
        },
    )
    vendor = Vendor.objects.get(name="Portaal Zuid BV")
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "coalition:vendor_admin_detail", args=[vendor.pk]
    )
    contact = vendor.coalition_contacts.get()
    assert (contact.coalition, contact.name) == (coalition, "Joke Zuid")
    page = client.get(response["Location"]).content.decode()
    assert "Joke Zuid" in page and "Algemene gegevens bewerken" in page


def test_the_lead_proposes_and_the_office_confirms_through_the_pages(
    client, client_for, coalition, lead, office
):
    version = ProductVersionFactory()
    FrameworkAgreementFactory(coalition=coalition, vendor=version.vendor)
    propose = reverse("coalition:certification_propose", args=[version.vendor.pk])
    response = client_for(lead).post(
        propose,
        {
            "product_version": version.pk,
            "standard": Standard.GP_DATA,
            "since": "2025-03-01",
            "source": "Brief van de leverancier",
            "coalition": coalition.pk,
        },
    )
    assert response.status_code == 302
    cert = Certification.objects.get(product_version=version)
    assert (cert.status, cert.proposed_for, cert.proposed_by) == (
        "proposed",
        coalition,
        lead,
    )
    assert cert.history.latest().history_user == lead  # the request's user
    # The lead has no confirm button and the confirm URL refuses them.
    detail = client.get(
        reverse("coalition:vendor_admin_detail", args=[version.vendor.pk])
    )
    assert "Bevestigen" not in detail.content.decode()
    assert (
        client.post(
            reverse("coalition:certification_confirm", args=[cert.pk])
        ).status_code
        == 403
    )
    client.logout()
    office_client = client_for(office)
    queue = office_client.get(reverse("coalition:certification_list")).content.decode()
    assert "Brief van de leverancier" in queue
    office_client.post(reverse("coalition:certification_confirm", args=[cert.pk]))
    cert.refresh_from_db()
    assert cert.status == "confirmed" and cert.decided_by == office


def test_vendor_list_exports_and_counts_queries_independently_of_size(
    client_for, coalition, lead, django_assert_num_queries
):
    client = client_for(lead)
    url = reverse("coalition:vendor_admin_list")

    def add(n):
        for _ in range(n):
            FrameworkAgreementFactory(
                coalition=coalition, vendor=ProductVersionFactory().vendor
            )

    add(2)
    client.get(url)  # warm the session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    add(6)
    with django_assert_num_queries(len(small)):
        page = client.get(url)
    assert page.content.decode().count("/beheer/leveranciers/") >= 8
    export = client.get(url + "?export=xlsx")
    assert export["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument"
    )


def test_another_coalitions_lead_does_not_see_the_vendor(
    client_for, coalition, other_lead
):
    vendor = FrameworkAgreementFactory(coalition=coalition).vendor
    client = client_for(other_lead)
    url = reverse("coalition:vendor_admin_detail", args=[vendor.pk])
    assert client.get(url).status_code == 404
