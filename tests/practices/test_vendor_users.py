"""Vendors' people on the platform (issue 16): the office and a lead invite them, an
existing account accepts itself, and the demo has two of them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from coalition import access
from coalition.models import EmailMessage, Membership, Role, User
from practices.visits import vendor
from practices.visits.models import Bottleneck, VendorAnswer

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


def test_the_demo_has_two_vendor_users_and_one_answered_thread(monkeypatch):
    from coalition.demo import coalition as core_demo
    from coalition.demo import practices as practices_demo
    from coalition.demo import visits as visits_demo

    today = dt.date(2026, 6, 15)
    monkeypatch.setattr(visits_demo, "snapshot_build", lambda practice: {})
    core_demo.core(today=today)
    practices_demo.load(today=today)
    core_demo.users(today=today)
    visits_demo.load(today=today)
    n_answers = VendorAnswer.objects.count()
    visits_demo.load(today=today)
    core_demo.users(today=today)
    assert VendorAnswer.objects.count() == n_answers  # twice gives the same data

    vendor_users = {
        m.user.email: m.vendor.name
        for m in Membership.objects.filter(role=Role.VENDOR).select_related(
            "user", "vendor"
        )
    }
    assert len(vendor_users) == 2 and len(set(vendor_users.values())) == 2
    medisys = User.objects.get(email="leverancier@demo.test")
    threads = {a.bottleneck_id for a in access.visible_vendor_answers(medisys)}
    assert len(threads) == 1
    thread = vendor.thread(medisys, Bottleneck.objects.get(pk=threads.pop()))
    assert [a.kind for a in thread] == ["acknowledged", "in_progress", "fixed"]
    assert vendor.vendor_inbox(medisys).filter(n_answers=0).exists()  # to answer
    portal = User.objects.get(email="leverancier2@demo.test")
    assert vendor.vendor_inbox(portal).exists()
    assert not access.visible_vendor_answers(portal).exists()
    assert {b.vendor_id for b in vendor.vendor_inbox(portal)} == set(
        access.vendor_ids(portal)
    )
    # Zeeland lets vendors see its practice names; Rijnmond shows counts only.
    named = {
        r["coalition"]: r["practices"] is not None
        for r in vendor.vendor_practice_counts(medisys)
    }
    assert named == {
        "Coalitie Online Rijnmond": False,
        "Coalitie Zeeuwse Huisartsen Online": True,
    }
    emails = [email for _r, email, _p in core_demo.logins()]
    assert "leverancier@demo.test" in emails and "leverancier2@demo.test" in emails
