"""Read queries of the coalition administration pages (issue 11, parts 1, 3 and 8)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from coalition.models import (
    Coalition,
    FrameworkAgreement,
    MemberOrganisation,
    Membership,
    Role,
)


def member_organisation_list(
    organisations: QuerySet[MemberOrganisation],
) -> QuerySet[MemberOrganisation]:
    """Members with their active practices and patients; current members first."""
    active = Q(practices__is_active=True)
    return organisations.annotate(
        n_practices=Count("practices", filter=active, distinct=True),
        n_patients=Sum("practices__list_size", filter=active),
    ).order_by("coalition__name", "ended_on", "name")


def agreement_list(
    agreements: QuerySet[FrameworkAgreement],
) -> QuerySet[FrameworkAgreement]:
    return agreements.select_related("coalition", "vendor").prefetch_related("products")


def office_coalition_list(coalitions: QuerySet[Coalition]) -> QuerySet[Coalition]:
    """Coalitions with their current members counted and their leads at hand."""
    return (
        coalitions.order_by("name")
        .annotate(
            n_members=Count(
                "member_organisations",
                filter=Q(member_organisations__ended_on__isnull=True),
                distinct=True,
            )
        )
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.filter(role=Role.LEAD)
                .select_related("user")
                .order_by("user__last_name", "user__email"),
                to_attr="lead_memberships",
            )
        )
    )


def history_rows(obj, *, fields: tuple[str, ...]) -> list[dict]:
    """The history of a record, newest first: when, who, and per change the field with
    its value before and after (display values of choices). Two queries."""
    model = obj._meta.model
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-pk")
    )
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        for name in fields:
            field = model._meta.get_field(name)
            after = getattr(newer, name, None)
            before = getattr(older, name, None) if older is not None else None
            if older is not None and after == before:
                continue
            if older is None and after in (None, ""):
                continue
            if field.choices:
                labels = dict(field.flatchoices)
                after, before = labels.get(after, after), labels.get(before, before)
            changes.append(
                {"label": field.verbose_name, "before": before, "after": after}
            )
        rows.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "type": newer.history_type,
                "changes": changes,
            }
        )
    return rows
