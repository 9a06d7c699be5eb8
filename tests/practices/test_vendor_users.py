"""Vendors' people on the platform (issue 16): the office and a lead invite them, an
existing account accepts itself, and the demo has two of them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from coalition import access
from coalition.models import EmailMessage, Membership, Role

pytestmark = pytest.mark.django_db


def test_the_office_invites_a_vendors_user_who_then_sees_that_vendor(
    office, client_for, his
):
    client = client_for(office)
    form = client.get(reverse("coalition:invite")).context["form"]
    assert [c for c, _l in form.fields["role"].choices] == [Role.VENDOR]
    response = client.post(
        reverse("coalition:invite"),
        {"email": "nieuw@medisys.test", "role": Role.VENDOR, "vendor": his.pk},
    )
    assert response.status_code == 302
    invited = Membership.objects.get(user__email="nieuw@medisys.test")
    assert (invited.role, invited.vendor, invited.coalition) == (Role.VENDOR, his, None)
    mail = EmailMessage.objects.get(to="nieuw@medisys.test")
    assert "Medisys HIS" in mail.subject and "wachtwoord" in mail.body
    assert access.own_vendors(invited.user).get() == his


def test_a_lead_invites_only_people_of_vendors_its_coalition_works_with(
    lead, client_for, his, other_vendor, coalition, practice
):
    practice.his_vendor = his
    practice.save()
    client = client_for(lead)
    url = reverse("coalition:invite")
    refused = client.post(
        url,
        {
            "email": "x@ander.test",
            "role": Role.VENDOR,
            "vendor": other_vendor.pk,
            "coalition": coalition.pk,
        },
    )
    assert refused.status_code == 200 and "vendor" in refused.context["form"].errors
    assert (
        client.post(
            url,
            {
                "email": "y@medisys.test",
                "role": Role.VENDOR,
                "vendor": his.pk,
                "coalition": coalition.pk,
            },
        ).status_code
        == 302
    )
    assert Membership.objects.get(user__email="y@medisys.test").vendor == his
    assert not Membership.objects.filter(user__email="x@ander.test").exists()


def test_an_existing_account_accepts_a_vendor_invitation_itself(
    office, his, practice_user, client
):
    from coalition.services import invitation_accept, vendor_user_invite

    assert vendor_user_invite(by=office, email=practice_user.email, vendor=his) is None
    assert not Membership.objects.filter(user=practice_user, role=Role.VENDOR).exists()
    mail = EmailMessage.objects.get(to=practice_user.email)
    token = mail.body.split("/uitnodiging/")[1].split("/")[0]
    membership = invitation_accept(token=token, user=practice_user)
    assert membership.vendor == his and membership.coalition is None
