"""Read queries of the coalition administration pages (issue 11, parts 1, 3 and 8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.formats import date_format

from coalition.models import (
    Coalition,
    FrameworkAgreement,
    MemberOrganisation,
    Membership,
    Role,
)
from coalition.numbers import format_number


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


def _shown(value):
    """A value as the history list shows it: Dutch dates and numbers, names."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, Decimal):
        return format_number(value, 0 if value == value.to_integral() else 2)
    if isinstance(value, int):
        return format_number(value)
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _m2m_texts(model, records: list, name: str) -> dict[int, str]:
    """history_id → the names of the related rows at that moment (two queries)."""
    if not records:
        return {}
    target = model._meta.get_field(name).related_model
    through = getattr(records[0], name).model
    attr = f"{target._meta.model_name}_id"
    rows = list(
        through.objects.filter(history_id__in=[r.pk for r in records]).values_list(
            "history_id", attr
        )
    )
    names = {
        o.pk: str(o) for o in target._base_manager.filter(pk__in={t for _h, t in rows})
    }
    texts: dict[int, list[str]] = {r.pk: [] for r in records}
    for history_id, target_id in rows:
        texts[history_id].append(names.get(target_id, ""))
    return {pk: ", ".join(sorted(v)) for pk, v in texts.items()}


def history_rows(
    obj, *, fields: tuple[str, ...], m2m: tuple[str, ...] = ()
) -> list[dict]:
    """The history of a record, newest first: when, who, and per change the field with
    its value before and after (display values of choices, names of related rows).
    A save that changed none of `fields` is left out. A fixed number of queries."""
    model = obj._meta.model
    qs = obj.history.select_related("history_user").order_by("-history_date", "-pk")
    fk_names = [n for n in fields if model._meta.get_field(n).many_to_one]
    if fk_names:
        qs = qs.select_related(*fk_names)
    records = list(qs)
    m2m_texts = {name: _m2m_texts(model, records, name) for name in m2m}
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        for name in (*fields, *m2m):
            field = model._meta.get_field(name)
            if name in m2m:
                after = m2m_texts[name][newer.pk]
                before = m2m_texts[name][older.pk] if older is not None else None
            elif field.many_to_one:
                after = getattr(newer, name)
                before = getattr(older, name) if older is not None else None
            else:
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
                {
                    "label": field.verbose_name,
                    "before": _shown(before),
                    "after": _shown(after),
                }
            )
        if older is not None and not changes:
            continue
        rows.append(
            {
                "when": newer.history_date,
                "who": newer.history_user,
                "type": newer.history_type,
                "changes": changes,
            }
        )
    return rows
