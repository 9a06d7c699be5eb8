"""One export path: every list download goes through coalition.exports/coalition.xlsx.

The files are opened back with openpyxl: formula-like text carries OWASP's leading
quote, numbers and dates are real cells with Dutch display formats, empty is empty, and
the registry export imports back to exactly the original text.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import django_tables2 as tables
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.html import format_html
from openpyxl import load_workbook

from coalition.exports import ExportMixin, TableExporter
from coalition.models import Service
from coalition.tables import DateColumn, DateTimeColumn, NumberColumn
from coalition.xlsx import (
    Sheet,
    escape_formula,
    read_text,
    unescape_formula,
    write_xlsx,
)
from practices import services as practice_services
from practices.models import Practice, Rollout
from practices.visits import services as visit_services
from practices.visits.models import Bottleneck
from tests.factories import PracticeFactory
from tests.practices.visits_factories import BottleneckFactory, FollowUpActionFactory
from tests.training.factories import CourseFactory, RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db

PAYLOADS = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\tX", "\rY"]


def stored(payload: str) -> str:
    """What a text cell holds for `payload`: the quote, and a CR in OOXML's own escape
    (_x000D_; XML would turn a bare CR into a line feed). Excel shows the CR."""
    return "'" + payload.replace("\r", "_x000D_")


def sheet_of(content: bytes):
    return load_workbook(io.BytesIO(content)).active


def cells(ws):
    return [c for row in ws.iter_rows(min_row=2) for c in row]


# --- the rule -------------------------------------------------------------------------


@pytest.mark.parametrize("payload", [*PAYLOADS, "'=x", "''+y", "_x000D_"])
def test_escape_then_read_is_exact(payload):
    assert escape_formula(payload).startswith("'") or payload == "_x000D_"
    assert unescape_formula(escape_formula(payload)) == payload
    content = write_xlsx(Sheet("s", ["tekst"], [[payload]]))
    assert read_text(sheet_of(content)["A2"].value) == payload


@pytest.mark.parametrize("text", ["gewoon", "3011 AB", "'citaat", "a-b", "", "'"])
def test_ordinary_text_is_left_alone(text):
    assert escape_formula(text) == text
    assert unescape_formula(text) == text


def test_cells_are_numbers_dates_and_empty(settings):
    moment = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)  # 1 April 01:30 Amsterdam
    content = write_xlsx(
        Sheet(
            "Lijst [1/2]",
            ["getal", "bedrag", "datum", "moment", "leeg", "tekst"],
            [[8190, Decimal("12.50"), dt.date(2026, 11, 11), moment, None, "=1+1"]],
        )
    )
    ws = sheet_of(content)
    number, amount, day, when, empty, text = ws[2]
    assert (number.value, number.data_type, number.number_format) == (
        8190,
        "n",
        "#,##0",
    )
    assert amount.value == 12.5 and amount.number_format == "#,##0.00"
    assert day.is_date and day.number_format == "d-m-yyyy"
    assert day.value.isoformat() == "2026-11-11T00:00:00"
    assert when.is_date and when.number_format == "d-m-yyyy hh:mm"
    assert when.value.isoformat() == "2026-04-01T01:30:00"  # Amsterdam wall time
    assert empty.value is None
    assert text.value == "'=1+1" and text.data_type == "s"
    assert ws.freeze_panes == "A2"
    assert all(c.font.b for c in ws[1])
    assert ws.title == "Lijst -1-2-"
    assert 8 <= ws.column_dimensions["D"].width <= 60


def test_one_module_creates_workbooks():
    """Only coalition/xlsx.py builds a workbook (through coalition/xlsx_package.py, the
    one writer of the file format); no module builds one with openpyxl."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sources = {
        str(p.relative_to(root)): p.read_text()
        for app in ("coalition", "practices", "training", "content", "surveys")
        for p in (root / app).rglob("*.py")
    }
    assert not [path for path, text in sources.items() if "Workbook(" in text]
    writers = sorted(path for path, text in sources.items() if "xlsx_package" in text)
    assert writers == ["coalition/xlsx.py"]


# --- the table exporter ---------------------------------------------------------------


class _Table(tables.Table):
    name = tables.Column(linkify=lambda record: "/x/")
    size = NumberColumn()
    day = DateColumn()
    moment = DateTimeColumn()
    ok = tables.BooleanColumn(yesno=("ja", "nee"))
    label = tables.Column(empty_values=())
    button = tables.TemplateColumn("<b>x</b>", exclude_from_export=True)
    note = tables.Column(visible=False)

    def render_label(self, record):
        return format_html("<em>{}</em>", record["name"])


def test_exporter_reads_values_not_rendered_html():
    moment = dt.datetime(2026, 12, 6, 12, 30, tzinfo=dt.UTC)
    table = _Table(
        [
            {
                "name": "=A1",
                "size": 8190,
                "day": moment,
                "moment": moment,
                "ok": True,
                "note": "verborgen",
            }
        ]
    )
    exporter = TableExporter(table)
    assert exporter.headers() == [
        "Name",
        "Size",
        "Day",
        "Moment",
        "Ok",
        "Label",
        "Note",
    ]
    assert list(exporter.rows()) == [
        ["=A1", 8190, dt.date(2026, 12, 6), moment, "ja", "=A1", "verborgen"]
    ]
    # On screen the same columns show the Dutch text.
    row = table.rows[0]
    assert row.get_cell("size") == "8.190"
    assert row.get_cell("day") == "6-12-2026"
    assert row.get_cell("moment") == "6-12-2026 13:30"


# --- every list export of the project -------------------------------------------------


@pytest.fixture
def hostile(coalition, lead, trainer):
    """Practices, actions, bottlenecks and registrations whose text is a payload."""
    course = CourseFactory(coalition=coalition)
    session = SessionFactory(course=course, trainers=[trainer], capacity=20)
    for i, payload in enumerate(PAYLOADS):
        practice = PracticeFactory(coalition=coalition, name=payload, cohort=payload)
        visit = visit_services.visit_create(
            by=lead,
            practice=practice,
            planned_on=timezone.localdate(),
            visitors=[lead],
        )
        FollowUpActionFactory(visit=visit, description=payload)
        BottleneckFactory(practice=practice, description=payload)
        BottleneckFactory(
            practice=practice,
            description=payload,
            status=Bottleneck.Status.PASSED_ON,
            passed_to=Bottleneck.PassedTo.OFFICE,
            passed_on_at=timezone.now(),
        )
        RegistrationFactory(
            session=session,
            practice=practice,
            name=payload,
            email=f"p{i}@praktijk.example.test",
        )
    return session


@pytest.fixture
def hostile_lists(coalition, hostile):
    """Vendors, courses and questionnaires whose names are payloads, and a questionnaire
    the hostile practices have started (its progress list names them)."""
    from surveys import services as survey_services
    from tests.factories import FrameworkAgreementFactory, VendorFactory
    from tests.surveys.factories import open_standard

    for i, payload in enumerate(PAYLOADS):
        FrameworkAgreementFactory(
            coalition=coalition, vendor=VendorFactory(name=payload)
        )
        CourseFactory(coalition=coalition, title=payload)
        questionnaire = open_standard(coalition, 2019 + i)
        questionnaire.title = payload
        questionnaire.save(update_fields=["title"])
    for practice in Practice.objects.filter(coalition=coalition, name__in=PAYLOADS):
        survey_services.response_start(questionnaire=questionnaire, practice=practice)
    return questionnaire


@pytest.fixture
def hostile_admin(coalition, hostile, lead):
    """The administration lists' records named by payloads: member organisations,
    grants (funders), coalitions, certifications (their source) and users."""
    from coalition.models import Certification, Role
    from tests.factories import (
        CoalitionFactory,
        FunderFactory,
        GrantFactory,
        MemberOrganisationFactory,
        ProductVersionFactory,
        VendorFactory,
        user_with_role,
    )

    practices = list(Practice.objects.filter(coalition=coalition, name__in=PAYLOADS))
    for i, payload in enumerate(PAYLOADS):
        MemberOrganisationFactory(coalition=coalition, name=payload)
        GrantFactory(coalition=coalition, funder=FunderFactory(name=payload))
        CoalitionFactory(name=payload, slug=f"payload-{i}")
        Certification.objects.create(
            product_version=ProductVersionFactory(vendor=VendorFactory()),
            standard="gp_data",
            since=dt.date(2025, 1, 1),
            source=payload,
            proposed_by=lead,
            proposed_for=coalition,
        )
        user_with_role(
            Role.PRACTICE,
            practice=practices[i],
            email=f"payload{i}@praktijk.example.test",
        )


OFFICE_LISTS = {
    "visits:bottleneck_inbox",
    "coalition:office_coalition_list",
    "coalition:certification_list",
}


# Every download of a list: (url name, query). A list view with ExportMixin must be
# here (test_every_export_is_covered).
EXPORTS = {
    "practices:list": {"export": "xlsx"},
    "practices:list registry": {"export": "registry"},
    "visits:visit_list": {"export": "xlsx"},
    "visits:action_list": {"export": "xlsx"},
    "visits:bottleneck_list": {"export": "xlsx"},
    "visits:yearly": {"export": "xlsx"},
    "visits:bottleneck_inbox": {"export": "xlsx"},
    "training:attendee_export": {},
    "practices:vendor_list": {"export": "xlsx"},
    "training:course_list": {"export": "xlsx"},
    "surveys:questionnaire_list": {"export": "xlsx"},
    "surveys:progress": {"export": "xlsx"},
    "coalition:member_org_list": {"export": "xlsx"},
    "coalition:agreement_list": {"export": "xlsx"},
    "coalition:grant_list": {"export": "xlsx"},
    "coalition:office_coalition_list": {"export": "xlsx"},
    "coalition:vendor_admin_list": {"export": "xlsx"},
    "coalition:certification_list": {"export": "xlsx"},
    "coalition:user_list": {"export": "xlsx"},
}
NEED_ADMIN = {
    "coalition:member_org_list",
    "coalition:grant_list",
    "coalition:office_coalition_list",
    "coalition:certification_list",
    "coalition:user_list",
}
NEED_LISTS = {
    "practices:vendor_list",
    "coalition:agreement_list",
    "coalition:vendor_admin_list",
    "training:course_list",
    "surveys:questionnaire_list",
    "surveys:progress",
}


def _export_url(case: str, session, questionnaire=None) -> str:
    name = case.split()[0]
    args = {"training:attendee_export": [session.pk]}.get(name, [])
    if name == "surveys:progress":
        args = [questionnaire.pk]
    return reverse(name, args=args)


@pytest.mark.parametrize("case", EXPORTS)
def test_every_list_export_escapes_formula_text(
    case, hostile, lead, office, client_for, request
):
    user = office if case in OFFICE_LISTS else lead  # the office's own lists
    questionnaire = (
        request.getfixturevalue("hostile_lists") if case in NEED_LISTS else None
    )
    if case in NEED_ADMIN:
        request.getfixturevalue("hostile_admin")
    response = client_for(user).get(
        _export_url(case, hostile, questionnaire), EXPORTS[case]
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('.xlsx"')
    texts = {c.value for c in cells(sheet_of(response.content)) if c.data_type == "s"}
    for payload in PAYLOADS:
        # the cell is the payload, or starts with it ("name (AGB code)")
        escaped = [t for t in texts if t.startswith(stored(payload))]
        assert escaped, (case, payload)
        assert not any(t.startswith(payload) for t in texts), (case, payload)
    assert not any(c.data_type == "f" for c in cells(sheet_of(response.content)))


def _views_with_export(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{prefix}{p.namespace}:" if p.namespace else prefix
            yield from _views_with_export(p, ns)
        elif isinstance(p, URLPattern):
            view = getattr(p.callback, "view_class", None)
            if view is not None and issubclass(view, ExportMixin):
                for fmt in view.export_formats:
                    yield f"{prefix}{p.name}" + ("" if fmt == "xlsx" else f" {fmt}")


def test_every_export_is_covered():
    assert set(_views_with_export()) <= set(EXPORTS)


def test_registry_round_trip_is_exact(coalition, hostile, lead, client_for):
    names = {p.pk: p.name for p in Practice.objects.filter(coalition=coalition)}
    response = client_for(lead).get(
        reverse("practices:list"), EXPORTS["practices:list registry"]
    )
    plan = practice_services.registry_import(
        coalition=coalition, file=io.BytesIO(response.content), commit=True
    )
    assert plan.committed, plan
    assert plan.n_new == 0 and plan.n_changed == 0
    after = {p.pk: p.name for p in Practice.objects.filter(coalition=coalition)}
    assert after == names
    assert set(PAYLOADS) <= set(after.values())


# --- numbers and dates of the practice list and the attendee list (issue 10.5) -------


def test_practice_list_has_number_and_date_cells(coalition, lead, client_for):
    planned = PracticeFactory(coalition=coalition, name="A gepland", list_size=8190)
    open_ = PracticeFactory(coalition=coalition, name="B open", list_size=1200)
    Rollout.objects.create(
        practice=planned,
        service=Service.RECORD_ACCESS,
        step=1,
        planned_date=dt.date(2026, 11, 11),
    )
    Rollout.objects.create(practice=open_, service=Service.RECORD_ACCESS, step=1)
    response = client_for(lead).get(reverse("practices:list"), {"export": "xlsx"})
    ws = sheet_of(response.content)
    header = [c.value for c in ws[1]]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    size = rows["A gepland"][header.index("Patiënten")]
    assert (size.value, size.data_type, size.number_format) == (8190, "n", "#,##0")
    day = rows["A gepland"][header.index("Gepland live")]
    assert day.is_date and day.number_format == "d-m-yyyy"
    assert day.value.date() == dt.date(2026, 11, 11)
    assert rows["B open"][header.index("Gepland live")].value is None


def test_attendee_registered_at_is_amsterdam_date_time(coalition, trainer, client_for):
    from training.models import Registration

    session = SessionFactory(
        course=CourseFactory(coalition=coalition), trainers=[trainer]
    )
    reg = RegistrationFactory(session=session, name="Bram Bos")
    Registration.objects.filter(pk=reg.pk).update(
        created=dt.datetime(2026, 6, 30, 22, 15, tzinfo=dt.UTC)
    )
    response = client_for(trainer).get(
        reverse("training:attendee_export", args=[session.pk])
    )
    ws = sheet_of(response.content)
    header = [c.value for c in ws[1]]
    cell = ws[2][header.index("Aangemeld op")]
    assert cell.is_date and cell.number_format == "d-m-yyyy hh:mm"
    assert cell.value.isoformat() == "2026-07-01T00:15:00"  # summer time: next day


def test_values_read_and_record_read_give_the_same_rows(coalition, hostile):
    """The practice list is read with values_list (no model instances: issue 15's
    hotspot); the rows are those the model instances give."""
    from practices import selectors
    from practices.tables import PracticeTable

    PracticeFactory(coalition=coalition, his_vendor=None, cohort="")
    qs = selectors.practice_list(
        Practice.objects.filter(coalition=coalition),
        service=Service.RECORD_ACCESS,
        today=timezone.localdate(),
    ).order_by("name")
    exporter = TableExporter(PracticeTable(qs, service=Service.RECORD_ACCESS))
    assert exporter._values_plan() is not None
    fast = list(exporter.rows())
    slow_exporter = TableExporter(PracticeTable(qs, service=Service.RECORD_ACCESS))
    slow_exporter._values_plan = lambda: None
    assert fast == list(slow_exporter.rows())
    assert len(fast) == len(PAYLOADS) + 1
