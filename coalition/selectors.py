"""Read queries of the core that pages and reports share."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet, Sum

from coalition.models import Coalition


def coalitions_with_figures(coalitions: QuerySet[Coalition]) -> QuerySet[Coalition]:
    """Coalitions annotated with their active practices and patients."""
    active = Q(practices__is_active=True)
    return coalitions.annotate(
        n_practices=Count("practices", filter=active, distinct=True),
        n_patients=Sum("practices__list_size", filter=active),
    ).order_by("name")


def coalition_overview(coalition: Coalition) -> dict:
    """Counts for a coalition's start page."""
    from practices import selectors as practice_selectors

    totals = practice_selectors.reach(
        practice_selectors.coalition_practices(coalition, active_only=True)
    )
    return {
        "n_practices": totals["n"],
        "n_patients": totals["patients"],
        "n_member_organisations": coalition.member_organisations.count(),
        "n_agreements": coalition.framework_agreements.count(),
        "grants": list(coalition.grants.select_related("funder")),
    }


def coalitions_side_by_side(coalitions: QuerySet[Coalition]) -> list[dict]:
    """Coalitions with their size and go-live share of online access, for the office
    and funders (aggregates only). Go-live comes from the practices app's selector."""
    from practices.selectors import public_progress

    progress = {row["coalition"]: row for row in public_progress()}
    rows = []
    for c in coalitions_with_figures(coalitions):
        p = progress.get(c.name, {})
        rows.append(
            {
                "coalition": c,
                "n_practices": c.n_practices,
                "n_patients": c.n_patients or 0,
                "n_live": p.get("n_live", 0),
                "pct_live": p.get("pct_live"),
            }
        )
    return rows
