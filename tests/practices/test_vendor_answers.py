"""A vendor's user answers what was passed on to its vendor (issue 16): the reporter
hears of it, the vendor reads no practice or person, and no vendor sees another
vendor's anything."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coalition import access
from coalition.middleware import mfa_required
from coalition.models import AuditEvent, EmailMessage
from practices.visits import vendor
from practices.visits.models import VendorAnswer, VisitNotice
from tests.factories import PracticeFactory, ProductVersionFactory
from tests.practices.visits_factories import BottleneckFactory

pytestmark = pytest.mark.django_db


def test_a_vendor_user_must_use_two_factor_login(vendor_user):
    assert mfa_required(vendor_user)


def test_the_vendor_answers_fixed_in_a_version_and_the_reporter_hears_of_it_once(
    passed_on, vendor_user, versions, practice_user, lead
):
    answer = vendor.vendor_answer_create(
        by=vendor_user,
        bottleneck=passed_on,
        kind=VendorAnswer.Kind.FIXED,
        fixed_in=versions["12"],
        text="Versie 12 stuurt uitslagen direct door.",
    )
    assert answer.vendor.name == "Medisys HIS"
    assert answer.fixed_in == versions["12"]
    mails = EmailMessage.objects.filter(key__startswith="visits:vendor-answer:")
    assert sorted(mails.values_list("to", flat=True)) == sorted(
        [practice_user.email, lead.email]
    )
    assert "Medisys HIS" in mails.first().subject
    assert VisitNotice.objects.filter(kind=VisitNotice.Kind.VENDOR_ANSWER).count() == 2


def test_a_fix_lists_the_coalitions_practices_still_on_an_older_version(
    passed_on, vendor_user, versions, coalition, other_coalition, client_for, lead, his
):
    on_9 = PracticeFactory(coalition=coalition, name="Praktijk Negen", his_vendor=his)
    on_9.his_version = versions["9"]
    on_9.save()
    PracticeFactory(
        coalition=coalition,
        name="Praktijk Twaalf",
        his_vendor=his,
        his_version=versions["12"],
    )
    PracticeFactory(
        coalition=other_coalition,
        name="Praktijk Elders",
        his_vendor=his,
        his_version=versions["9"],
    )
    vendor.vendor_answer_create(
        by=vendor_user,
        bottleneck=passed_on,
        kind=VendorAnswer.Kind.FIXED,
        fixed_in=versions["12"],
    )
    page = client_for(lead).get(
        reverse("visits:bottleneck_detail", kwargs={"pk": passed_on.pk})
    )
    html = page.content.decode()
    assert "opgelost in versie" in html and "Medisys 12" in html
    upgrades = {p.name for _v, ps in page.context["upgrades"] for p in ps}
    assert upgrades == {passed_on.practice.name, "Praktijk Negen"}
    assert "Praktijk Negen" in html and "Praktijk Twaalf" not in html


def test_the_version_comes_from_the_vendors_own_product_list(
    passed_on, vendor_user, other_vendor
):
    foreign = ProductVersionFactory(vendor=other_vendor, product="Ander", version="2")
    with pytest.raises(ValidationError) as exc:
        vendor.vendor_answer_create(
            by=vendor_user,
            bottleneck=passed_on,
            kind=VendorAnswer.Kind.FIXED,
            fixed_in=foreign,
        )
    assert "fixed_in" in exc.value.error_dict
    assert not VendorAnswer.objects.exists()


@pytest.mark.parametrize(
    "kind", [VendorAnswer.Kind.NOT_REPRODUCIBLE, VendorAnswer.Kind.WONT_FIX]
)
def test_a_question_back_or_a_refusal_needs_its_text(passed_on, vendor_user, kind):
    with pytest.raises(ValidationError) as exc:
        vendor.vendor_answer_create(by=vendor_user, bottleneck=passed_on, kind=kind)
    assert "text" in exc.value.error_dict
    vendor.vendor_answer_create(
        by=vendor_user, bottleneck=passed_on, kind=kind, text="Welke browser?"
    )
    assert VendorAnswer.objects.get().text == "Welke browser?"


def test_another_vendor_sees_nothing_of_it_and_cannot_answer(
    passed_on, vendor_user, other_vendor_user, client_for
):
    vendor.vendor_answer_create(
        by=vendor_user,
        bottleneck=passed_on,
        kind=VendorAnswer.Kind.ACKNOWLEDGED,
        text="Ontvangen.",
    )
    assert not access.visible_vendor_bottlenecks(other_vendor_user).exists()
    assert not access.visible_vendor_answers(other_vendor_user).exists()
    assert not access.visible_bottlenecks(other_vendor_user).exists()
    assert not access.visible_visits(other_vendor_user).exists()
    assert not access.visible_practices(other_vendor_user).exists()
    assert not access.visible_vendors(other_vendor_user).exists()
    assert not access.vendor_practices_to_count(other_vendor_user).exists()
    assert not access.can_answer_bottleneck(other_vendor_user, passed_on)
    client = client_for(other_vendor_user)
    url = reverse("visits:vendor_bottleneck", kwargs={"pk": passed_on.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"kind": "acknowledged", "text": "Ook"}).status_code == 404
    assert VendorAnswer.objects.count() == 1  # the first vendor's only
    home = client.get(reverse("visits:vendor_home")).content.decode()
    assert "Ontvangen." not in home and "Labuitslagen" not in home
    for name, kwargs in [
        ("visits:bottleneck_detail", {"pk": passed_on.pk}),
        ("visits:bottleneck_list", {}),
        ("visits:visit_list", {}),
        ("practices:vendor_detail", {"pk": passed_on.vendor_id}),
        ("practices:detail", {"pk": passed_on.practice_id}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code in (403, 404)
    assert AuditEvent.objects.filter(
        url_name="visits:vendor_bottleneck", role="vendor", outcome="denied"
    ).exists()


def test_the_vendor_reads_no_practice_or_person_and_answers_on_its_page(
    passed_on, vendor_user, client_for, versions, practice
):
    client = client_for(vendor_user)
    home = client.get(reverse("visits:vendor_home"))
    html = home.content.decode()
    assert "Labuitslagen komen een dag te laat" in html
    assert practice.name not in html
    for personal in ("06-12345678", "assistent@praktijk.test", "123456789"):
        assert personal not in html
    assert passed_on.practice.coalition.name in html
    url = reverse("visits:vendor_bottleneck", kwargs={"pk": passed_on.pk})
    page = client.get(url).content.decode()
    assert practice.name not in page and "06-12345678" not in page
    assert client.post(url, {"kind": "fixed"}).status_code == 400  # no version
    response = client.post(url, {"kind": "fixed", "fixed_in": versions["12"].pk})
    assert response.status_code == 302
    assert VendorAnswer.objects.get().fixed_in == versions["12"]
    home = client.get(reverse("visits:vendor_home")).content.decode()
    assert "opgelost in versie 12" in home
    assert AuditEvent.objects.filter(
        url_name="visits:vendor_bottleneck",
        role="vendor",
        event="change",
        coalition_id=practice.coalition_id,
    ).exists()


def test_the_vendor_sees_counts_per_coalition_and_its_certifications(
    passed_on, vendor_user, versions, coalition, other_coalition, his
):
    PracticeFactory.create_batch(
        2, coalition=other_coalition, his_vendor=his, his_version=versions["12"]
    )
    rows = vendor.vendor_practice_counts(vendor_user)
    assert [(r["coalition"], r["version"], r["n"]) for r in rows] == [
        (coalition.name, "11", 1),
        (other_coalition.name, "12", 2),
    ]


def test_nothing_passed_on_yet_is_not_in_the_vendors_inbox(
    practice, lead, his, vendor_user
):
    BottleneckFactory(practice=practice, vendor=his)  # still open at the coalition
    assert not vendor.vendor_inbox(vendor_user).exists()


def test_description_without_personal_data():
    text = vendor.redact(
        "Bij Praktijk De Linde (3011 AB) belde J. de Vries op 12-03-2026 via "
        "010-1234567 of +31 6 12345678, mail jan@linde.test, BSN 123456789.",
        names=["Praktijk De Linde", "J. de Vries"],
    )
    for personal in (
        "De Linde",
        "3011 AB",
        "de Vries",
        "12-03-2026",
        "1234567",
        "12345678",
        "jan@linde.test",
        "123456789",
    ):
        assert personal not in text
    assert text.startswith("Bij [")


def test_older_versions_compare_numbers_not_text(his):
    for v in ("2024.9", "2024.10", "2025.1"):
        ProductVersionFactory(vendor=his, product="X", version=v)
    fixed = his.product_versions.get(version="2024.10")
    assert [v.version for v in vendor.older_versions(fixed)] == ["2024.9"]
