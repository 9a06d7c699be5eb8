"""Fixtures of the registry and go-live tests, and the vendors' (test_vendor_*.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coalition.models import Role, Service, Vendor
from practices.models import Rollout, Step
from practices.visits import services as visits_services
from practices.visits.models import Bottleneck
from tests.factories import (
    PracticeFactory,
    ProductVersionFactory,
    VendorFactory,
    user_with_role,
)
from tests.practices.factories import ServiceDeadlineFactory


@pytest.fixture
def make_practices(coalition):
    """`make_practices(n)`: n practices of the coalition with a rollout per service,
    spread over the steps, and a deadline per service."""
    for service in Service.values:
        ServiceDeadlineFactory(
            coalition=coalition, service=service, deadline=dt.date(2030, 1, 1)
        )

    def _make(n: int, **kwargs):
        practices = PracticeFactory.create_batch(n, coalition=coalition, **kwargs)
        rollouts = []
        for i, p in enumerate(practices):
            for service in Service.values:
                step = i % 6
                rollouts.append(
                    Rollout(
                        practice=p,
                        service=service,
                        step=step,
                        step_since=timezone.localdate() - dt.timedelta(days=7),
                        live_date=dt.date(2025, 6, 1) if step == Step.LIVE else None,
                        planned_date=dt.date(2029, 1, 1) if i % 2 else None,
                    )
                )
        Rollout.objects.bulk_create(rollouts)
        return practices

    return _make


# --- the vendors' tests (issue 16): a HIS vendor with its versions, another vendor,
# a user of each, and a bottleneck passed on to the HIS vendor ---------------------


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
    bottleneck = visits_services.bottleneck_create(
        by=practice_user,
        practice=practice,
        category=Bottleneck.Category.HIS_LINK,
        vendor=his,
        description=(
            f"Labuitslagen komen een dag te laat in {practice.name}; bel "
            "06-12345678 of mail assistent@praktijk.test, patiënt 123456789."
        ),
    )
    return visits_services.bottleneck_pass_on(
        by=lead, bottleneck=bottleneck, to="vendor"
    )
