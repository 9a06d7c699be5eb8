"""The go-live pages: the dashboard and its member matrix, deadlines, the import
flow, the vendor pages, one meaning per parameter, and a fixed number of queries
whatever the number of practices."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coalition.models import Service, Vendor
from practices.models import Practice, Step
from practices.tables import state_badge
from tests.factories import PracticeFactory, VendorFactory
from tests.practices.test_registry_xlsx import row, xlsx
from tests.practices.test_views import DASHBOARD, LIST, detail

pytestmark = pytest.mark.django_db


# --- dashboard ------------------------------------------------------------------------


def test_dashboard_counts_and_chart(client_for, lead, make_practices):
    make_practices(12)
    r = client_for(lead).get(DASHBOARD)
    assert r.status_code == 200
    summary = r.context["summary"]
    assert summary.service == Service.RECORD_ACCESS
    assert summary.n_active == 12 and summary.n_live == 2
    assert dict(summary.by_step)[Step.NOT_STARTED] == 2
    html = r.content.decode()
    assert "<svg" in html and "Praktijken live, per maand" in html
    assert len(r.context["at_risk"]) == summary.n_at_risk + summary.n_overdue


def test_member_matrix(client_for, lead, make_practices):
    ps = make_practices(3)
    org = ps[0].member_organisation
    r = client_for(lead).get(reverse("practices:member_matrix", args=[org.pk]))
    assert r.status_code == 200
    assert len(r.context["rows"]) == 3
    assert len(r.context["rows"][0]["cells"]) == len(Service.values)
    # Every cell shows its step and the state's badge, as the practice list does.
    html = r.content.decode()
    assert html.count('<span class="badge ') == 3 * len(Service.values)
    for matrix_row in r.context["rows"]:
        for cell in matrix_row["cells"]:
            assert cell["step_label"] == Step(cell["step"]).label
            assert str(state_badge(cell["state"])) in html


def test_lead_start_page_shows_golive_panel(client_for, lead, make_practices):
    make_practices(6)
    html = client_for(lead).get(reverse("coalition:start")).content.decode()
    assert 'id="golive-panel"' in html


def test_deadlines_are_set_by_the_lead(client_for, lead, coalition):
    client = client_for(lead)
    data = {"d-TOTAL_FORMS": 6, "d-INITIAL_FORMS": 6}
    for i, s in enumerate(Service.values):
        data |= {
            f"d-{i}-service": s,
            f"d-{i}-deadline": "2027-07-01" if i == 0 else "",
            f"d-{i}-target_pct": 90,
            f"d-{i}-stuck_weeks": 6,
        }
    r = client.post(
        reverse("practices:deadlines") + f"?coalition={coalition.slug}", data
    )
    assert r.status_code == 302
    d = coalition.service_deadlines.get()
    assert (d.service, d.target_pct, d.stuck_after.days) == ("record_access", 90, 42)


# --- import through the page ------------------------------------------------------------


def test_import_preview_then_confirm(client_for, lead, coalition):
    member = coalition.member_organisations.first()
    VendorFactory(name="Medisys HIS", kind=Vendor.Kind.HIS)
    VendorFactory(name="Praktijkportaal", kind=Vendor.Kind.PORTAL)
    client = client_for(lead)
    file = xlsx([row(member)])
    file.name = "register.xlsx"
    r = client.post(
        reverse("practices:import"), {"coalition": coalition.pk, "file": file}
    )
    assert r.status_code == 200
    assert r.context["plan"].n_new == 1 and r.context["token"]
    assert not Practice.objects.exists()
    r = client.post(
        reverse("practices:import"), {"confirm": "1", "token": r.context["token"]}
    )
    assert r.status_code == 302
    assert Practice.objects.filter(agb_code="01234567", coalition=coalition).exists()


def test_import_with_errors_offers_no_confirm(client_for, lead, coalition):
    member = coalition.member_organisations.first()
    file = xlsx([row(member, postcode="nope")])
    file.name = "register.xlsx"
    r = client_for(lead).post(
        reverse("practices:import"), {"coalition": coalition.pk, "file": file}
    )
    html = r.content.decode()
    assert "Er is niets opgeslagen" in html and 'name="confirm"' not in html
    assert "postcode" in html


def test_only_leads_import(client_for, office, coalition):
    assert client_for(office).get(reverse("practices:import")).status_code == 403


# --- a fixed number of queries ------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        r = client.get(url)
    assert r.status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "url",
    [
        LIST,
        LIST + "?state=at_risk&service=econsult&sort=-rollout_step",
        DASHBOARD,
        DASHBOARD + "?service=lab_results",
    ],
)
def test_same_number_of_queries_at_10_and_200_practices(
    client_for, lead, make_practices, url, django_assert_num_queries
):
    client = client_for(lead)
    make_practices(10)
    client.get(url)  # warm the session
    at_10 = _queries(client, url)
    make_practices(190)
    assert Practice.objects.count() == 200
    with django_assert_num_queries(at_10):
        client.get(url)


# --- vendor pages ----------------------------------------------------------------------


def test_vendor_pages_show_their_practices_and_pace(
    client_for, lead, other_lead, coalition, make_practices
):
    vendor = VendorFactory(name="Portaal Y", kind=Vendor.Kind.PORTAL)
    ps = make_practices(6)
    Practice.objects.filter(pk__in=[p.pk for p in ps]).update(portal_vendor=vendor)
    client = client_for(lead)
    r = client.get(reverse("practices:vendor_list"))
    row = next(v for v in r.context["table"].data if v.pk == vendor.pk)
    assert (row.n_practices, row.n_live) == (6, 1)  # index 5 is live
    r = client.get(reverse("practices:vendor_detail", args=[vendor.pk]))
    assert r.status_code == 200
    assert len(r.context["table"].rows) == 6
    assert r.context["n_live"] == 1
    assert "<svg" in r.content.decode()
    other = client_for(other_lead).get(
        reverse("practices:vendor_detail", args=[vendor.pk])
    )
    assert other.status_code == 404


def test_practice_start_page_shows_its_own_golive(client_for, practice_user, practice):
    html = client_for(practice_user).get(reverse("coalition:start")).content.decode()
    assert "Uw uitrol per dienst" in html
    assert detail(practice) in html


def test_an_unconfirmed_preview_leaves_one_stored_file(
    client_for, lead, coalition, settings
):
    member = coalition.member_organisations.first()
    VendorFactory(name="Medisys HIS", kind=Vendor.Kind.HIS)
    VendorFactory(name="Praktijkportaal", kind=Vendor.Kind.PORTAL)
    client = client_for(lead)
    for _ in range(2):
        file = xlsx([row(member)])
        file.name = "register.xlsx"
        client.post(
            reverse("practices:import"), {"coalition": coalition.pk, "file": file}
        )
    stored = list((settings.MEDIA_ROOT / "registry-imports").iterdir())
    assert len(stored) == 1


def test_vendor_page_shows_who_a_certification_makes_ready(client_for, lead, coalition):
    from coalition.models import Certification, Standard
    from tests.factories import ProductVersionFactory

    version = ProductVersionFactory()
    PracticeFactory.create_batch(
        3, coalition=coalition, his_vendor=version.vendor, his_version=version
    )
    client = client_for(lead)
    url = reverse("practices:vendor_detail", args=[version.vendor.pk])

    def row():
        (v,) = client.get(url).context["versions"]
        return v.n_practices, v.makes_ready

    assert row() == (3, False)
    Certification.objects.create(
        product_version=version,
        standard=Standard.GP_DATA,
        since="2025-01-01",
        status="confirmed",
    )
    assert row() == (3, True)


# --- one meaning per parameter --------------------------------------------------------


def test_the_dashboard_links_the_list_by_the_same_coalition_slug(
    client_for, office, coalition, other_coalition
):
    PracticeFactory(coalition=coalition, name="Praktijk Hier")
    PracticeFactory(coalition=other_coalition, name="Praktijk Daar")
    client = client_for(office)
    page = client.get(DASHBOARD, {"coalition": other_coalition.slug})
    assert page.context["coalition"] == other_coalition
    html = page.content.decode()
    links = [
        part.split('"')[0].replace("&amp;", "&")
        for part in html.split(f'href="{LIST}?')[1:]
    ]
    assert links, "the dashboard links its counts to the practice list"
    assert all(f"coalition={other_coalition.slug}&" in link for link in links)
    for link in links:
        listed = client.get(f"{LIST}?{link}").context["filter"]
        assert listed.is_valid(), listed.errors
        assert listed.form.cleaned_data["coalition"] == other_coalition
        assert {p.coalition for p in listed.qs} <= {other_coalition}


def test_one_helper_decides_the_service_a_page_is_about(client_for, lead, practice):
    from practices.selectors import PRIMARY_SERVICE, chosen_service

    assert PRIMARY_SERVICE == Service.RECORD_ACCESS
    assert chosen_service(None) == chosen_service("bogus") == PRIMARY_SERVICE
    assert chosen_service(Service.ECONSULT) == Service.ECONSULT
    client = client_for(lead)
    for query, service in [("", PRIMARY_SERVICE), ("?service=econsult", "econsult")]:
        page = client.get(LIST + query)
        assert page.context["filter"].chosen_service == service
        label = Service(service).label
        headers = [str(c.header) for c in page.context["table"].columns]
        assert f"Stap {label}" in headers
        dashboard = client.get(DASHBOARD + query)
        assert dashboard.context["service"] == service
