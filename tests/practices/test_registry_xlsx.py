"""Registry import and export (xlsx): round trip, every bad input, formula safety and the
management commands with their exit codes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from django.core.management import call_command

from coalition import uploads
from coalition.models import Vendor
from practices import exports, imports, selectors, services
from practices.imports import COLUMNS
from practices.models import Practice, PracticeContact
from tests.factories import PracticeFactory, ProductVersionFactory, VendorFactory

pytestmark = pytest.mark.django_db


def xlsx(rows, headers=COLUMNS) -> io.BytesIO:
    wb = openpyxl.Workbook()
    ws = wb.active
    if headers is not None:
        ws.append(list(headers))
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


@pytest.fixture
def vendors(db):
    return {
        "his": VendorFactory(name="Medisys HIS", kind=Vendor.Kind.HIS),
        "portal": VendorFactory(name="Praktijkportaal", kind=Vendor.Kind.PORTAL),
    }


@pytest.fixture
def member(coalition):
    return coalition.member_organisations.order_by("pk").first()


def row(member, **over):
    values = {
        "agb_code": "01234567",
        "name": "Huisartsenpraktijk De Linde",
        "member_organisation": member.name,
        "street": "Lindelaan 4",
        "postcode": "3011ab",
        "city": "Rotterdam",
        "list_size": 2400,
        "his_vendor": "Medisys HIS",
        "portal_vendor": "praktijkportaal",
        "cohort": "golf 2",
        "neighbourhood": "deprived",
        "contact_name": "Anne de Vries",
        "contact_email": "Anne@Linde.example",
    }
    values.update(over)
    return [values[c] for c in COLUMNS]


def plan(coalition, file, commit=False):
    return services.registry_import(coalition=coalition, file=file, commit=commit)


def test_a_valid_file_is_previewed_then_written(coalition, member, vendors):
    file = xlsx([row(member), row(member, agb_code=1234568, name="Praktijk Twee")])
    dry = plan(coalition, file)
    assert dry.valid and (dry.n_new, dry.n_changed) == (2, 0)
    assert not Practice.objects.exists()  # a dry run writes nothing

    done = plan(coalition, file, commit=True)
    assert done.committed
    p = Practice.objects.get(agb_code="01234567")
    assert p.postcode == "3011 AB"  # stored normalised
    assert p.portal_vendor == vendors["portal"]
    assert p.neighbourhood == "deprived"
    # the code a spreadsheet turned into a number is restored to 8 digits
    assert Practice.objects.filter(agb_code="01234568").exists()
    assert PracticeContact.objects.get(practice=p).email == "anne@linde.example"
    # not started with every service until the first change
    assert {r["step"] for r in selectors.rollout_matrix(p)} == {0}
    assert p.history.count() == 1


def test_changed_fields_are_listed_and_unchanged_rows_left_alone(
    coalition, member, vendors
):
    plan(coalition, xlsx([row(member)]), commit=True)
    again = plan(coalition, xlsx([row(member, list_size=2600, city="Schiedam")]))
    (r,) = again.rows
    assert r.status == "changed"
    assert r.changes == [  # named as the lead's file and the page name them
        ("Plaats", "Rotterdam", "Schiedam"),
        ("Aantal patiënten", "2400", "2600"),
    ]
    assert plan(coalition, xlsx([row(member)])).rows[0].status == "unchanged"


def test_a_changed_row_gets_a_new_updated_moment(coalition, member, vendors):
    plan(coalition, xlsx([row(member)]), commit=True)
    Practice.objects.update(updated=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    plan(coalition, xlsx([row(member, city="Schiedam")]), commit=True)
    p = Practice.objects.get(agb_code="01234567")
    assert p.city == "Schiedam"
    assert p.updated.year > 2020


def test_a_new_his_vendor_drops_the_old_vendors_product_version(
    coalition, member, vendors
):
    plan(coalition, xlsx([row(member)]), commit=True)
    p = Practice.objects.get(agb_code="01234567")
    p.his_version = ProductVersionFactory(vendor=vendors["his"])
    p.save()
    VendorFactory(name="Andere HIS", kind=Vendor.Kind.HIS)
    done = plan(coalition, xlsx([row(member, his_vendor="Andere HIS")]), commit=True)
    assert done.committed
    p.refresh_from_db()
    assert p.his_vendor.name == "Andere HIS"
    assert p.his_version is None  # no version of the previous vendor left behind


def test_export_then_import_changes_nothing(coalition, member, vendors):
    plan(
        coalition,
        xlsx(
            [
                row(member),
                row(member, agb_code="00000042", name='=HYPERLINK("x")', cohort=""),
                row(
                    member,
                    agb_code="07654321",
                    his_vendor="",
                    contact_name="",
                    contact_email="",
                ),
            ]
        ),
        commit=True,
    )
    # Text that a spreadsheet would take for a formula survives the round trip.
    PracticeFactory(
        coalition=coalition, agb_code="00000042", name='=HYPERLINK("x")', cohort="+1"
    )
    before = list(Practice.objects.order_by("pk").values())
    content = exports.registry_xlsx(Practice.objects.filter(coalition=coalition))
    result = plan(coalition, io.BytesIO(content), commit=True)
    assert result.valid, result.messages()
    assert {r.status for r in result.rows} == {"unchanged"}
    assert list(Practice.objects.order_by("pk").values()) == before


def test_text_that_looks_like_a_formula_is_exported_as_text(coalition, member):
    PracticeFactory(coalition=coalition, name="=1+1", cohort="@golf", city="-Delft")
    content = exports.registry_xlsx(Practice.objects.all())
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere
    ws = openpyxl.load_workbook(io.BytesIO(content)).active
    values = [c.value for c in ws[2]]
    # OWASP's rule: a leading quote, which the import strips again.
    assert "'=1+1" in values and "'@golf" in values and "'-Delft" in values
    assert all(c.data_type != "f" for c in ws[2])


def test_formulas_in_the_import_are_read_as_their_values(coalition, member, vendors):
    """A formula's cached value is what counts (written here as Excel would)."""
    file = xlsx([row(member, list_size="=1200*2")])
    # openpyxl writes no cached value; a formula without one reads as empty.
    result = plan(coalition, file)
    assert not result.valid
    assert [(e.row, e.column) for e in result.errors] == [(2, "list_size")]
    assert not Practice.objects.exists()


def test_the_template_speaks_dutch_and_explains_each_column(coalition, member, vendors):
    wb = openpyxl.load_workbook(io.BytesIO(imports.registry_template()))
    first, explain = wb.worksheets
    header = [c.value for c in first[1]]
    assert header == [
        "AGB-code",
        "Naam",
        "Lidorganisatie",
        "Straat en huisnummer",
        "Postcode",
        "Plaats",
        "Aantal patiënten",
        "HIS-leverancier",
        "Portaalleverancier",
        "Cohort",
        "Wijkprofiel",
        "Contactpersoon",
        "E-mail contactpersoon",
    ]
    assert explain.title == "Toelichting"
    explained = [r[0] for r in explain.iter_rows(min_row=2, values_only=True)]
    assert all(label in explained for label in header)
    # The template filled in imports: its Dutch headers are read.
    first.append(row(member))
    buf = io.BytesIO()
    wb.save(buf)
    result = plan(coalition, buf)
    assert result.valid and result.n_new == 1, result.messages()


def test_errors_name_the_dutch_column(coalition, member, vendors):
    result = plan(coalition, xlsx([row(member, postcode="30 AB")]))
    assert result.messages()[0].startswith("rij 2, kolom Postcode: ")
    headers = [c for c in COLUMNS if c != "list_size"]
    refused = plan(coalition, xlsx([["x"] * len(headers)], headers=headers)).refused
    assert refused == "Deze kolommen ontbreken: ‘Aantal patiënten’."


# --- bad input: a clear message and nothing written ----------------------------------


@pytest.mark.parametrize(
    ("over", "column", "text"),
    [
        ({"agb_code": "1234567"}, None, None),  # the zero Excel dropped is back
        ({"agb_code": "1234"}, "agb_code", "geen AGB-code"),  # never padded
        ({"agb_code": 123456}, "agb_code", "geen AGB-code"),
        ({"agb_code": "1234567890"}, "agb_code", "geen AGB-code"),
        ({"agb_code": "0123456A"}, "agb_code", "geen AGB-code"),
        ({"agb_code": ""}, "agb_code", "ontbreekt"),
        ({"postcode": "301 AB"}, "postcode", "geen Nederlandse postcode"),
        ({"postcode": "3011 SS"}, "postcode", "geen Nederlandse postcode"),
        ({"contact_email": "anne@"}, "contact_email", "geen geldig e-mailadres"),
        ({"contact_email": ""}, "contact_email", "e-mailadres"),
        ({"his_vendor": "Onbekend BV"}, "his_vendor", "Onbekende leverancier"),
        ({"his_vendor": "Praktijkportaal"}, "his_vendor", "levert geen HIS"),
        ({"portal_vendor": "Medisys HIS"}, "portal_vendor", "levert geen portaal"),
        ({"member_organisation": "Elders"}, "member_organisation", "Onbekende"),
        ({"list_size": -5}, "list_size", "niet negatief"),
        ({"list_size": "veel"}, "list_size", "geen aantal"),
        ({"list_size": 12.5}, "list_size", "geen aantal"),
        ({"list_size": None}, "list_size", "ontbreekt"),
        ({"name": ""}, "name", "naam ontbreekt"),
        ({"neighbourhood": "chic"}, "neighbourhood", "wijkprofiel"),
    ],
)
def test_bad_values_are_reported_by_row_and_column(
    coalition, member, vendors, over, column, text
):
    good = row(member, agb_code="07777777", name="Goede praktijk")
    result = plan(coalition, xlsx([good, row(member, **over)]), commit=True)
    if column is None:
        assert result.valid
        return
    assert not result.committed
    assert [(e.row, e.column) for e in result.errors] == [(3, column)]
    assert text in result.errors[0].message
    assert not Practice.objects.exists()  # not even the good row


def test_duplicate_agb_codes_in_the_file(coalition, member, vendors):
    result = plan(
        coalition, xlsx([row(member), row(member, agb_code=1234567)]), commit=True
    )
    assert [(e.row, e.column) for e in result.errors] == [(3, "agb_code")]
    assert "rij 2" in result.errors[0].message
    assert not Practice.objects.exists()


def test_an_agb_of_another_coalition_is_refused_without_saying_so(
    coalition, other_coalition, member, vendors
):
    PracticeFactory(coalition=other_coalition, agb_code="01234567", name="Elders")
    result = plan(coalition, xlsx([row(member)]), commit=True)
    assert [(e.row, e.column) for e in result.errors] == [(2, "agb_code")]
    message = result.errors[0].message
    assert "kan hier niet worden geregistreerd" in message
    assert "programmabureau" in message and "coalitie" in message
    assert "andere coalitie" not in message and "Elders" not in message
    assert Practice.objects.get(agb_code="01234567").name == "Elders"


@pytest.mark.parametrize(
    "content", [b"agb_code;name\n01234567;x\n", b"PK\x03\x04 kapot"]
)
def test_not_an_xlsx_or_corrupt(coalition, content):
    result = plan(coalition, io.BytesIO(content), commit=True)
    assert result.refused == "Dit is geen leesbaar xlsx-bestand."


def test_a_zip_that_is_no_workbook_is_refused(coalition):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hallo")
    result = plan(coalition, buf, commit=True)
    assert result.refused == "Dit is geen leesbaar xlsx-bestand."


def test_empty_sheet(coalition):
    assert "leeg" in plan(coalition, xlsx([], headers=None)).refused
    assert "geen praktijken" in plan(coalition, xlsx([])).refused


def test_headers_in_any_order_and_case(coalition, member, vendors):
    headers = [c.upper() for c in reversed(COLUMNS)]
    result = plan(coalition, xlsx([list(reversed(row(member)))], headers=headers))
    assert result.valid and result.n_new == 1


def test_files_over_10_mb_are_refused_before_parsing(coalition, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    called = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: called.append(1))
    result = plan(coalition, xlsx([["x"] * len(COLUMNS)]))
    assert "groter dan 10 MB" in result.refused
    assert not called


def test_sheets_over_50000_rows_are_refused(coalition, monkeypatch, member, vendors):
    monkeypatch.setattr(imports, "MAX_ROWS", 2)
    rows = [row(member, agb_code=f"0100000{i}") for i in range(3)]
    result = plan(coalition, xlsx(rows))
    assert "meer dan" in result.refused


# --- commands -------------------------------------------------------------------------


def test_import_command_exit_codes_and_commit(coalition, member, vendors, tmp_path):
    good = tmp_path / "goed.xlsx"
    good.write_bytes(xlsx([row(member)]).getvalue())
    bad = tmp_path / "fout.xlsx"
    bad.write_bytes(xlsx([row(member, postcode="XX")]).getvalue())
    out = io.StringIO()

    with pytest.raises(SystemExit) as exc:
        call_command("import_registry", str(bad), coalition=coalition.slug, stderr=out)
    assert exc.value.code == 1
    assert "rij 2, kolom Postcode" in out.getvalue()

    call_command("import_registry", str(good), coalition=coalition.slug, stdout=out)
    assert not Practice.objects.exists()  # valid, but no --commit
    call_command(
        "import_registry", str(good), coalition=coalition.slug, commit=True, stdout=out
    )
    assert Practice.objects.filter(agb_code="01234567").exists()

    target = tmp_path / "uit.xlsx"
    call_command("export_registry", str(target), coalition=coalition.slug, stdout=out)
    ws = openpyxl.load_workbook(target).active
    assert ws.max_row == 2 and ws["A2"].value == "01234567"
