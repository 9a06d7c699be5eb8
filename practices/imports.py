"""Reading and checking a registry spreadsheet (xlsx), row by row and column by column.

The whole file is validated before anything is written: `plan_registry_import` returns
what would happen to each row (new / changed fields / unchanged) and every error with its
row and column; `practices.services.registry_import` writes only a plan without errors,
in one transaction. The columns themselves are in `practices.registry_columns`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import translation
from django.utils.translation import gettext as _

from coalition import uploads
from coalition.models import Coalition, Vendor
from coalition.validators import normalize_agb, normalize_postcode
from coalition.xlsx import Sheet, read_text, write_xlsx
from practices.models import Practice, PracticeContact
from practices.registry_columns import (
    COLUMNS,
    COMPARED,
    CONTACT_COLUMNS,
    HELP,
    LABELS,
    PRACTICE_FIELDS,
    column_label,
)

THOUSANDS_RE = re.compile(r"^\d{1,3}(\.\d{3})+$")
MAX_BYTES = uploads.MAX_BYTES
MAX_ROWS = 50_000


def _header_names() -> dict[str, str]:
    """Header text (lower case) → column code: codes, Dutch names, current language."""
    names = {c: c for c in COLUMNS}
    for code, label in LABELS.items():
        names[str(label).strip().lower()] = code
        with translation.override("nl"):
            names[str(label).strip().lower()] = code
    return names


class ImportRefused(Exception):
    """The file as a whole cannot be read (not xlsx, too big, empty, columns missing)."""


@dataclass
class RowError:
    row: int
    column: str
    message: str

    @property
    def label(self) -> str:
        """The column as the lead's file names it."""
        return column_label(self.column)


@dataclass
class RowPlan:
    row: int
    agb_code: str
    name: str
    status: str  # new, changed, unchanged, error
    values: dict[str, Any] = field(default_factory=dict)
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    practice: Practice | None = None
    contact: PracticeContact | None = None


@dataclass
class ImportPlan:
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    refused: str = ""
    committed: bool = False

    @property
    def valid(self) -> bool:
        return not self.refused and not self.errors

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def n_new(self) -> int:
        return self.count("new")

    @property
    def n_changed(self) -> int:
        return self.count("changed")

    @property
    def n_unchanged(self) -> int:
        return self.count("unchanged")

    def messages(self) -> list[str]:
        if self.refused:
            return [self.refused]
        return [
            _("rij %(row)s, kolom %(column)s: %(message)s")
            % {"row": e.row, "column": e.label, "message": e.message}
            for e in self.errors
        ]


def read_rows(file, *, name: str = "") -> tuple[list[str], list[tuple[int, dict]]]:
    """The header (column codes) and the data rows of the first sheet, by column.

    `coalition.uploads.check_xlsx` refuses, before parsing, a file over 10 MB, a zip
    bomb, a macro workbook, broken XML or a sheet of over 50,000 rows; anything else
    openpyxl cannot read gives the same message. Formulas are read as their (cached)
    values.
    """
    import openpyxl

    try:
        uploads.check_xlsx(file, max_rows=MAX_ROWS, name=name)
    except uploads.UploadRefused as exc:
        raise ImportRefused(str(exc)) from None
    try:
        wb = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any reader error means an unreadable file
        raise ImportRefused(uploads.unreadable_message()) from None
    try:
        return _sheet_rows(wb)
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - a cell openpyxl cannot read: unreadable
        raise ImportRefused(uploads.unreadable_message()) from None
    finally:
        wb.close()


def _sheet_rows(wb) -> tuple[list[str], list[tuple[int, dict]]]:
    if not wb.worksheets:
        raise ImportRefused(_("Het bestand bevat geen werkblad."))
    ws = wb.worksheets[0]
    it = ws.iter_rows(values_only=True)
    header = None
    for values in it:
        if any(v not in (None, "") for v in values):
            header = [str(v or "").strip().lower() for v in values]
            break
    if header is None:
        raise ImportRefused(_("Het werkblad is leeg."))
    names = _header_names()
    codes = [names.get(h.rstrip(" *"), h) for h in header]
    missing = [c for c in COLUMNS if c not in codes]
    if missing:
        raise ImportRefused(
            _("Deze kolommen ontbreken: %(cols)s.")
            % {"cols": ", ".join(f"‘{column_label(c)}’" for c in missing)}
        )
    index = {c: codes.index(c) for c in COLUMNS}
    rows = []
    for n, values in enumerate(it, start=2):
        if n > MAX_ROWS + 1:
            raise ImportRefused(
                _("Het werkblad heeft meer dan %(n)s rijen; splits het op.")
                % {"n": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        if not any(v not in (None, "") for v in values):
            continue
        rows.append(
            (n, {c: values[i] if i < len(values) else None for c, i in index.items()})
        )
    if not rows:
        raise ImportRefused(_("Het werkblad bevat geen praktijken."))
    return codes, rows


def registry_template() -> bytes:
    """The import's template: the column names a lead reads on the first sheet, and a
    second sheet that explains each column."""
    choices = ", ".join(str(label) for _v, label in Practice.Neighbourhood.choices)
    explain = [[str(v) for v in (column_label(c), *HELP[c])] for c in COLUMNS] + [
        [str(_("Wijkprofielen: %(c)s.") % {"c": choices})]
    ]
    return write_xlsx(
        Sheet(str(_("Praktijken")), [column_label(c) for c in COLUMNS]),
        Sheet(
            str(_("Toelichting")),
            [_("Kolom"), _("Verplicht"), _("Uitleg"), _("Voorbeeld")],
            explain,
        ),
    )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return read_text(str(value).strip())  # undoes the export's escaping exactly


def _list_size(value: Any) -> int:
    if isinstance(value, bool):
        raise ValidationError(_("Het aantal patiënten moet een geheel getal zijn."))
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = _text(value)
        if THOUSANDS_RE.match(text):  # Dutch thousands separators: 2.400
            text = text.replace(".", "")
        if not text:
            raise ValidationError(_("Het aantal patiënten ontbreekt."))
        try:
            number = int(text)
        except ValueError:
            raise ValidationError(
                _("‘%(v)s’ is geen aantal patiënten.") % {"v": _text(value)}
            ) from None
    if number < 0:
        raise ValidationError(_("Het aantal patiënten kan niet negatief zijn."))
    return number


class _Lookups:
    """Names → objects, loaded once per import (a fixed number of queries)."""

    def __init__(self, coalition: Coalition):
        self.members = {
            m.name.strip().lower(): m for m in coalition.member_organisations.all()
        }
        self.vendors = {v.name.strip().lower(): v for v in Vendor.objects.all()}
        self.neighbourhoods = {}
        for value, label in Practice.Neighbourhood.choices:
            self.neighbourhoods[value] = value
            self.neighbourhoods[str(label).lower()] = value


def _clean_row(
    raw: dict[str, Any], lookups: _Lookups
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The typed values of one row and its errors as (column, message)."""
    v: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []

    def check(column: str, fn):
        try:
            v[column] = fn(raw[column])
        except ValidationError as exc:
            errors.append((column, " ".join(exc.messages)))

    check("agb_code", normalize_agb)

    def name(value):
        text = _text(value)
        if not text:
            raise ValidationError(_("De naam ontbreekt."))
        if len(text) > 200:
            raise ValidationError(_("De naam is langer dan 200 tekens."))
        return text

    check("name", name)

    def member(value):
        text = _text(value)
        if not text:
            raise ValidationError(_("De lidorganisatie ontbreekt."))
        found = lookups.members.get(text.lower())
        if found is None:
            raise ValidationError(
                _("Onbekende lidorganisatie ‘%(v)s’ in deze coalitie.") % {"v": text}
            )
        return found

    check("member_organisation", member)
    check("street", lambda x: _text(x)[:200])
    check("postcode", lambda x: normalize_postcode(x) if _text(x) else "")
    check("city", lambda x: _text(x)[:100])
    check("list_size", _list_size)

    def vendor(kind: str):
        def fn(value):
            text = _text(value)
            if not text:
                return None
            found = lookups.vendors.get(text.lower())
            if found is None:
                raise ValidationError(_("Onbekende leverancier ‘%(v)s’.") % {"v": text})
            if kind == "his" and not found.supplies_his:
                raise ValidationError(_("‘%(v)s’ levert geen HIS.") % {"v": text})
            if kind == "portal" and not found.supplies_portal:
                raise ValidationError(_("‘%(v)s’ levert geen portaal.") % {"v": text})
            return found

        return fn

    check("his_vendor", vendor("his"))
    check("portal_vendor", vendor("portal"))
    check("cohort", lambda x: _text(x)[:60])

    def neighbourhood(value):
        text = _text(value).lower()
        if not text:
            return Practice.Neighbourhood.STANDARD
        found = lookups.neighbourhoods.get(text)
        if found is None:
            raise ValidationError(
                _("Onbekend wijkprofiel ‘%(v)s’ (kies uit: %(choices)s).")
                % {"v": text, "choices": ", ".join(Practice.Neighbourhood.values)}
            )
        return found

    check("neighbourhood", neighbourhood)
    check("contact_name", lambda x: _text(x)[:200])

    def email(value):
        text = _text(value)
        if not text:
            if _text(raw.get("contact_name")):
                raise ValidationError(_("Een contactpersoon heeft een e-mailadres."))
            return ""
        try:
            validate_email(text)
        except ValidationError:
            raise ValidationError(
                _("‘%(v)s’ is geen geldig e-mailadres.") % {"v": text}
            ) from None
        return text.lower()

    check("contact_email", email)
    return v, errors


def _display(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def agb_elsewhere_message(agb: str) -> str:
    """Said of a code registered in a coalition the user cannot see: that it exists
    there is not theirs to know."""
    return _(
        "AGB-code %(agb)s kan hier niet worden geregistreerd. Hoort de praktijk bij "
        "uw coalitie, vraag het programmabureau dan om haar te verplaatsen."
    ) % {"agb": agb}


def plan_registry_import(*, coalition: Coalition, file, name: str = "") -> ImportPlan:
    """Validate every row; say per row what an import would do. Writes nothing."""
    plan = ImportPlan()
    try:
        _header, raw_rows = read_rows(file, name=name)
    except ImportRefused as exc:
        plan.refused = str(exc)
        return plan
    lookups = _Lookups(coalition)
    cleaned = []
    seen: dict[str, int] = {}
    for n, raw in raw_rows:
        values, errors = _clean_row(raw, lookups)
        agb = values.get("agb_code")
        if agb:
            if agb in seen:
                errors.append(
                    (
                        "agb_code",
                        _("AGB-code %(agb)s staat ook in rij %(row)s.")
                        % {"agb": agb, "row": seen[agb]},
                    )
                )
            else:
                seen[agb] = n
        for column, message in errors:
            plan.errors.append(RowError(n, column, message))
        cleaned.append((n, raw, values, bool(errors)))

    existing = {
        p.agb_code: p
        for p in Practice.objects.filter(agb_code__in=list(seen)).select_related(
            "member_organisation", "his_vendor", "his_version", "portal_vendor"
        )
    }
    contacts = {
        c.practice_id: c
        for c in PracticeContact.objects.filter(
            practice__in=[p.pk for p in existing.values()], is_primary=True
        )
    }
    for n, raw, values, has_errors in cleaned:
        agb = values.get("agb_code") or _text(raw.get("agb_code"))
        name = values.get("name") or _text(raw.get("name"))
        if has_errors:
            plan.rows.append(RowPlan(n, agb, name, "error"))
            continue
        practice = existing.get(agb)
        if practice is not None and practice.coalition_id != coalition.pk:
            plan.errors.append(
                RowError(
                    n,
                    "agb_code",
                    agb_elsewhere_message(agb),
                )
            )
            plan.rows.append(RowPlan(n, agb, name, "error"))
            continue
        contact = contacts.get(practice.pk) if practice else None
        row = RowPlan(n, agb, name, "new", values=values, practice=practice)
        row.contact = contact
        if practice is None:
            plan.rows.append(row)
            continue
        current = {
            **{name: getattr(practice, name) for name in PRACTICE_FIELDS},
            "contact_name": contact.name if contact else "",
            "contact_email": contact.email.lower() if contact else "",
        }
        for column in COMPARED:
            if column in CONTACT_COLUMNS and not values["contact_email"]:
                continue  # an empty contact in the file leaves the contact alone
            if current[column] != values[column]:
                row.changes.append(
                    (
                        column_label(column),
                        _display(current[column]),
                        _display(values[column]),
                    )
                )
        row.status = "changed" if row.changes else "unchanged"
        plan.rows.append(row)
    plan.errors.sort(key=lambda e: (e.row, COLUMNS.index(e.column)))
    return plan
