"""xlsx out: the registry in its import format (the list's own download is the table's
export, `coalition.exports`). Cells, formats and escaping are `coalition.xlsx`'s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from coalition.xlsx import Sheet, write_xlsx
from practices.imports import COLUMNS
from practices.models import Practice, PracticeContact


def registry_rows(practices: QuerySet[Practice]) -> Iterator[list[Any]]:
    """The registry in the import's columns, so an export imports back unchanged."""
    primary = PracticeContact.objects.filter(is_primary=True)
    contacts = {
        c.practice_id: c for c in primary.filter(practice__in=practices.values("pk"))
    }
    qs = practices.select_related(
        "member_organisation", "his_vendor", "portal_vendor"
    ).order_by("agb_code")
    for p in qs.iterator(chunk_size=2000):
        c = contacts.get(p.pk)
        yield [
            p.agb_code,
            p.name,
            p.member_organisation.name,
            p.street,
            p.postcode,
            p.city,
            p.list_size,
            p.his_vendor.name if p.his_vendor else "",
            p.portal_vendor.name if p.portal_vendor else "",
            p.cohort,
            p.neighbourhood,
            c.name if c else "",
            c.email if c else "",
        ]


def registry_xlsx(practices: QuerySet[Practice]) -> bytes:
    return write_xlsx(Sheet("praktijken", COLUMNS, registry_rows(practices)))


def registry_template() -> bytes:
    """An empty import file with the header row and one example row."""
    example = [
        "01234567",
        "Huisartsenpraktijk Voorbeeld",
        "(naam van de lidorganisatie)",
        "Dorpsstraat 1",
        "3011 AB",
        "Rotterdam",
        2500,
        "",
        "",
        "golf 2",
        "standard",
        "Anne de Vries",
        "praktijk@voorbeeld.nl",
    ]
    return write_xlsx(Sheet("praktijken", COLUMNS, [example]))
