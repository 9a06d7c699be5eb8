"""Vendors in the platform (issue 16): a vendor's user answers what was passed on to
its vendor, the coalition reads the thread, the reporter hears of it, and no vendor
sees another vendor's anything."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coalition import access
from coalition.middleware import mfa_required
from coalition.models import AuditEvent, EmailMessage, Membership, Role, Vendor
from practices.visits import services, vendor
from practices.visits.models import (
    Bottleneck,
    CoalitionReply,
    VendorAnswer,
    VisitNotice,
)
from tests.factories import (
    PracticeFactory,
    ProductVersionFactory,
    VendorFactory,
    user_with_role,
)
from tests.practices.visits_factories import BottleneckFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def his():
    return VendorFactory(name="Medisys HIS", kind=Vendor.Kind.HIS)


@pytest.fixture
def versions(his):
    return {
        v: ProductVersionFactory(vendor=his, product="Medisys", version=v)
        for v in ("9", "11", "12")
    }


@pytest.fixture
def other_vendor():
    return VendorFactory(name="Ander Portaal BV", kind=Vendor.Kind.PORTAL)


@pytest.fixture
def vendor_user(his):
    return user_with_role(Role.VENDOR, vendor=his, email="support@medisys.test")


@pytest.fixture
def other_vendor_user(other_vendor):
    return user_with_role(Role.VENDOR, vendor=other_vendor, email="x@ander.test")


@pytest.fixture
def passed_on(coalition, lead, practice_user, practice, his, versions):
    practice.his_vendor = his
    practice.his_version = versions["11"]
    practice.save()
    bottleneck = services.bottleneck_create(
        by=practice_user,
        practice=practice,
        category=Bottleneck.Category.HIS_LINK,
        vendor=his,
        description=(
            f"Labuitslagen komen een dag te laat in {practice.name}; bel "
            "06-12345678 of mail assistent@praktijk.test, patiënt 123456789."
        ),
    )
    return services.bottleneck_pass_on(by=lead, bottleneck=bottleneck, to="vendor")


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
    with pytest.raises(PermissionError):
        vendor.vendor_answer_create(
            by=other_vendor_user,
            bottleneck=passed_on,
            kind=VendorAnswer.Kind.ACKNOWLEDGED,
        )
    client = client_for(other_vendor_user)
    url = reverse("visits:vendor_bottleneck", kwargs={"pk": passed_on.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, {"kind": "acknowledged"}).status_code == 404
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


def _passed(vendor_obj, *, days_ago: int, practice):
    now = timezone.now()
    return BottleneckFactory(
        practice=practice,
        vendor=vendor_obj,
        status=Bottleneck.Status.PASSED_ON,
        passed_to="vendor",
        passed_on_at=now - dt.timedelta(days=days_ago),
    )


def _answer(bottleneck, kind, *, after_hours: float, fixed_in=None):
    return VendorAnswer.objects.create(
        bottleneck=bottleneck,
        vendor=bottleneck.vendor,
        kind=kind,
        fixed_in=fixed_in,
        created=bottleneck.passed_on_at + dt.timedelta(hours=after_hours),
    )


def _response_data(n: int, practice, his, other_vendor, versions):
    for _i in range(n):
        a = _passed(his, days_ago=30, practice=practice)
        _answer(a, "acknowledged", after_hours=2)
        _answer(a, "fixed", after_hours=96, fixed_in=versions["12"])
        b = _passed(his, days_ago=10, practice=practice)
        _answer(b, "in_progress", after_hours=6)
        _passed(other_vendor, days_ago=3, practice=practice)


def test_response_times_per_vendor_in_one_grouped_query(
    practice, his, other_vendor, versions, django_assert_num_queries
):
    _response_data(1, practice, his, other_vendor, versions)
    with django_assert_num_queries(2):  # the grouped rows, and their vendors
        rows = vendor.vendor_response_times()
    by_name = {r.vendor.name: r for r in rows}
    medisys = by_name["Medisys HIS"]
    assert (medisys.n_passed_on, medisys.n_acknowledged, medisys.n_fixed) == (2, 2, 1)
    assert medisys.avg_to_acknowledge_hours == pytest.approx(4.0)
    assert medisys.avg_to_fix_days == pytest.approx(4.0)
    other = by_name["Ander Portaal BV"]
    assert (other.n_passed_on, other.n_acknowledged, other.n_fixed) == (1, 0, 0)
    assert other.avg_to_acknowledge_hours is None and other.avg_to_fix_days is None
    only = vendor.vendor_response_times(vendors=Vendor.objects.filter(pk=his.pk))
    assert [r.vendor for r in only] == [his]

    _response_data(5, practice, his, other_vendor, versions)
    with django_assert_num_queries(2):
        rows = vendor.vendor_response_times()
    assert {r.vendor.name: r.n_passed_on for r in rows} == {
        "Medisys HIS": 12,
        "Ander Portaal BV": 6,
    }


def test_response_times_on_the_vendor_overview_and_the_vendors_start_page(
    passed_on, vendor_user, office, client_for, versions
):
    vendor.vendor_answer_create(
        by=vendor_user, bottleneck=passed_on, kind=VendorAnswer.Kind.ACKNOWLEDGED
    )
    overview = client_for(office).get(reverse("practices:vendor_list"))
    assert [r.vendor.name for r in overview.context["response_times"]] == [
        "Medisys HIS"
    ]
    assert "Tijd tot eerste antwoord" in overview.content.decode()
    start = client_for(vendor_user).get(reverse("coalition:start"))
    assert "Tijd tot eerste antwoord" in start.content.decode()
    assert "knelpunten aan u doorgegeven" in start.content.decode()


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


def test_response_times_in_the_comparison_and_the_progress_report(
    passed_on, vendor_user, office, funder, client_for, versions
):
    """Issue 16: the office's comparison and the funder's progress report show each
    vendor's response times over what the coalitions passed on (aggregates only), on
    the page and in the xlsx."""
    import io

    from openpyxl import load_workbook

    vendor.vendor_answer_create(
        by=vendor_user, bottleneck=passed_on, kind=VendorAnswer.Kind.ACKNOWLEDGED
    )
    page = client_for(office).get(reverse("coalition:comparison"))
    assert [r.vendor.name for r in page.context["response_times"]] == ["Medisys HIS"]
    assert "Reactietijden van leveranciers" in page.content.decode()
    book = load_workbook(
        io.BytesIO(client_for(office).get(reverse("coalition:comparison_xlsx")).content)
    )
    sheet = book["Vendor response times"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("vendor", "passed_on", "answered")
    assert rows[1][:3] == ("Medisys HIS", 1, 1)

    report = client_for(funder).get(reverse("coalition:progress"))
    html = report.content.decode()
    assert "Reactietijden van leveranciers" in html and "Medisys HIS" in html
    assert passed_on.practice.name not in html
    book = load_workbook(
        io.BytesIO(client_for(funder).get(reverse("coalition:progress_xlsx")).content)
    )
    assert list(book["Vendor response times"].iter_rows(values_only=True))[1][:3] == (
        "Medisys HIS",
        1,
        1,
    )


def test_response_times_of_a_report_count_only_its_coalitions(
    passed_on, vendor_user, other_coalition, versions
):
    vendor.vendor_answer_create(
        by=vendor_user, bottleneck=passed_on, kind=VendorAnswer.Kind.ACKNOWLEDGED
    )
    assert vendor.vendor_response_times(coalitions=[other_coalition]) == []
    assert [
        r.n_passed_on
        for r in vendor.vendor_response_times(coalitions=[passed_on.practice.coalition])
    ] == [1]


# --- names where the coalition allows it; the coalition's reply (issue 16) -----------


def _names_world(coalition, other_coalition, his, versions, *, n: int = 1):
    """`n` practices of each coalition on Medisys 11, one of the coalition on the
    other vendor's portal."""
    for i in range(n):
        PracticeFactory(
            coalition=coalition,
            name=f"Huisartsen Noord {i}",
            city="Zwolle",
            his_vendor=his,
            his_version=versions["11"],
        )
        PracticeFactory(
            coalition=other_coalition,
            name=f"Huisartsen Elders {i}",
            city="Deventer",
            his_vendor=his,
            his_version=versions["11"],
        )


def test_a_vendor_sees_names_only_of_the_coalition_that_allows_it(
    coalition, other_coalition, his, versions, vendor_user, other_vendor_user
):
    _names_world(coalition, other_coalition, his, versions, n=2)
    coalition.vendors_see_practice_names = True
    coalition.save()
    rows = {r["coalition"]: r for r in vendor.vendor_practice_counts(vendor_user)}
    assert rows[coalition.name]["n"] == 2
    assert rows[coalition.name]["practices"] == [
        ("Huisartsen Noord 0", "Zwolle"),
        ("Huisartsen Noord 1", "Zwolle"),
    ]
    assert rows[other_coalition.name]["n"] == 2
    assert rows[other_coalition.name]["practices"] is None  # counts only
    assert access.can_see_practice_names(vendor_user, coalition)
    assert not access.can_see_practice_names(vendor_user, other_coalition)
    assert vendor.vendor_practice_counts(other_vendor_user) == []
    assert not access.can_see_practice_names(other_vendor_user, other_coalition)


def test_the_vendors_page_lists_names_of_that_coalition_only(
    coalition,
    other_coalition,
    his,
    versions,
    vendor_user,
    other_vendor_user,
    client_for,
):
    _names_world(coalition, other_coalition, his, versions)
    coalition.vendors_see_practice_names = True
    coalition.save()
    html = client_for(vendor_user).get(reverse("visits:vendor_home")).content.decode()
    assert "Huisartsen Noord 0, Zwolle" in html
    assert "Huisartsen Elders 0" not in html and "Deventer" not in html
    assert "alleen het aantal" in html
    other = client_for(other_vendor_user).get(reverse("visits:vendor_home"))
    assert "Huisartsen" not in other.content.decode()


def test_practice_names_in_a_fixed_number_of_queries(
    coalition, other_coalition, his, versions, vendor_user, django_assert_num_queries
):
    coalition.vendors_see_practice_names = True
    coalition.save()
    access.vendor_ids(vendor_user)  # the user's scope, read once per request
    _names_world(coalition, other_coalition, his, versions, n=1)
    # his counts, portal counts, the coalitions, the names
    with django_assert_num_queries(4):
        small = vendor.vendor_practice_counts(vendor_user)
    _names_world(coalition, other_coalition, his, versions, n=6)
    with django_assert_num_queries(4):
        large = vendor.vendor_practice_counts(vendor_user)
    assert [len(r["practices"] or []) for r in small] == [1, 0]
    assert [len(r["practices"] or []) for r in large] == [7, 0]


def test_the_lead_switches_practice_names_on_and_off_on_the_vendors_page(
    coalition, other_coalition, lead, other_lead, vendor_user, client_for
):
    client = client_for(lead)
    page = client.get(reverse("coalition:vendor_admin_list")).content.decode()
    assert "Leveranciers mogen praktijknamen zien" in page
    url = reverse("coalition:vendor_practice_names", kwargs={"pk": coalition.pk})
    response = client.post(url, {"vendors_see_practice_names": "on"})
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert coalition.vendors_see_practice_names
    latest = coalition.history.order_by("-history_date", "-pk").first()
    assert latest.history_user == lead and latest.vendors_see_practice_names
    assert AuditEvent.objects.filter(
        url_name="coalition:vendor_practice_names",
        event="change",
        user=lead,
        coalition_id=coalition.pk,
        object_id=str(coalition.pk),
    ).exists()
    # the lead of another coalition and a vendor's user cannot touch it
    assert client_for(other_lead).post(url, {}).status_code == 404
    assert client_for(vendor_user).post(url, {}).status_code == 403
    coalition.refresh_from_db()
    assert coalition.vendors_see_practice_names
    client = client_for(lead)  # one test client: log the lead in again
    assert client.post(url, {}).status_code == 302  # unticked: off again
    coalition.refresh_from_db()
    assert not coalition.vendors_see_practice_names
    assert client.get(url).status_code == 405


def test_the_office_sets_it_on_the_coalitions_edit_page(coalition, office, client_for):
    url = reverse("coalition:office_coalition_edit", kwargs={"slug": coalition.slug})
    client = client_for(office)
    assert "vendors_see_practice_names" in client.get(url).context["form"].fields
    response = client.post(
        url,
        {
            "name": coalition.name,
            "region": coalition.region,
            "province": coalition.province,
            "contact_email": coalition.contact_email,
            "vendors_see_practice_names": "on",
        },
    )
    assert response.status_code == 302
    coalition.refresh_from_db()
    assert coalition.vendors_see_practice_names
    assert coalition.history.order_by("-history_date", "-pk").first().history_user == (
        office
    )


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
        with pytest.raises(PermissionError):
            vendor.coalition_reply_create(by=user, bottleneck=passed_on, text="Hallo")
    assert not CoalitionReply.objects.exists()
    assert not EmailMessage.objects.filter(
        key__startswith="visits:coalition-reply:"
    ).exists()


def test_no_reply_once_the_coalition_resolved_it_and_none_too_long(
    passed_on, lead, client_for
):
    too_long = "x" * (CoalitionReply.MAX_LENGTH + 1)
    with pytest.raises(ValidationError) as exc:
        vendor.coalition_reply_create(by=lead, bottleneck=passed_on, text=too_long)
    assert "text" in exc.value.error_dict
    services.bottleneck_resolve(by=lead, bottleneck=passed_on, resolution="Opgelost.")
    passed_on.refresh_from_db()
    assert not access.can_reply_to_vendor(lead, passed_on)
    page = client_for(lead).get(
        reverse("visits:bottleneck_detail", kwargs={"pk": passed_on.pk})
    )
    assert "reply_form" not in page.context
