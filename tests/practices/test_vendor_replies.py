"""The coalition's reply to the vendor in a bottleneck's thread (issue 16): only that
vendor's users read it, without personal data, once mailed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coalition import access
from coalition.models import AuditEvent, EmailMessage, Role
from practices.visits import services, vendor
from practices.visits.models import CoalitionReply, VendorAnswer, VisitNotice
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


REPLY = (
    "Het gebeurt alleen in {name}; bel de assistente op 06-87654321 of mail "
    "balie@praktijk.test. Het lukt ook niet in Edge."
)


def test_the_lead_replies_and_only_that_vendors_users_read_it_once_mailed(
    passed_on, lead, vendor_user, other_vendor_user, client_for, his, practice
):
    colleague = user_with_role(Role.VENDOR, vendor=his, email="tweede@medisys.test")
    vendor.vendor_answer_create(
        by=vendor_user,
        bottleneck=passed_on,
        kind=VendorAnswer.Kind.NOT_REPRODUCIBLE,
        text="Welke browser gebruikt de praktijk?",
    )
    EmailMessage.objects.all().delete()
    lead_client = client_for(lead)
    detail = reverse("visits:bottleneck_detail", kwargs={"pk": passed_on.pk})
    assert "Reageren aan de leverancier" in lead_client.get(detail).content.decode()
    url = reverse("visits:bottleneck_vendor_reply", kwargs={"pk": passed_on.pk})
    assert lead_client.post(url, {"text": "  "}).status_code == 400
    response = lead_client.post(url, {"text": REPLY.format(name=practice.name)})
    assert response.status_code == 302
    reply = CoalitionReply.objects.get()
    assert (reply.vendor, reply.author) == (his, lead)

    # the lead reads it whole in the thread, after the vendor's question
    page = lead_client.get(detail)
    assert [e.is_reply for e in page.context["entries"]] == [False, True]
    assert "06-87654321" in page.content.decode()

    # the vendor reads it without personal data, on its page and in its inbox
    client = client_for(vendor_user)
    html = client.get(
        reverse("visits:vendor_bottleneck", kwargs={"pk": passed_on.pk})
    ).content.decode()
    assert "Reactie van de coalitie" in html and "Het lukt ook niet in Edge." in html
    for personal in (practice.name, "06-87654321", "balie@praktijk.test"):
        assert personal not in html
    home = client.get(reverse("visits:vendor_home")).content.decode()
    assert "nieuwe reactie van de coalitie" in home

    # one e-mail per user of that vendor, none to anyone else, without personal data
    mails = EmailMessage.objects.filter(key__startswith="visits:coalition-reply:")
    assert sorted(mails.values_list("to", flat=True)) == sorted(
        [vendor_user.email, colleague.email]
    )
    body = mails.first().body
    assert "Het lukt ook niet in Edge." in body
    assert "06-87654321" not in body and practice.name not in body
    assert (
        VisitNotice.objects.filter(kind=VisitNotice.Kind.COALITION_REPLY).count() == 2
    )

    # another vendor sees nothing of it
    assert not access.visible_coalition_replies(other_vendor_user).exists()
    other = client_for(other_vendor_user).get(reverse("visits:vendor_home"))
    assert "Edge" not in other.content.decode()
    assert AuditEvent.objects.filter(
        url_name="visits:bottleneck_vendor_reply", event="change", user=lead
    ).exists()


def test_a_vendor_or_a_lead_of_another_coalition_cannot_reply(
    passed_on, vendor_user, other_lead, client_for
):
    url = reverse("visits:bottleneck_vendor_reply", kwargs={"pk": passed_on.pk})
    assert client_for(vendor_user).post(url, {"text": "Hallo"}).status_code == 403
    assert client_for(other_lead).post(url, {"text": "Hallo"}).status_code == 404
    for user in (vendor_user, other_lead):
        assert not access.can_reply_to_vendor(user, passed_on)
    assert not CoalitionReply.objects.exists()
    assert not EmailMessage.objects.filter(
        key__startswith="visits:coalition-reply:"
    ).exists()


def test_no_reply_once_the_coalition_resolved_it_and_none_too_long(
    passed_on, lead, vendor_user, client_for
):
    too_long = "x" * (CoalitionReply.MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as exc:
        vendor.coalition_reply_create(by=lead, bottleneck=passed_on, text=too_long)
    assert "text" in exc.value.error_dict
    services.bottleneck_resolve(by=lead, bottleneck=passed_on, resolution="Opgelost.")
    # resolved since the page was opened: the reply and a vendor's answer are refused
    with pytest.raises(ValidationError, match="al opgelost"):
        vendor.coalition_reply_create(by=lead, bottleneck=passed_on, text="Nog iets")
    with pytest.raises(ValidationError, match="al opgelost"):
        vendor.vendor_answer_create(
            by=vendor_user, bottleneck=passed_on, kind="acknowledged"
        )
    assert not CoalitionReply.objects.exists() and not VendorAnswer.objects.exists()
    passed_on.refresh_from_db()
    assert not access.can_reply_to_vendor(lead, passed_on)
    page = client_for(lead).get(
        reverse("visits:bottleneck_detail", kwargs={"pk": passed_on.pk})
    )
    assert "reply_form" not in page.context
