"""Issue 11.7: the programme office's inbox of bottlenecks passed on to it (only the
office sees it; it passes on to the vendor or resolves). Issue 10.21: the visit lists
show a coalition column and filter when the viewer sees several coalitions."""

from __future__ import annotations

import pytest
from django.utils import timezone

from coalition import access
from coalition.models import Role
from practices.visits import services
from practices.visits.models import Bottleneck
from tests.factories import PracticeFactory, VendorFactory, user_with_role
from tests.practices.visits_factories import BottleneckFactory, VisitFactory

pytestmark = pytest.mark.django_db

INBOX = "/bezoeken/knelpunten/programmabureau/"


@pytest.fixture
def passed(coalition, other_coalition, lead, office):
    vendor = VendorFactory(name="Portaal BV", contact_email="hulp@portaal.example.test")
    mine = BottleneckFactory(
        practice=PracticeFactory(coalition=coalition, name="Praktijk Noord"),
        vendor=vendor,
        description="Inloggen met DigiD lukt niet",
    )
    services.bottleneck_pass_on(by=lead, bottleneck=mine, to="office")
    other_lead = user_with_role(Role.LEAD, coalition=other_coalition)
    theirs = BottleneckFactory(
        practice=PracticeFactory(coalition=other_coalition, name="Praktijk Zuid"),
        category="his_link",
        description="Koppeling HIS valt weg",
    )
    services.bottleneck_pass_on(by=other_lead, bottleneck=theirs, to="office")
    to_vendor = BottleneckFactory(
        practice=PracticeFactory(coalition=coalition, name="Praktijk West"),
        vendor=vendor,
        description="Alleen aan de leverancier",
    )
    services.bottleneck_pass_on(by=lead, bottleneck=to_vendor, to="vendor")
    BottleneckFactory(
        practice=PracticeFactory(coalition=coalition), description="Nog open"
    )
    return mine, theirs, to_vendor


def test_office_sees_what_was_passed_on_to_it(passed, office, client_for):
    mine, theirs, to_vendor = passed
    assert set(access.visible_office_inbox(office)) == {mine, theirs}
    html = client_for(office).get(INBOX).content.decode()
    assert "Inloggen met DigiD lukt niet" in html
    assert "Koppeling HIS valt weg" in html
    assert "Alleen aan de leverancier" not in html and "Nog open" not in html
    assert "sort=coalition" in html


def test_inbox_filters_by_coalition_vendor_and_category(
    passed, office, coalition, client_for
):
    mine, theirs, _v = passed
    client = client_for(office)
    html = client.get(INBOX, {"coalition": coalition.slug}).content.decode()
    assert mine.description in html and theirs.description not in html
    html = client.get(INBOX, {"vendor": mine.vendor_id}).content.decode()
    assert mine.description in html and theirs.description not in html
    html = client.get(INBOX, {"category": "his_link"}).content.decode()
    assert theirs.description in html and mine.description not in html


@pytest.mark.parametrize("role", ["lead", "funder", "practice_user", "trainer"])
def test_nobody_else_has_the_inbox(passed, role, request, client_for):
    user = request.getfixturevalue(role)
    assert not access.visible_office_inbox(user).exists()
    assert client_for(user).get(INBOX).status_code in (403, 404)


def test_office_resolves_and_passes_on_from_the_inbox(passed, office, client_for):
    from django.core import mail

    mine, theirs, _v = passed
    client = client_for(office)
    page = client.get(f"/bezoeken/knelpunten/{mine.pk}/").content.decode()
    assert "bottleneck_resolve" not in page  # rendered as a URL, not a name
    assert f"/bezoeken/knelpunten/{mine.pk}/oplossen/" in page
    assert f"/bezoeken/knelpunten/{mine.pk}/doorgeven/" in page
    mail.outbox.clear()
    response = client.post(
        f"/bezoeken/knelpunten/{mine.pk}/doorgeven/", {"to": "vendor", "note": "Graag"}
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert (mine.passed_to, mine.passed_on_by) == ("vendor", office)
    # Sending it back to the office itself is not among the office's choices.
    assert (
        client.post(
            f"/bezoeken/knelpunten/{theirs.pk}/doorgeven/", {"to": "office"}
        ).status_code
        == 400
    )
    response = client.post(
        f"/bezoeken/knelpunten/{theirs.pk}/oplossen/",
        {"resolution": "Landelijk opgelost"},
    )
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.status == Bottleneck.Status.RESOLVED
    assert theirs.resolved_by == office
    # Once resolved, it is no longer the office's to handle.
    assert (
        client.post(
            f"/bezoeken/knelpunten/{theirs.pk}/doorgeven/", {"to": "vendor"}
        ).status_code
        == 404
    )


def test_a_refused_pass_on_is_summarised_and_tied_to_its_choices(
    passed, office, client_for
):
    """The service's refusal comes back as the shared error summary (focused by
    site.js) and on each option of the radio group, not only on its fieldset."""
    mine, _t, _v = passed
    mine.vendor.contact_email = ""
    mine.vendor.save()
    response = client_for(office).post(
        f"/bezoeken/knelpunten/{mine.pk}/doorgeven/", {"to": "vendor"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "data-error-summary" in html
    assert 'href="#id_to_0"' in html
    assert 'id="id_to_error"' in html and "geen e-mailadres" in html
    radio = html[html.index('name="to"') - 200 : html.index('name="to"') + 200]
    assert 'aria-invalid="true"' in radio
    assert 'aria-describedby="id_to_error"' in radio


def test_office_may_not_handle_what_was_not_passed_to_it(passed, office, client_for):
    _m, _t, to_vendor = passed
    client = client_for(office)
    for action, data in (
        ("oplossen", {"resolution": "x"}),
        ("doorgeven", {"to": "vendor"}),
    ):
        url = f"/bezoeken/knelpunten/{to_vendor.pk}/{action}/"
        assert client.post(url, data).status_code == 404
    to_vendor.refresh_from_db()
    assert (to_vendor.status, to_vendor.resolved_by) == (
        Bottleneck.Status.PASSED_ON,
        None,
    )


def test_inbox_menu_item_for_the_office_only(passed, office, lead, client_for):
    html = client_for(office).get("/bezoeken/").content.decode()
    assert INBOX in html
    html = client_for(lead).get("/bezoeken/").content.decode()
    assert INBOX not in html


@pytest.mark.parametrize("role", ["lead", "office"])
def test_inbox_queries_do_not_grow(
    role, office, coalition, lead, client_for, django_assert_num_queries
):
    client = client_for(office)

    def make(n):
        for _ in range(n):
            b = BottleneckFactory(
                practice=PracticeFactory(coalition=coalition), vendor=VendorFactory()
            )
            services.bottleneck_pass_on(by=lead, bottleneck=b, to="office")

    make(2)
    client.get(INBOX)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert client.get(INBOX).status_code == 200
    make(8)
    with django_assert_num_queries(len(small)):
        client.get(INBOX)


# --- coalition column ------------------------------------------------------------------


def test_coalition_column_only_for_several_coalitions(
    coalition, other_coalition, lead, client_for
):
    from coalition.services import membership_create

    today = timezone.localdate()
    here = PracticeFactory(coalition=coalition, name="Praktijk Hier")
    there = PracticeFactory(coalition=other_coalition, name="Praktijk Daar")
    for p in (here, there):
        VisitFactory(practice=p, planned_on=today)
        BottleneckFactory(practice=p)
    urls = (
        "/bezoeken/",
        "/bezoeken/acties/",
        "/bezoeken/knelpunten/",
        "/bezoeken/jaarplanning/",
    )
    client = client_for(lead)
    for url in urls:
        html = client.get(url).content.decode()
        assert 'name="coalition"' not in html, url
        assert "sort=coalition" not in html, url
    membership_create(user=lead, role=Role.LEAD, coalition=other_coalition)
    access.forget_scope(lead)
    for url in urls:
        html = client.get(url).content.decode()
        assert 'name="coalition"' in html, url
        assert "sort=coalition" in html, url
    html = client.get(
        "/bezoeken/", {"coalition": other_coalition.slug}
    ).content.decode()
    assert "Praktijk Daar" in html and "Praktijk Hier" not in html
    html = client.get(
        "/bezoeken/knelpunten/", {"coalition": coalition.slug}
    ).content.decode()
    assert "Praktijk Hier" in html and "Praktijk Daar" not in html
