"""How fast each vendor answers (aggregates only)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    Min,
    OuterRef,
    QuerySet,
    Subquery,
)

from coalition.models import Vendor
from practices.visits.models import (
    Bottleneck,
    VendorAnswer,
)

# --- response times -------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseTimes:
    vendor: Vendor
    n_passed_on: int
    n_acknowledged: int
    n_fixed: int
    avg_to_acknowledge_hours: float | None
    avg_to_fix_days: float | None


def _hours(value) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float):  # microseconds (a backend without intervals)
        return value / 3_600_000_000
    return value.total_seconds() / 3600


def vendor_response_times(
    vendors: QuerySet[Vendor] | Iterable[Vendor] | None = None,
    *,
    coalitions: Iterable | None = None,
) -> list[ResponseTimes]:
    """Per vendor, over the bottlenecks passed on to it: how many, how many it answered
    and fixed, and the average time from passing on to its first answer (time to
    acknowledge) and to its first "fixed in version" (time to fix). One grouped query;
    aggregates only, no bottleneck or practice is named. `coalitions` limits it to
    what those coalitions passed on (the progress report and the comparison)."""
    first_answer = (
        VendorAnswer.objects.filter(bottleneck=OuterRef("pk"))
        .order_by()
        .values("bottleneck")
        .annotate(first=Min("created"))
        .values("first")
    )
    first_fix = (
        VendorAnswer.objects.filter(
            bottleneck=OuterRef("pk"), kind=VendorAnswer.Kind.FIXED
        )
        .order_by()
        .values("bottleneck")
        .annotate(first=Min("created"))
        .values("first")
    )
    qs = Bottleneck.objects.filter(
        passed_to=Bottleneck.PassedTo.VENDOR,
        passed_on_at__isnull=False,
        vendor__isnull=False,
    )
    if vendors is not None:
        qs = qs.filter(vendor__in=vendors)
    if coalitions is not None:  # what these coalitions passed on (a report's scope)
        qs = qs.filter(practice__coalition__in=list(coalitions))
    rows = (
        qs.annotate(
            acknowledged_at=Subquery(first_answer),
            fixed_at=Subquery(first_fix),
        )
        .annotate(
            to_ack=ExpressionWrapper(
                F("acknowledged_at") - F("passed_on_at"), output_field=DurationField()
            ),
            to_fix=ExpressionWrapper(
                F("fixed_at") - F("passed_on_at"), output_field=DurationField()
            ),
        )
        .order_by()
        .values("vendor")
        .annotate(
            n_passed_on=Count("pk"),
            n_acknowledged=Count("acknowledged_at"),
            n_fixed=Count("fixed_at"),
            avg_ack=Avg("to_ack"),
            avg_fix=Avg("to_fix"),
            vendor_name=Max("vendor__name"),
        )
        .order_by("vendor_name")
    )
    rows = list(rows)
    by_pk = Vendor.objects.in_bulk([r["vendor"] for r in rows])
    out = []
    for r in rows:
        fix_hours = _hours(r["avg_fix"])
        out.append(
            ResponseTimes(
                vendor=by_pk[r["vendor"]],
                n_passed_on=r["n_passed_on"],
                n_acknowledged=r["n_acknowledged"],
                n_fixed=r["n_fixed"],
                avg_to_acknowledge_hours=_hours(r["avg_ack"]),
                avg_to_fix_days=None if fix_hours is None else fix_hours / 24,
            )
        )
    return out
