"""Issue 11.1: a lead keeps the coalition's member organisations — add, edit, end with
a date — and the coalition rule (at least two members) holds on every change."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coalition import services_orgs
from coalition.models import MemberOrganisation
from tests.factories import MemberOrganisationFactory, PracticeFactory

pytestmark = pytest.mark.django_db

RULE = "Een coalitie bestaat uit minstens twee lidorganisaties"


def test_ending_one_of_two_members_is_refused_with_the_rule(coalition, lead):
    first = coalition.member_organisations.order_by("pk").first()
    with pytest.raises(ValidationError) as exc:
        services_orgs.member_organisation_end(
            by=lead, organisation=first, ended_on=dt.date(2026, 6, 30)
        )
    assert RULE in exc.value.messages[0]
    first.refresh_from_db()
    assert first.ended_on is None
    assert coalition.is_complete


def test_a_third_member_can_end_and_then_the_rule_holds_again(coalition, lead):
    third = services_orgs.member_organisation_create(
        by=lead,
        coalition=coalition,
        name="Zorggroep Delta",
        kind=MemberOrganisation.Kind.ZORGGROEP,
        contact_name="Anna de Vries",
        contact_email="anna@delta.test",
    )
    services_orgs.member_organisation_end(
        by=lead, organisation=third, ended_on=dt.date(2026, 6, 30)
    )
    third.refresh_from_db()
    assert third.ended_on == dt.date(2026, 6, 30)
    assert list(coalition.member_organisations.current()) == list(
        coalition.member_organisations.exclude(pk=third.pk)
    )
    # Two current members are left: neither may end now.
    for org in coalition.member_organisations.current():
        with pytest.raises(ValidationError):
            services_orgs.member_organisation_end(
                by=lead, organisation=org, ended_on=dt.date(2026, 7, 1)
            )


def test_a_member_with_active_practices_cannot_end(coalition, lead):
    org = MemberOrganisationFactory(coalition=coalition, name="Netwerk Noord")
    PracticeFactory(coalition=coalition, member_organisation=org)
    PracticeFactory(coalition=coalition, member_organisation=org, is_active=False)
    with pytest.raises(ValidationError) as exc:
        services_orgs.member_organisation_end(
            by=lead, organisation=org, ended_on=dt.date(2026, 6, 30)
        )
    assert "nog 1 actieve praktijk" in exc.value.messages[0]


def test_ending_twice_and_implausible_dates_are_refused(coalition, lead):
    org = MemberOrganisationFactory(coalition=coalition)
    with pytest.raises(ValidationError):
        services_orgs.member_organisation_end(
            by=lead, organisation=org, ended_on=dt.date(1926, 6, 30)
        )
    services_orgs.member_organisation_end(
        by=lead, organisation=org, ended_on=dt.date(2026, 6, 30)
    )
    with pytest.raises(ValidationError, match="al beëindigd"):
        services_orgs.member_organisation_end(
            by=lead, organisation=org, ended_on=dt.date(2026, 7, 30)
        )


def test_another_coalitions_lead_changes_nothing(
    coalition, other_coalition, other_lead, client_for
):
    org = coalition.member_organisations.first()
    n_members = coalition.member_organisations.count()
    client = client_for(other_lead)
    changed = {"name": "Overgenomen", "kind": "zorggroep"}
    for name in ("member_org_edit", "member_org_end"):
        url = reverse(f"coalition:{name}", args=[org.pk])
        assert (
            client.post(url, {**changed, "ended_on": "2026-06-30"}).status_code == 404
        )
    # creating adds to the lead's own coalition, whatever coalition is posted
    client.post(
        reverse("coalition:member_org_create"),
        {**changed, "name": "X", "coalition": coalition.pk},
    )
    org.refresh_from_db()
    assert org.name != "Overgenomen" and org.ended_on is None
    assert coalition.member_organisations.count() == n_members
    assert other_coalition.member_organisations.filter(name="X").exists()


def test_a_change_keeps_who_and_what_in_history(coalition, lead):
    org = coalition.member_organisations.order_by("pk").first()
    old = org.name
    services_orgs.member_organisation_update(
        by=lead, organisation=org, name="Kring Rijnmond", contact_phone="010-1234567"
    )
    last = org.history.order_by("-history_date", "-pk").first()
    assert last.history_user == lead
    assert last.name == "Kring Rijnmond"
    assert org.history.order_by("-history_date", "-pk")[1].name == old


def test_pages_add_edit_and_end_a_member(client_for, coalition, lead):
    client = client_for(lead)
    response = client.post(
        reverse("coalition:member_org_create"),
        {"name": "Huisartsencoöperatie Zuid", "kind": "cooperative"},
    )
    org = MemberOrganisation.objects.get(name="Huisartsencoöperatie Zuid")
    assert response.status_code == 302
    assert response["Location"] == reverse("coalition:member_org_detail", args=[org.pk])

    response = client.post(
        reverse("coalition:member_org_edit", args=[org.pk]),
        {
            "name": "Huisartsencoöperatie Zuid",
            "kind": "cooperative",
            "contact_name": "Bas Jansen",
            "contact_email": "bas@zuid.test",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("coalition:member_org_detail", args=[org.pk]))
    assert "Bas Jansen" in page.content.decode()
    assert "Geschiedenis" in page.content.decode()

    response = client.post(
        reverse("coalition:member_org_end", args=[org.pk]),
        {"ended_on": "2026-12-31"},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.ended_on == dt.date(2026, 12, 31)

    # Now only two remain: the end page explains why it refuses.
    other = coalition.member_organisations.current().first()
    response = client.post(
        reverse("coalition:member_org_end", args=[other.pk]),
        {"ended_on": "2026-12-31"},
    )
    assert response.status_code == 200
    assert RULE in response.content.decode()
    other.refresh_from_db()
    assert other.ended_on is None


def test_list_shows_practices_and_exports_the_same_columns(
    client_for, coalition, lead, other_coalition
):
    org = coalition.member_organisations.order_by("pk").first()
    PracticeFactory(coalition=coalition, member_organisation=org, list_size=4200)
    MemberOrganisationFactory(coalition=other_coalition, name="Niet van A")
    client = client_for(lead)
    page = client.get(reverse("coalition:member_org_list")).content.decode()
    assert org.name in page
    assert "Niet van A" not in page
    assert "4.200" in page
    response = client.get(reverse("coalition:member_org_list") + "?export=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "Lidorganisatie"
    names = {r[0] for r in rows[1:]}
    assert names == set(coalition.member_organisations.values_list("name", flat=True))
    assert 4200 in {r[6] for r in rows[1:]}


def test_the_list_runs_the_same_queries_for_more_members(
    client_for, coalition, lead, django_assert_num_queries
):
    client = client_for(lead)
    url = reverse("coalition:member_org_list")
    client.get(url)

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    small = count()
    for i in range(5):
        org = MemberOrganisationFactory(coalition=coalition, name=f"Extra {i}")
        PracticeFactory(coalition=coalition, member_organisation=org)
    with django_assert_num_queries(small):
        client.get(url)


def test_an_ended_member_takes_no_new_practices(coalition, lead):
    from practices.forms import PracticeForm
    from practices.models import Practice

    ended = MemberOrganisationFactory(coalition=coalition, name="Gestopt")
    services_orgs.member_organisation_end(
        by=lead, organisation=ended, ended_on=dt.date(2026, 1, 31)
    )
    form = PracticeForm(
        instance=Practice(coalition=coalition), editable=("member_organisation",)
    )
    offered = set(form.fields["member_organisation"].queryset)
    assert ended not in offered
    assert offered == set(coalition.member_organisations.current())
