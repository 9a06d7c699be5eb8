"""The registry and go-live pages: scoping, filters, bulk change, downloads, import
flow, and a fixed number of queries whatever the number of practices."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coalition.models import Service, Vendor
from practices.models import Practice, Rollout, RolloutChange, Step
from tests.factories import PracticeFactory, VendorFactory
from tests.practices.test_registry_xlsx import row, xlsx

pytestmark = pytest.mark.django_db

LIST = reverse("practices:list")
DASHBOARD = reverse("practices:dashboard")


def detail(p):
    return reverse("practices:detail", args=[p.pk])


# --- scoping ------------------------------------------------------------------------


def test_a_lead_of_another_coalition_gets_404(client_for, other_lead, practice):
    client = client_for(other_lead)
    assert client.get(detail(practice)).status_code == 404
    assert client.get(reverse("practices:edit", args=[practice.pk])).status_code == 404
    r = client.post(reverse("practices:rollout", args=[practice.pk]), {})
    assert r.status_code == 404
    assert practice.name not in client.get(LIST).content.decode()
    org = practice.member_organisation
    url = reverse("practices:member_matrix", args=[org.pk])
    assert client.get(url).status_code == 404
    url = DASHBOARD + f"?coalition={practice.coalition.slug}"
    assert client.get(url).status_code == 404


def test_a_practice_user_sees_their_own_practice_only(
    client_for, practice_user, practice, coalition
):
    other = PracticeFactory(coalition=coalition)
    client = client_for(practice_user)
    page = client.get(detail(practice))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Uitrol per dienst" in html
    assert "Uitrol bijwerken" not in html  # the rollout is read-only for them
    assert client.get(detail(other)).status_code == 404
    assert client.get(LIST).status_code == 403
    assert client.get(DASHBOARD).status_code == 403
    r = client.post(
        reverse("practices:rollout", args=[practice.pk]),
        {"service": "record_access", "step": 5},
    )
    assert r.status_code == 403
    assert not Rollout.objects.filter(step=Step.LIVE).exists()


def test_a_practice_user_keeps_address_staff_and_contacts_current(
    client_for, practice_user, practice
):
    client = client_for(practice_user)
    url = reverse("practices:edit", args=[practice.pk])
    form = client.get(url).context["form"]
    assert set(form.fields) == {
        "street",
        "postcode",
        "city",
        "staff_gp",
        "staff_nurse_practitioner",
        "staff_manager",
        "staff_assistant",
    }
    r = client.post(
        url,
        {
            "street": "Nieuwe Binnenweg 5",
            "postcode": "3014ab",
            "city": "Rotterdam",
            "staff_gp": 3,
            "staff_nurse_practitioner": 1,
            "staff_manager": 1,
            "staff_assistant": 2,
            "name": "Gekaapt",  # not theirs to change: ignored
            "list_size": 1,
            "contacts-TOTAL_FORMS": 1,
            "contacts-INITIAL_FORMS": 0,
            "contacts-0-name": "Eva Hendriks",
            "contacts-0-email": "eva@praktijk.example",
            "contacts-0-function": "praktijkmanager",
            "contacts-0-is_primary": "on",
        },
    )
    assert r.status_code == 302, r.context["form"].errors
    practice.refresh_from_db()
    assert practice.postcode == "3014 AB" and practice.staff_gp == 3
    assert practice.name != "Gekaapt" and practice.list_size == 3000
    assert practice.contacts.get().email == "eva@praktijk.example"


def test_trainers_and_funders_see_no_registry(client_for, trainer, funder, practice):
    for user in (trainer, funder):
        client = client_for(user)
        assert client.get(LIST).status_code == 403
        assert client.get(detail(practice)).status_code == 404


# --- the list -------------------------------------------------------------------------


def test_list_filters_counts_and_vendor(client_for, lead, coalition, make_practices):
    vendor = VendorFactory(name="Portaal X", kind=Vendor.Kind.PORTAL)
    ps = make_practices(12)
    for p in ps[:6]:
        p.portal_vendor = vendor
        p.save()
    # practice index 1 and 3 and 5 have a plan: odd ones; step = i % 6
    client = client_for(lead)
    r = client.get(LIST, {"vendor": vendor.pk, "state": "at_risk"})
    assert r.status_code == 200
    names = {p.name for p in r.context["table"].data}
    # at risk = not live, no plan (even indexes 0, 2, 4 among the first six)
    assert names == {ps[0].name, ps[2].name, ps[4].name}
    assert r.context["counts"]["total"] == 3
    r = client.get(LIST, {"step": Step.LIVE, "service": "econsult"})
    assert {p.name for p in r.context["table"].data} == {ps[5].name, ps[11].name}
    r = client.get(LIST, {"q": ps[7].agb_code.lstrip("0")})
    assert [p.name for p in r.context["table"].data] == [ps[7].name]


def test_list_is_sortable_by_step(client_for, lead, make_practices):
    make_practices(6)
    r = client_for(lead).get(LIST, {"sort": "-rollout_step"})
    steps = [p.rollout_step for p in r.context["table"].page.object_list.data]
    assert steps == sorted(steps, reverse=True)


def test_download_this_list_uses_the_tables_columns(client_for, lead, make_practices):
    ps = make_practices(4)
    r = client_for(lead).get(LIST, {"step": 0, "export": "xlsx"})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = openpyxl.load_workbook(io.BytesIO(r.content)).active
    header = [c.value for c in ws[1]]
    assert header[:3] == ["Naam", "AGB-code", "Plaats"]
    assert "Stap online inzage" in header and "Deadline online inzage" in header
    assert [c.value for c in ws[2]][0] == ps[0].name
    assert ws.max_row == 2


def _rendered_checkboxes(client, url=LIST) -> tuple[str, list[str], str]:
    """The name and values of the row checkboxes the list renders, and the select-all
    target, read from the page (not from what the form hopes to receive)."""
    import re as _re

    html = client.get(url).content.decode()
    boxes = _re.findall(r'<input[^>]*type="checkbox"[^>]*>', html)
    rows = [b for b in boxes if 'value="' in b]
    names = {_re.search(r'name="([^"]+)"', b).group(1) for b in rows}
    assert len(names) == 1, names
    values = [_re.search(r'value="([^"]+)"', b).group(1) for b in rows]
    check_all = _re.search(r'data-check-all="([^"]+)"', html).group(1)
    return names.pop(), values, check_all


def test_bulk_step_change_with_the_rendered_checkboxes(
    client_for, lead, make_practices
):
    ps = make_practices(3)
    client = client_for(lead)
    name, values, check_all = _rendered_checkboxes(client)
    assert check_all == f"input[name={name}]"  # select-all ticks the row boxes
    picked = [str(ps[0].pk), str(ps[1].pk)]
    assert set(picked) <= set(values)
    r = client.post(
        reverse("practices:bulk_step"),
        {
            name: picked,
            "service": "record_access",
            "step": Step.STAFF_TRAINED,
            "note": "Scholing afgerond",
            "next": LIST + "?step=3",
        },
    )
    assert r.status_code == 302 and r["Location"] == LIST + "?step=3"
    steps = dict(
        Rollout.objects.filter(service="record_access").values_list(
            "practice_id", "step"
        )
    )
    assert steps[ps[0].pk] == steps[ps[1].pk] == Step.STAFF_TRAINED
    assert steps[ps[2].pk] == 2
    assert RolloutChange.objects.filter(note="Scholing afgerond").count() == 2


def test_bulk_step_cannot_reach_another_coalition(
    client_for, lead, other_lead, make_practices
):
    ps = make_practices(1)
    name, _values, _all = _rendered_checkboxes(client_for(lead))
    client_for(other_lead).post(
        reverse("practices:bulk_step"),
        {name: [ps[0].pk], "service": "record_access", "step": 5},
    )
    assert not RolloutChange.objects.exists()


# --- detail and rollout change ---------------------------------------------------------


def test_the_lead_moves_a_practice_to_live(client_for, lead, practice):
    client = client_for(lead)
    r = client.post(
        reverse("practices:rollout", args=[practice.pk]),
        {"service": "record_access", "step": Step.LIVE, "note": "Gestart"},
    )
    assert r.status_code == 302
    page = client.get(detail(practice)).content.decode()
    assert "Gestart" in page and "op tijd live" in page
    assert Rollout.objects.get(practice=practice, service="record_access").live_date


def test_detail_renders_panels_of_other_apps(client_for, lead, practice):
    r = client_for(lead).get(detail(practice))
    assert r.status_code == 200
    assert "panels" in r.context


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


def test_list_filters_on_readiness_cohort_neighbourhood_and_leaving(
    client_for, lead, coalition
):
    from coalition.models import Certification, Standard
    from tests.factories import ProductVersionFactory

    version = ProductVersionFactory()
    Certification.objects.create(
        product_version=version,
        standard=Standard.GP_DATA,
        since="2025-01-01",
        status="confirmed",
    )
    ready = PracticeFactory(
        coalition=coalition,
        his_vendor=version.vendor,
        his_version=version,
        cohort="pioniers",
        neighbourhood="deprived",
    )
    other = PracticeFactory(coalition=coalition, cohort="golf 2")
    gone = PracticeFactory(coalition=coalition, is_active=False, cohort="golf 2")
    client = client_for(lead)

    def names(**params):
        r = client.get(LIST, params)
        assert r.status_code == 200
        return {p.name for p in r.context["table"].data}

    assert names(ready="true") == {ready.name}
    assert names(ready="false") == {other.name}
    assert names(cohort="golf 2") == {other.name}
    assert names(neighbourhood="deprived") == {ready.name}
    assert names(status="left") == {gone.name}
    assert names(status="") == {ready.name, other.name, gone.name}
    assert names(member_organisation=ready.member_organisation_id) == {
        ready.name,
        other.name,
    }


def test_the_lead_registers_a_practice_by_hand(client_for, lead, coalition):
    client = client_for(lead)
    url = reverse("practices:create")
    assert client.get(url).status_code == 200
    member = coalition.member_organisations.first()
    data = {
        "agb_code": "1234567",
        "name": "Huisartsenpraktijk Nieuw",
        "member_organisation": member.pk,
        "postcode": "3011ab",
        "city": "Rotterdam",
        "list_size": 2100,
        "neighbourhood": "standard",
        "staff_gp": 1,
        "staff_nurse_practitioner": 0,
        "staff_manager": 0,
        "staff_assistant": 1,
    }
    r = client.post(url, data)
    assert r.status_code == 302, r.context["form"].errors
    p = Practice.objects.get(agb_code="01234567")
    assert p.coalition == coalition and p.postcode == "3011 AB"
    r = client.post(url, data)  # the same AGB code again
    assert "agb_code" in r.context["form"].errors


def test_sorting_by_state_puts_those_furthest_behind_first(
    client_for, lead, make_practices
):
    make_practices(12)
    r = client_for(lead).get(LIST, {"sort": "deadline_state"})
    states = [p.deadline_state for p in r.context["table"].page.object_list.data]
    assert states[0] == "at_risk" and states[-1] == "live_on_time"


def test_each_service_has_its_own_form_with_its_own_values(client_for, lead, practice):
    import datetime as dt

    from practices import services

    services.rollout_change(
        practice=practice,
        service="econsult",
        by=lead,
        step=Step.CONNECTED,
        planned_date=dt.date(2027, 3, 1),
    )
    r = client_for(lead).get(detail(practice))
    forms = {row["service"]: row["form"] for row in r.context["rows"]}
    assert forms["econsult"].initial["planned_date"] == dt.date(2027, 3, 1)
    assert forms["record_access"].initial["planned_date"] is None
    assert forms["econsult"].initial["step"] == Step.CONNECTED


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


def test_a_coalition_column_and_filter_only_for_who_sees_several(
    client_for, lead, office, coalition, other_coalition
):
    PracticeFactory(coalition=coalition, name="Praktijk Hier")
    PracticeFactory(coalition=other_coalition, name="Praktijk Daar")
    mine = client_for(lead).get(LIST)
    assert "coalition" not in mine.context["filter"].form.fields
    assert "coalition" not in [c.name for c in mine.context["table"].columns]
    r = client_for(office).get(LIST)
    assert "coalition" in r.context["filter"].form.fields
    columns = [c.name for c in r.context["table"].columns]
    assert columns[:2] == ["name", "coalition"]
    html = r.content.decode()
    assert ">Coalitie<" in html and other_coalition.name in html
    only = client_for(office).get(LIST + f"?coalition={other_coalition.slug}")
    assert [p.name for p in only.context["table"].data] == ["Praktijk Daar"]
    assert f'<option value="{other_coalition.slug}" selected' in only.content.decode()
    # ?coalition= is a slug on every page: a primary key is not one of the choices
    by_pk = client_for(office).get(LIST + f"?coalition={other_coalition.pk}")
    assert "coalition" in by_pk.context["filter"].errors
    export = client_for(office).get(LIST + "?export=xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert [c.value for c in ws[1]][1] == "Coalitie"


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
