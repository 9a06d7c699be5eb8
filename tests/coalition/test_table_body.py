"""`{% table_body %}` writes the same rows as django-tables2's own Bootstrap 5 template:
the practice list (links, badges, yes/no, dates, empty cells, fixed cell classes), a
table whose row class depends on the record, one whose cell attributes and classes do,
localized and unlocalized columns, and the empty table."""

from __future__ import annotations

import datetime as dt
import functools
import re

import django_tables2 as tables
import pytest
from django.db.models import Model
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override
from django_tables2.rows import BoundRow

from coalition.models import MemberOrganisation
from coalition.tables_orgs import MemberOrganisationTable
from practices import selectors
from practices.models import Practice
from practices.tables import PracticeTable
from tests.factories import (
    CoalitionFactory,
    MemberOrganisationFactory,
    PracticeFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db


def _render(table, template: str) -> str:
    request = RequestFactory().get("/lijst/", {"sort": "-name"})
    tables.RequestConfig(request, paginate={"per_page": 50}).configure(table)
    table.template_name = template
    with override("nl"):
        return table.as_html(request)


def _tbody(html: str) -> str:
    body = re.search(r"<tbody[^>]*>(.*)</tbody>", html, re.S).group(1)
    return re.sub(r">\s+<", "><", body.strip())


def _same_rows(make_table) -> str:
    ours = _tbody(_render(make_table(), "tables/bootstrap5.html"))
    theirs = _tbody(_render(make_table(), "django_tables2/bootstrap5.html"))
    assert ours == theirs
    return ours


def test_the_practice_list_rows_are_django_tables2s():
    coalition = CoalitionFactory()
    vendor = VendorFactory(name="Portaal & Co <BV>")
    PracticeFactory(
        coalition=coalition, name="Praktijk 'De Linde'", portal_vendor=vendor
    )
    PracticeFactory(coalition=coalition, name="Praktijk Zuid", portal_vendor=None)
    rows = selectors.practice_list(
        Practice.objects.filter(coalition=coalition),
        service=selectors.PRIMARY_SERVICE,
        today=timezone.localdate(),
    )
    body = _same_rows(lambda: PracticeTable(rows))
    assert "Portaal &amp; Co &lt;BV&gt;" in body
    assert body.count("<tr ") == 2
    assert 'class="d-none d-xxl-table-cell"' in body


def test_a_row_class_from_the_record_is_kept():
    coalition = CoalitionFactory()
    MemberOrganisationFactory(coalition=coalition, name="Kring Oost")
    MemberOrganisationFactory(
        coalition=coalition, name="Kring West", ended_on=dt.date(2025, 1, 1)
    )
    body = _same_rows(
        lambda: MemberOrganisationTable(
            MemberOrganisation.objects.filter(coalition=coalition)
        )
    )
    assert "text-body-secondary" in body


class Cells(tables.Table):
    name = tables.Column(
        attrs={"td": {"data-name": lambda record: record.name, "class": "naam"}}
    )
    list_size = tables.Column(localize=True)
    agb_code = tables.Column(localize=False)
    city = tables.Column(attrs={"cell": {"class": "plaats"}})

    class Meta:
        model = Practice
        fields = ("name", "list_size", "agb_code", "city")
        attrs = {"td": {"class": "cel"}}

    def get_column_class_names(self, classes_set, bound_column):
        return classes_set | {f"kol-{bound_column.name}"}


class Values(tables.Table):
    """No model in Meta: a choices field, a render method asking for the record, one
    with **kwargs, and one asking for an argument no cell has."""

    neighbourhood = tables.Column()
    postcode = tables.Column()
    city = tables.Column()
    street = tables.Column()
    name = tables.Column(linkify=lambda record: f"/praktijken/{record.pk}/")

    def render_postcode(self, value, record):
        return format_html("<b>{}</b> {}", value, record.city)

    def render_city(self, **kwargs):
        return f"{kwargs['value']} ({kwargs['bound_column'].name})"

    def render_street(self, value, unknown):
        return "never"


def test_cell_attributes_from_the_record_and_localisation_are_kept():
    coalition = CoalitionFactory()
    PracticeFactory(coalition=coalition, name="A & B", list_size=12500)
    PracticeFactory(coalition=coalition, name="C", list_size=0, city="")
    body = _same_rows(lambda: Cells(Practice.objects.filter(coalition=coalition)))
    assert 'data-name="A &amp; B"' in body
    assert ">12500<" in body
    assert "kol-city" in body


def test_values_read_off_the_record_render_as_the_library_does():
    coalition = CoalitionFactory()
    PracticeFactory(
        coalition=coalition, neighbourhood="urban", postcode="3011 AB", city="R&D"
    )
    PracticeFactory(coalition=coalition, neighbourhood="", postcode="", city="")
    body = _same_rows(lambda: Values(Practice.objects.filter(coalition=coalition)))
    assert "<b>3011 AB</b> R&amp;D" in body
    assert "R&amp;D (city)" in body
    assert 'href="/praktijken/' in body


def test_an_empty_table_says_so():
    body = _same_rows(lambda: PracticeTable(Practice.objects.none()))
    assert "Geen praktijken gevonden met deze filters." in body


class Paths(tables.Table):
    """Values reached through the records a practice points to: a name, a choices
    field (shown by its label), a relation that may be empty, a related record as a
    link, a path the library must resolve, and a choices field of the practice."""

    coalition_name = tables.Column(accessor="coalition__name")
    member = tables.Column(accessor="member_organisation__name", default="geen")
    vendor_kind = tables.Column(accessor="portal_vendor__kind", default="—")
    vendor = tables.Column(accessor="portal_vendor", default="—")
    vendor_name = tables.Column(
        accessor="portal_vendor__name", linkify=lambda record: "/leverancier/"
    )
    upper = tables.Column(accessor="coalition__name__upper", default="?")

    class Meta:
        model = Practice
        fields = ("name", "neighbourhood")


def test_values_through_relations_render_as_the_library_does(monkeypatch):
    coalition = CoalitionFactory(name="Coalitie & Co")
    PracticeFactory(
        coalition=coalition,
        neighbourhood="deprived",
        portal_vendor=VendorFactory(name="Portaal BV", kind="portal"),
    )
    PracticeFactory(coalition=coalition, portal_vendor=None, neighbourhood="")
    practices = Practice.objects.filter(coalition=coalition).select_related(
        "coalition", "member_organisation", "portal_vendor"
    )
    theirs = _tbody(_render(Paths(practices), "django_tables2/bootstrap5.html"))
    # Ours reads every cell off the record but those the library must decide: the
    # path through a name (upper) and, for the practice without a portal, the paths
    # through its empty relation (a link column may show its text there).
    asked = []
    get_cell = BoundRow.get_cell

    def spy(row, name):
        asked.append(name)
        return get_cell(row, name)

    monkeypatch.setattr(BoundRow, "get_cell", spy)
    ours = _tbody(_render(Paths(practices), "tables/bootstrap5.html"))
    assert ours == theirs
    assert sorted(asked) == ["upper", "upper", "vendor_kind", "vendor_name"]
    assert ">Coalitie &amp; Co<" in ours
    assert ">achterstandswijk<" in ours  # the practice's own choices field
    assert '<a href="/leverancier/">Portaal BV</a>' in ours
    assert ">—<" in ours  # no portal: the default
    kind = Practice.objects.filter(portal_vendor__isnull=False).get().portal_vendor
    assert f">{kind.get_kind_display()}<" in ours


class Written(tables.Table):
    """Cells written once per table: a check box, a link by a whole-number key, a
    yes/no; beside each, one the library must still write (a box that can be checked,
    a link by a text key)."""

    pick = tables.CheckBoxColumn(
        accessor="pk", attrs={"td__input": {"name": "pk", "aria-label": "Kies <ze>"}}
    )
    picked = tables.CheckBoxColumn(
        accessor="pk", checked=lambda value, record: record.list_size > 1000
    )
    name = tables.Column(linkify=("practices:detail", {"pk": tables.A("pk")}))
    agb_code = tables.Column(linkify=("practices:detail", {"pk": tables.A("agb_code")}))
    active = tables.BooleanColumn(accessor="is_active", yesno=("ja <1>", "nee"))
    safe = tables.BooleanColumn(
        accessor="is_active", yesno=(mark_safe("<i>ja</i>"), "nee")
    )

    class Meta:
        model = Practice
        fields = ()


def test_check_boxes_links_and_yes_no_written_once_are_the_librarys(monkeypatch):
    from django_tables2.columns.base import LinkTransform

    coalition = CoalitionFactory()
    PracticeFactory(coalition=coalition, name="A & B", list_size=5000)
    PracticeFactory(coalition=coalition, name="C <D>", list_size=10, is_active=False)
    practices = Practice.objects.filter(coalition=coalition)
    theirs = _tbody(_render(Written(practices), "django_tables2/bootstrap5.html"))
    calls = []
    for owner, name in (
        (LinkTransform, "__call__"),
        (tables.CheckBoxColumn, "render"),
        (tables.BooleanColumn, "render"),
    ):
        original = getattr(owner, name)

        @functools.wraps(original)  # the library passes what the signature names
        def spy(self, *args, _original=original, _name=owner.__name__, **kwargs):
            calls.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(owner, name, spy)
    ours = _tbody(_render(Written(practices), "tables/bootstrap5.html"))
    assert ours == theirs
    # Only the checkable boxes and the links by a text key, one per row.
    assert sorted(calls) == ["CheckBoxColumn"] * 2 + ["LinkTransform"] * 2
    pk = practices.get(name="A & B").pk
    assert f'<a href="/praktijken/{pk}/">A &amp; B</a>' in ours
    assert f'name="pk" value="{pk}" aria-label="Kies &lt;ze&gt;"' in ours
    assert '<span class="true">ja &lt;1&gt;</span>' in ours
    assert '<span class="false">nee</span>' in ours
    assert (
        '<span class="true">&lt;i&gt;ja&lt;/i&gt;</span>' in ours
    )  # escaped, as theirs


class Choices(tables.Table):
    class Meta:
        model = Practice
        fields = ("name", "neighbourhood")


def test_choice_labels_looked_up_once_are_djangos(monkeypatch):
    """A choices field's label as get_<name>_display gives it: a known value, one
    outside the choices (shown as it is), and a model's own get_<name>_display."""
    coalition = CoalitionFactory()
    PracticeFactory(coalition=coalition, name="A", neighbourhood="deprived")
    odd = PracticeFactory(coalition=coalition, name="B", neighbourhood="deprived")
    Practice.objects.filter(pk=odd.pk).update(neighbourhood="<elders>")
    practices = Practice.objects.filter(coalition=coalition)
    theirs = _tbody(_render(Choices(practices), "django_tables2/bootstrap5.html"))
    looked_up = []
    display = Model._get_FIELD_display

    def spy(self, field):
        looked_up.append(field.name)
        return display(self, field)

    monkeypatch.setattr(Model, "_get_FIELD_display", spy)
    body = _tbody(_render(Choices(practices), "tables/bootstrap5.html"))
    assert body == theirs and not looked_up  # the labels, not the method per cell
    monkeypatch.undo()
    assert ">achterstandswijk<" in body and ">&lt;elders&gt;<" in body
    monkeypatch.setattr(
        Practice, "get_neighbourhood_display", lambda self: f"eigen {self.name}"
    )
    body = _same_rows(lambda: Choices(practices))
    assert ">eigen A<" in body and ">eigen B<" in body


LAZY = gettext_lazy("ja")


class Texts(tables.Table):
    """Cells the tag escapes itself: plain text with markup, text marked safe, and a
    lazy translation that is the same object on every row (translated once per
    table, in the language of the request)."""

    name = tables.Column()
    city = tables.Column()
    postcode = tables.Column()

    def render_name(self, value):
        return f"<{value}>"

    def render_city(self, value):
        return mark_safe(f"<i>{value}</i>")  # noqa: S308 - the test's own markup

    def render_postcode(self, value):
        return LAZY


@pytest.mark.parametrize("language", ["nl", "en"])
def test_text_safe_text_and_lazy_translations_are_escaped_as_the_library_does(
    language,
):
    coalition = CoalitionFactory()
    PracticeFactory(coalition=coalition, name="A & B", city="Z", postcode="1")
    PracticeFactory(coalition=coalition, name="C", city="Y", postcode="2")

    def rows(template):
        table = Texts(Practice.objects.filter(coalition=coalition))
        request = RequestFactory().get("/lijst/")
        tables.RequestConfig(request).configure(table)
        table.template_name = template
        with override(language):
            return _tbody(table.as_html(request))

    ours = rows("tables/bootstrap5.html")
    assert ours == rows("django_tables2/bootstrap5.html")
    assert "&lt;A &amp; B&gt;" in ours and "<i>Z</i>" in ours
    assert ours.count(">ja<" if language == "nl" else ">yes<") == 2
