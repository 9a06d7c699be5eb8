"""The registry's pages: scoping, the list with its filters, sorting, download and
bulk change, the detail page and its rollout change, registering by hand."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.urls import reverse

from coalition.models import Vendor
from practices.models import Practice, Rollout, RolloutChange, Step
from tests.factories import PracticeFactory, VendorFactory

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


def test_a_lead_of_two_coalitions_gets_the_column_without_counting(
    client_for, lead, coalition, other_coalition
):
    """A lead's coalitions are those of their memberships: no count query for it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coalition import access
    from coalition.services import membership_create

    PracticeFactory(coalition=coalition, name="Praktijk Hier")
    client = client_for(lead)
    client.get(LIST)
    with CaptureQueriesContext(connection) as one:
        client.get(LIST)
    assert not [q for q in one.captured_queries if "COUNT(*) FROM (SELECT" in q["sql"]]
    membership_create(user=lead, role="lead", coalition=other_coalition)
    access.forget_scope(lead)
    r = client_for(lead).get(LIST)
    assert "coalition" in r.context["filter"].form.fields
    assert "coalition" in [c.name for c in r.context["table"].columns]
