"""Extreme dates are refused on the way in and survived when already stored; the
deadlines form without its management form is a 400; an AGB code of another coalition
is refused without saying that it exists there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coalition.models import Service, Vendor
from practices import services
from practices.models import Practice, Rollout, ServiceDeadline, Step
from tests.factories import PracticeFactory, VendorFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("practices:dashboard")
EXTREMES = [dt.date(1, 1, 1), dt.date(9999, 12, 31)]


@pytest.mark.parametrize("deadline", EXTREMES)
@pytest.mark.parametrize("live", EXTREMES)
def test_stored_extreme_dates_do_not_break_the_dashboard_or_vendor_page(
    client_for, lead, office, coalition, make_practices, deadline, live
):
    vendor = VendorFactory(name="Portaal Z", kind=Vendor.Kind.PORTAL)
    ps = make_practices(12)
    Practice.objects.filter(pk__in=[p.pk for p in ps]).update(portal_vendor=vendor)
    # Written straight into the database, as an old row or a bulk fix would.
    ServiceDeadline.objects.filter(coalition=coalition).update(deadline=deadline)
    Rollout.objects.filter(step=Step.LIVE).update(live_date=live)
    Rollout.objects.filter(step=Step.CONNECTED).update(planned_date=live)
    for user in (lead, office):
        client = client_for(user)
        for service in (Service.RECORD_ACCESS, Service.ECONSULT):
            r = client.get(DASHBOARD + f"?coalition={coalition.slug}&service={service}")
            assert r.status_code == 200
            assert "<svg" in r.content.decode()
        r = client.get(reverse("practices:vendor_detail", args=[vendor.pk]))
        assert r.status_code == 200
        assert client.get(reverse("practices:list")).status_code == 200


def test_models_and_the_rollout_form_refuse_implausible_dates(
    client_for, lead, coalition, practice
):
    with pytest.raises(ValidationError):
        services.service_deadline_set(
            coalition=coalition,
            service=Service.RECORD_ACCESS,
            deadline=dt.date(9999, 12, 31),
            target_pct=95,
            stuck_after=dt.timedelta(weeks=8),
        )
    with pytest.raises(ValidationError):
        services.rollout_change(
            practice=practice,
            service=Service.RECORD_ACCESS,
            by=lead,
            step=Step.LIVE,
            live_date=dt.date(1, 1, 1),
        )
    client = client_for(lead)
    client.post(
        reverse("practices:rollout", args=[practice.pk]),
        {"service": "record_access", "step": 2, "planned_date": "0001-01-01"},
    )
    assert not Rollout.objects.filter(planned_date__year__lt=2000).exists()
    assert not ServiceDeadline.objects.exists()


def _deadline_data(deadline: str) -> dict:
    data = {"d-TOTAL_FORMS": 6, "d-INITIAL_FORMS": 6}
    for i, s in enumerate(Service.values):
        data |= {
            f"d-{i}-service": s,
            f"d-{i}-deadline": deadline if i == 0 else "",
            f"d-{i}-target_pct": 90,
            f"d-{i}-stuck_weeks": 6,
        }
    return data


def test_the_deadlines_form_refuses_an_extreme_date(client_for, lead, coalition):
    url = reverse("practices:deadlines") + f"?coalition={coalition.slug}"
    r = client_for(lead).post(url, _deadline_data("9999-12-31"))
    assert r.status_code == 200
    assert "Vul een datum tussen 2000 en 2100 in" in r.content.decode()
    assert not ServiceDeadline.objects.exists()


def test_the_deadlines_form_without_management_form_is_a_400(
    client_for, lead, coalition
):
    url = reverse("practices:deadlines") + f"?coalition={coalition.slug}"
    data = _deadline_data("2027-07-01")
    del data["d-TOTAL_FORMS"], data["d-INITIAL_FORMS"]
    r = client_for(lead).post(url, data)
    assert r.status_code == 400
    assert "Het formulier is onvolledig" in r.content.decode()
    assert not ServiceDeadline.objects.exists()


def test_create_practice_does_not_reveal_a_code_of_another_coalition(
    client_for, lead, coalition, other_coalition
):
    PracticeFactory(coalition=other_coalition, agb_code="01234567", name="Elders")
    member = coalition.member_organisations.first()
    r = client_for(lead).post(
        reverse("practices:create"),
        {
            "agb_code": "01234567",
            "name": "Huisartsenpraktijk Nieuw",
            "member_organisation": member.pk,
            "list_size": 2100,
            "neighbourhood": "standard",
            "staff_gp": 1,
            "staff_nurse_practitioner": 0,
            "staff_manager": 0,
            "staff_assistant": 1,
        },
    )
    assert r.status_code == 200
    (message,) = r.context["form"].errors["agb_code"]
    assert "kan hier niet worden geregistreerd" in message
    assert "programmabureau" in message
    assert "bestaat al" not in message and "andere coalitie" not in message
    assert Practice.objects.get(agb_code="01234567").name == "Elders"
