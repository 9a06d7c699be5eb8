"""Issue 11.8: the programme office founds a coalition (member organisations and its
first lead, invited through the invitation flow), edits its details and sees its
leads."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from coalition import access, services
from coalition.models import Coalition, Membership, Role, User
from tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def founding_post(**extra) -> dict:
    data = {
        "name": "Coalitie Online Twente",
        "slug": "twente",
        "region": "Twente",
        "province": "OV",
        "contact_email": "projectbureau@twente.test",
        "lead_email": "Lotte@Twente.test",
        "lead_first_name": "Lotte",
        "lead_last_name": "Brink",
        "members-TOTAL_FORMS": "4",
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "10",
        "members-0-name": "Huisartsenkring Twente",
        "members-0-kind": "lhv_kring",
        "members-1-name": "Zorggroep Almelo",
        "members-1-kind": "zorggroep",
        "members-1-contact_name": "Henk Smit",
        "members-1-contact_email": "henk@almelo.test",
    }
    data.update(extra)
    return data


def test_the_office_founds_a_coalition_and_its_lead_is_invited(
    client_for, office, django_capture_on_commit_callbacks
):
    client = client_for(office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coalition:office_coalition_create"), founding_post()
        )
    assert response.status_code == 302
    coalition = Coalition.objects.get(slug="twente")
    assert response["Location"] == reverse(
        "coalition:office_coalition_detail", args=["twente"]
    )
    assert sorted(coalition.member_organisations.values_list("name", flat=True)) == [
        "Huisartsenkring Twente",
        "Zorggroep Almelo",
    ]
    lead = User.objects.get(email="lotte@twente.test")
    assert Membership.objects.filter(
        user=lead, role=Role.LEAD, coalition=coalition
    ).exists()
    assert not lead.has_usable_password()
    assert [m.to for m in mail.outbox] == [["lotte@twente.test"]]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    # The coalition's own history names the office.
    assert coalition.history.first().history_user == office

    page = client.get(response["Location"]).content.decode()
    assert "lotte@twente.test" in page
    assert "uitgenodigd, nog geen wachtwoord gekozen" in page


def test_a_coalition_needs_two_members(client_for, office):
    response = client_for(office).post(
        reverse("coalition:office_coalition_create"),
        founding_post(**{"members-1-name": "", "members-1-kind": ""}),
    )
    assert response.status_code == 200
    assert (
        "Een coalitie bestaat uit minstens twee lidorganisaties."
        in response.content.decode()
    )
    assert not Coalition.objects.filter(slug="twente").exists()
    assert not User.objects.filter(email="lotte@twente.test").exists()


def test_an_existing_account_accepts_the_offices_invitation(
    client, office, django_capture_on_commit_callbacks
):
    existing = UserFactory(email="lotte@twente.test")
    with django_capture_on_commit_callbacks(execute=True):
        from coalition import services_orgs

        coalition = services_orgs.coalition_found(
            by=office,
            name="Coalitie Online Twente",
            slug="twente",
            region="Twente",
            members=[
                {"name": "Kring Twente", "kind": "lhv_kring"},
                {"name": "Zorggroep Almelo", "kind": "zorggroep"},
            ],
            lead_email="lotte@twente.test",
        )
    # Nothing changes until the owner accepts, logged in as themselves.
    assert not access.managed_coalitions(existing).exists()
    token = re.search(r"/uitnodiging/([^/]+)/", mail.outbox[-1].body)[1]
    offer = services.invitation_read(token=token, user=existing)
    assert offer["coalition"] == coalition and offer["role"] == Role.LEAD
    services.invitation_accept(token=token, user=existing)
    access.forget_scope(existing)
    assert list(access.managed_coalitions(existing)) == [coalition]


def test_the_office_edits_details_but_not_the_short_name(client_for, office, coalition):
    client = client_for(office)
    url = reverse("coalition:office_coalition_edit", args=[coalition.slug])
    response = client.post(
        url,
        {
            "name": "Coalitie A Nieuw",
            "slug": "gekaapt",
            "region": "Regio A",
            "province": "UT",
            "contact_email": "info@a.test",
        },
    )
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert (coalition.name, coalition.slug, coalition.province) == (
        "Coalitie A Nieuw",
        "coalitie-a",
        "UT",
    )
    assert coalition.history.first().history_user == office


def test_the_office_invites_a_further_lead(
    client_for, office, coalition, lead, django_capture_on_commit_callbacks
):
    client = client_for(office)
    url = reverse("coalition:office_coalition_detail", args=[coalition.slug])
    assert lead.email in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"lead_email": "tweede@a.test"})
    assert response.status_code == 302
    assert Membership.objects.filter(
        user__email="tweede@a.test", role=Role.LEAD, coalition=coalition
    ).exists()


@pytest.mark.parametrize("role", [Role.LEAD, Role.FUNDER, Role.TRAINER])
def test_nobody_but_the_office_founds_or_invites_leads(role, coalition, client_for):
    user = user_with_role(role, coalition=coalition)
    client = client_for(user)
    founded = client.post(
        reverse("coalition:office_coalition_create"), founding_post(slug="x")
    )
    assert founded.status_code == 403
    edit = reverse("coalition:office_coalition_edit", args=[coalition.slug])
    assert client.post(edit, {"name": "Y"}).status_code == 403
    detail = reverse("coalition:office_coalition_detail", args=[coalition.slug])
    assert client.post(detail, {"lead_email": "x@x.test"}).status_code == 403
    assert not Coalition.objects.filter(slug="x").exists()
    coalition.refresh_from_db()
    assert coalition.name != "Y"
    for email in ("x@x.test", "lotte@twente.test"):
        assert not User.objects.filter(email__iexact=email).exists()
    assert not mail.outbox


def test_the_office_list_shows_every_coalition_with_its_leads(
    client_for, office, coalition, other_coalition, lead, django_assert_num_queries
):
    client = client_for(office)
    url = reverse("coalition:office_coalition_list")
    page = client.get(url).content.decode()
    assert lead.email in page and other_coalition.name in page
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    for i in range(3):
        extra = user_with_role(Role.LEAD, coalition=other_coalition)
        assert extra.pk
        user_with_role(Role.LEAD, email=f"lead{i}@extra.test")
    with django_assert_num_queries(len(ctx)):
        client.get(url)
