"""Scoping per role: what each role sees, and that nothing outside it leaks (404)."""

from __future__ import annotations

import datetime as dt

import pytest

from coalition import access
from coalition.models import Role
from tests.factories import (
    FrameworkAgreementFactory,
    GrantFactory,
    PracticeFactory,
    VendorFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_regions(coalition, other_coalition):
    a1, a2 = PracticeFactory(coalition=coalition), PracticeFactory(coalition=coalition)
    b1 = PracticeFactory(coalition=other_coalition)
    va, vb = VendorFactory(name="Portaal A"), VendorFactory(name="Portaal B")
    FrameworkAgreementFactory(coalition=coalition, vendor=va)
    FrameworkAgreementFactory(coalition=other_coalition, vendor=vb)
    GrantFactory(coalition=coalition)
    GrantFactory(coalition=other_coalition)
    return {"a": [a1, a2], "b": [b1], "va": va, "vb": vb}


def test_lead_sees_own_coalition_only(lead, coalition, other_coalition, two_regions):
    assert set(access.visible_practices(lead)) == set(two_regions["a"])
    assert list(access.visible_coalitions(lead)) == [coalition]
    assert set(access.visible_vendors(lead)) == {two_regions["va"]}
    assert {g.coalition for g in access.visible_grants(lead)} == {coalition}
    assert access.can_manage_coalition(lead, coalition)
    assert not access.can_manage_coalition(lead, other_coalition)


def test_practice_user_sees_own_practice_only(practice_user, practice, two_regions):
    assert list(access.visible_practices(practice_user)) == [practice]
    assert access.can_edit_practice(practice_user, practice)
    assert not access.can_manage_practice(practice_user, practice)
    assert not access.can_edit_practice(practice_user, two_regions["a"][0])
    assert not access.visible_vendors(practice_user).exists()
    assert not access.can_use_cms(practice_user)


def test_funder_sees_no_practice_level_data(funder, coalition, two_regions):
    assert not access.visible_practices(funder).exists()
    assert not access.can_see_practice_level(funder)
    assert list(access.report_coalitions(funder)) == [coalition]
    assert {g.coalition for g in access.visible_grants(funder)} == {coalition}


def test_trainer_sees_no_practice_list(trainer, two_regions):
    assert not access.visible_practices(trainer).exists()
    assert not access.visible_vendors(trainer).exists()


def test_office_sees_everything(office, two_regions):
    assert access.visible_practices(office).count() == 3
    assert access.visible_coalitions(office).count() == 2
    assert access.visible_vendors(office).count() == 2
    assert not access.can_manage_coalition(office, two_regions["a"][0].coalition)


def test_user_without_membership_sees_nothing(db, two_regions):
    from tests.factories import UserFactory

    nobody = UserFactory()
    assert not access.visible_practices(nobody).exists()
    assert not access.visible_coalitions(nobody).exists()
    assert access.roles(nobody) == frozenset()


def test_user_with_two_roles_gets_both_scopes(coalition, other_coalition, two_regions):
    from coalition.services import membership_create

    user = user_with_role(Role.LEAD, coalition=coalition)
    membership_create(user=user, role=Role.TRAINER, coalition=other_coalition)
    access.forget_scope(user)
    assert access.roles(user) == {Role.LEAD, Role.TRAINER}
    assert set(access.visible_practices(user)) == set(two_regions["a"])


# --- pages --------------------------------------------------------------------------


def test_lead_of_other_coalition_gets_404(
    client_for, lead, other_coalition, two_regions
):
    client = client_for(lead)
    assert client.get("/coalities/coalitie-a/").status_code == 200
    assert client.get(f"/coalities/{other_coalition.slug}/").status_code == 404
    assert (
        client.get(f"/praktijken/leveranciers/{two_regions['vb'].pk}/").status_code
        == 404
    )
    assert (
        client.get(f"/praktijken/leveranciers/{two_regions['va'].pk}/").status_code
        == 200
    )


def test_nonexistent_and_foreign_answer_alike(client_for, lead, other_coalition):
    client = client_for(lead)
    foreign = client.get(f"/coalities/{other_coalition.slug}/")
    missing = client.get("/coalities/bestaat-niet/")
    assert foreign.status_code == missing.status_code == 404


@pytest.mark.parametrize("role", ["funder", "trainer", "practice_user"])
def test_roles_without_registry_get_403_on_lead_pages(request, client_for, role):
    user = request.getfixturevalue(role)
    client = client_for(user)
    for url in (
        "/coalities/",
        "/praktijken/leveranciers/",
        "/gebruikers/",
        "/gebruikers/uitnodigen/",
    ):
        assert client.get(url).status_code == 403, url


def test_anonymous_is_sent_to_login(client):
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_cms_only_for_leads(client_for, lead, practice_user, trainer):
    assert client_for(lead).get("/cms/").status_code == 200
    for user in (practice_user, trainer):
        client = client_for(user)
        response = client.get("/cms/")
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert (
                "/cms/" not in response["Location"] or "login" in response["Location"]
            )


@pytest.mark.parametrize(
    ("fixture", "marker"),
    [
        ("lead", "Projectleiding"),
        ("office", "Alle coalities naast elkaar"),
        ("funder", "Gefinancierde coalities"),
        ("practice_user", "Uw praktijk"),
        ("trainer", "U geeft scholing voor"),
    ],
)
def test_each_role_gets_its_own_start_page(request, client_for, fixture, marker):
    user = request.getfixturevalue(fixture)
    response = client_for(user).get("/start/")
    assert response.status_code == 200
    assert marker in response.content.decode()


def test_a_coalition_needs_two_member_organisations(db):
    from django.core.exceptions import ValidationError

    from coalition.services import coalition_create

    with pytest.raises(ValidationError, match="minstens twee"):
        coalition_create(
            name="Te klein", slug="te-klein", region="X", members=[("Eén", "zorggroep")]
        )
    from coalition.models import Coalition

    assert not Coalition.objects.filter(slug="te-klein").exists()
    coalition = coalition_create(
        name="Groot genoeg",
        slug="groot",
        region="X",
        members=[("Kring", "lhv_kring"), ("Zorggroep", "zorggroep")],
    )
    assert coalition.is_complete


def test_office_and_funder_compare_go_live_side_by_side(
    client_for, office, funder, coalition, other_coalition
):
    from practices.models import Step
    from tests.practices.factories import RolloutFactory

    live = PracticeFactory(coalition=coalition)
    PracticeFactory(coalition=coalition)
    PracticeFactory(coalition=other_coalition)
    RolloutFactory(
        practice=live,
        service="record_access",
        step=Step.LIVE,
        live_date=dt.date(2026, 6, 1),
    )
    office_page = client_for(office).get("/start/").content.decode()
    assert "Live met online inzage" in office_page
    assert "50%" in office_page  # one of Coalitie A's two practices is live
    assert "Coalitie B" in office_page
    funder_page = client_for(funder).get("/start/").content.decode()
    assert "50%" in funder_page
    assert "Coalitie B" not in funder_page
