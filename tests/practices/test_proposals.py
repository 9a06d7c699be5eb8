"""Change proposals (issue 11.13): the practice proposes, its lead accepts or rejects,
and the accepted change stays in the practice's history with both names. Also: the
person who registers a colleague for a training gets a copy of the e-mails."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coalition.models import EmailMessage, Role, Vendor
from practices import proposals
from practices.models import ChangeProposal
from tests.factories import PracticeFactory, VendorFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    return VendorFactory(name="Nieuw Portaal", kind=Vendor.Kind.PORTAL)


def test_practice_user_proposes_only_what_changes(practice, practice_user, portal):
    proposal = proposals.proposal_create(
        practice=practice,
        by=practice_user,
        values={
            "list_size": 3400,
            "portal_vendor": portal,
            "phone": " 010 765 43 21 ",
            "email": "",  # unchanged (empty before)
            "his_vendor": None,  # unchanged
        },
        note="We zijn gegroeid.",
    )
    assert proposal.changes == {
        "list_size": 3400,
        "portal_vendor": portal.pk,
        "phone": "010 765 43 21",
    }
    assert proposal.previous == {
        "list_size": 3000,
        "portal_vendor": None,
        "phone": "",
    }
    practice.refresh_from_db()
    assert practice.list_size == 3000  # nothing changes before the lead decides


def test_nothing_changed_is_no_proposal(practice, practice_user):
    with pytest.raises(ValidationError, match="niets gewijzigd"):
        proposals.proposal_create(
            practice=practice, by=practice_user, values={"list_size": 3000}
        )
    assert not ChangeProposal.objects.exists()


def test_invalid_value_is_refused_before_the_lead_sees_it(practice, practice_user):
    his_only = VendorFactory(name="Alleen HIS", kind=Vendor.Kind.HIS)
    with pytest.raises(ValidationError):
        proposals.proposal_create(
            practice=practice, by=practice_user, values={"portal_vendor": his_only}
        )


def test_accept_writes_the_change_with_both_names(
    practice, practice_user, lead, portal
):
    proposal = proposals.proposal_create(
        practice=practice,
        by=practice_user,
        values={"list_size": 3400, "portal_vendor": portal},
    )
    proposals.proposal_accept(proposal=proposal, by=lead)
    practice.refresh_from_db()
    assert (practice.list_size, practice.portal_vendor) == (3400, portal)
    proposal.refresh_from_db()
    assert proposal.status == ChangeProposal.Status.ACCEPTED
    assert (proposal.proposed_by, proposal.decided_by) == (practice_user, lead)
    record = practice.history.order_by("-history_date").first()
    assert record.history_user == lead
    assert record.list_size == 3400
    assert record.history_change_reason == (
        f"Voorstel van {practice_user.get_full_name()}, "
        f"overgenomen door {lead.get_full_name()}"
    )
    with pytest.raises(ValidationError, match="al besloten"):
        proposals.proposal_accept(proposal=proposal, by=lead)


def test_reject_keeps_the_registry(practice, practice_user, lead):
    proposal = proposals.proposal_create(
        practice=practice, by=practice_user, values={"phone": "010 1"}
    )
    proposals.proposal_reject(proposal=proposal, by=lead, reason="Nummer klopt niet")
    practice.refresh_from_db()
    assert practice.phone == ""
    proposal.refresh_from_db()
    assert proposal.status == ChangeProposal.Status.REJECTED
    assert proposal.decision_note == "Nummer klopt niet"


def test_lead_of_another_coalition_cannot_decide(
    practice, practice_user, other_lead, client_for
):
    proposal = proposals.proposal_create(
        practice=practice, by=practice_user, values={"phone": "010 1"}
    )
    url = reverse("practices:proposal_decide", args=[proposal.pk])
    response = client_for(other_lead).post(url, {"decision": "accept"})
    assert response.status_code == 404
    proposal.refresh_from_db()
    practice.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == (
        ChangeProposal.Status.PENDING,
        None,
    )
    assert practice.phone == ""


def test_the_pages_propose_and_decide(client_for, practice, practice_user, lead):
    client = client_for(practice_user)
    url = reverse("practices:proposal_create", args=[practice.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "list_size": "3100",
            "portal_vendor": "",
            "his_vendor": "",
            "phone": "010 222 33 44",
            "email": "balie@praktijk.test",
            "note": "",
        },
    )
    assert response.status_code == 302
    proposal = ChangeProposal.objects.get()
    detail = client.get(reverse("practices:detail", args=[practice.pk]))
    assert "010 222 33 44" in detail.content.decode()
    assert "Overnemen" not in detail.content.decode()  # the practice cannot decide

    lead_client = client_for(lead)
    html = lead_client.get(
        reverse("practices:detail", args=[practice.pk])
    ).content.decode()
    assert "Wachten op beoordeling" in html and "Overnemen" in html
    lead_client.post(
        reverse("practices:proposal_decide", args=[proposal.pk]),
        {"decision": "accept"},
    )
    practice.refresh_from_db()
    assert (practice.list_size, practice.phone, practice.email) == (
        3100,
        "010 222 33 44",
        "balie@praktijk.test",
    )
    html = lead_client.get(
        reverse("practices:detail", args=[practice.pk])
    ).content.decode()
    assert "Eerder beoordeeld" in html and str(practice_user) in html


def test_the_proposal_page_is_refused_to_others(client_for, practice, lead, coalition):
    other = user_with_role(Role.PRACTICE, practice=PracticeFactory(coalition=coalition))
    url = reverse("practices:proposal_create", args=[practice.pk])
    assert client_for(other).get(url).status_code == 404
    assert client_for(lead).get(url).status_code == 403


# --- copies of training registration e-mails ------------------------------------------


def test_registrar_gets_a_copy_of_the_registration_mail(practice, practice_user):
    from tests.training.factories import CourseFactory, SessionFactory
    from training import services as training_services

    session = SessionFactory(course=CourseFactory(coalition=practice.coalition))
    reg = training_services.registration_create(
        session=session,
        practice=practice,
        name="Anna de Vries",
        email="anna@praktijk.test",
        role="assistant",
        by=practice_user,
    )
    copy = EmailMessage.objects.get(key=f"training:confirmed:{reg.pk}:copy")
    assert copy.to == practice_user.email
    assert copy.subject.startswith("Kopie: Aanmelding bevestigd")
    assert "Anna de Vries" in copy.body
    # registering oneself sends no copy
    own = training_services.registration_create(
        session=session,
        practice=practice,
        name="Zelf",
        email=practice_user.email,
        role="gp",
        by=practice_user,
    )
    assert not EmailMessage.objects.filter(key__endswith=f":{own.pk}:copy").exists()
