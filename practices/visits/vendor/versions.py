"""Product versions: which are older than a fix, and the practices still on them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from django.db.models import (
    QuerySet,
)

from coalition.models import ProductVersion
from practices.visits.models import (
    Bottleneck,
)

if TYPE_CHECKING:
    from practices.models import Practice


# --- versions -------------------------------------------------------------------------


def version_key(version: str) -> tuple:
    """Order versions by their numbers: 2024.10 comes after 2024.9."""
    numbers = tuple(int(n) for n in re.findall(r"\d+", version))
    return (numbers, version)


def older_versions(fixed_in: ProductVersion) -> list[ProductVersion]:
    """The versions of the same product that come before `fixed_in`."""
    key = version_key(fixed_in.version)
    return [
        v
        for v in ProductVersion.objects.filter(
            vendor_id=fixed_in.vendor_id, product=fixed_in.product
        )
        if version_key(v.version) < key
    ]


def practices_on_older_version(
    *, bottleneck: Bottleneck, fixed_in: ProductVersion, practices: QuerySet[Practice]
) -> QuerySet[Practice]:
    """The active practices of the bottleneck's coalition (within `practices`, the
    viewer's scope) still on an older version of the product that has the fix: the
    lead's upgrade list."""
    return (
        practices.filter(
            coalition_id=bottleneck.practice.coalition_id,
            is_active=True,
            his_version__in=[v.pk for v in older_versions(fixed_in)],
        )
        .select_related("his_version")
        .order_by("name")
    )
