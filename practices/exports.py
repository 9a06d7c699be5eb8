"""xlsx out: the registry in its import format (the list's own download is the table's
export, `coalition.exports`). Cells, formats and escaping are `coalition.xlsx`'s."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Model, QuerySet

from coalition.xlsx import Sheet, write_xlsx
from practices.imports import COLUMNS, PRACTICE_FIELDS
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
            *(_cell(getattr(p, name)) for name in PRACTICE_FIELDS),
            c.name if c else "",
            c.email if c else "",
        ]


def _cell(value: Any) -> Any:
    """A related row (member organisation, vendor) by its name, as the import reads it."""
    if isinstance(value, Model):
        return value.name
    return "" if value is None else value


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
