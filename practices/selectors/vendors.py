"""Vendors and their product versions, with the practices that use them."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce

from coalition.models import Certification, ProductVersion, Service, Vendor
from practices.models import Practice, Step
from practices.selectors.registry import PRIMARY_SERVICE, READINESS_STANDARD


def vendors_with_counts(
    vendors: QuerySet[Vendor], practices: QuerySet[Practice]
) -> QuerySet[Vendor]:
    """Vendors with the number of (visible, active) practices on them and live ones."""
    active = practices.filter(is_active=True)

    def count(extra: Q):
        sub = (
            active.filter(extra)
            .order_by()
            .values("is_active")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(sub, output_field=IntegerField()), 0)

    uses = Q(his_vendor=OuterRef("pk")) | Q(portal_vendor=OuterRef("pk"))
    live = Q(
        rollouts__service=PRIMARY_SERVICE,
        rollouts__step=Step.LIVE,
    )
    return vendors.annotate(n_practices=count(uses), n_live=count(uses & live))


def versions_with_practices(
    versions: QuerySet[ProductVersion], practices: QuerySet[Practice], *, today: dt.date
) -> QuerySet[ProductVersion]:
    """Product versions with how many of the given practices run them, and whether the
    version makes them technically ready today (certifications prefetched)."""
    on_it = (
        practices.filter(his_version=OuterRef("pk"))
        .order_by()
        .values("his_version")
        .annotate(n=Count("pk"))
        .values("n")
    )
    ready = Certification.objects.filter(
        product_version=OuterRef("pk"),
        standard=READINESS_STANDARD,
        status=Certification.Status.CONFIRMED,
        since__lte=today,
    )
    return versions.prefetch_related("certifications").annotate(
        n_practices=Coalesce(Subquery(on_it, output_field=IntegerField()), 0),
        makes_ready=Exists(ready),
    )


def vendor_pace_from(
    dates: list[dt.date], *, today: dt.date, months: int = 12
) -> list[tuple[dt.date, int]]:
    """Go-lives per month over the last `months` months, oldest first."""
    first = dt.date(today.year, today.month, 1)
    buckets = []
    for k in range(months - 1, -1, -1):
        y, m = divmod(first.month - 1 - k, 12)
        buckets.append(dt.date(first.year + y, m + 1, 1))
    counts = Counter(dt.date(d.year, d.month, 1) for d in dates)
    return [(b, counts.get(b, 0)) for b in buckets]


def versions_with_labels(
    versions: QuerySet[ProductVersion], practices: QuerySet[Practice], *, today: dt.date
) -> list[ProductVersion]:
    """`versions_with_practices`, each with `service_labels` for the page."""
    rows = list(versions_with_practices(versions, practices, today=today))
    for v in rows:
        v.service_labels = [
            str(Service(s).label) for s in v.services if s in Service.values
        ]
    return rows
