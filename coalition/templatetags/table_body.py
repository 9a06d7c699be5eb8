"""`{% table_body table %}`: the rows of a django-tables2 table, as its templates write
them, at a fraction of the cost.

django-tables2's template renders every cell through the template engine and rebuilds
the cell's attributes (`column.attrs.td`, a dozen dicts and a sort) for each of them:
for a page of 50 practices × 14 columns that was about 40 ms of a 100 ms request. Here a
column's cell attributes are built once per table when they cannot depend on the row
(no callables, no per-cell class hook), and the cells are joined in Python. A column
whose value is a field of a model record, or of a record it points to
(`practice__agb_code`), reads it straight off the record (a choices field through its
get_<name>_display, as the library does) and hands it to the column's render method as
the library would (`call_with_appropriate`), without the library's accessor and field
look-ups per cell; the base column's render is not called at all. The cells the
library builds from the same pieces on every row are written from pieces made once per
table: a link by a record's whole-number key (`linkify=("practices:detail", {"pk":
A("pk")})`, reversed once instead of per row), a check box and a yes/no. The output is
the same markup as django-tables2's `bootstrap5.html` (`tests/coalition/
test_table_body.py` compares the two).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from functools import partialmethod

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.base import render_value_in_context
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django_tables2 import (
    BooleanColumn,
    CheckBoxColumn,
    Column,
    ManyToManyColumn,
    Table,
)
from django_tables2.columns.base import LinkTransform
from django_tables2.utils import Accessor, AttributeDict, signature

register = template.Library()
_MISSING = object()
_MARK = 987_654_000  # a number no record's key is: where a key goes in a reversed URL
_VALUE = "\x00value\x00"  # where the value goes in a check box written once


def _path(bound_column) -> list[str] | None:
    """The names a column's value is reached by from the record (`practice__agb_code`
    is two), or None when the accessor is anything else."""
    parts = str(bound_column.accessor).split("__")
    if not all(part.isidentifier() for part in parts) or isinstance(
        bound_column.column, ManyToManyColumn
    ):
        return None
    return parts


def _plan(model, path: list[str]) -> bool | models.Field | None:
    """How a record of `model` gives the value at `path` as the library would: None when
    the library's own reading is needed (a reverse or many-valued relation, a property
    on the way), False for the value as it is, and for a choices field (the library
    shows it through get_<name>_display) the field when that method is Django's own
    (its labels are then looked up once per table), else True (the method is called)."""
    for name in path[:-1]:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            return None
        if not (field.concrete and (field.many_to_one or field.one_to_one)):
            return None
        model = field.related_model
    try:
        field = model._meta.get_field(path[-1])
    except FieldDoesNotExist:
        # The record's own annotation or property is read as it is; one further down
        # the path is left to the library.
        return False if len(path) == 1 else None
    if not field.concrete or field.many_to_many:
        return None
    if not getattr(field, "choices", None):
        return False
    display = inspect.getattr_static(model, f"get_{field.name}_display", None)
    own = (
        isinstance(display, partialmethod)
        and display.func is models.Model._get_FIELD_display
        and field.attname == field.name
    )
    return field if own else True


def _labels(field: models.Field) -> dict:
    """What Django's get_<name>_display gives for each value of a choices field, in
    the active language: it builds this dict (and translates every label) per call."""
    return {
        make_hashable(value): force_str(label, strings_only=True)
        for value, label in field.flatchoices
    }


def _link_url(bound_column) -> Callable[[object], str | None] | None:
    """For `linkify=(viewname, {"pk": A("pk")})`, the common link: the cell's address
    from one URL reversed per table, with the record's whole-number keys put in (the
    library reverses it per cell). None for any other link; the returned function
    gives None for a record whose key is not a whole number (the library links it)."""
    link = bound_column.link
    if (
        type(link) is not LinkTransform
        or link.url is not None
        or link.attrs
        or set(link.reverse_args) != {"viewname", "kwargs"}
        or not isinstance(link.reverse_args["viewname"], str)
    ):
        return None
    kwargs = link.reverse_args["kwargs"]
    if not kwargs or not all(
        isinstance(a, Accessor) and str(a).isidentifier() for a in kwargs.values()
    ):
        return None
    marks = {str(_MARK + i): str(a) for i, a in enumerate(kwargs.values())}
    try:
        url = reverse(
            link.reverse_args["viewname"],
            kwargs=dict(zip(kwargs, map(int, marks), strict=True)),
        )
    except NoReverseMatch:
        return None
    pieces = re.split(f"({'|'.join(marks)})", url)
    if sorted(pieces[1::2]) != sorted(marks):
        return None

    def url_of(record) -> str | None:
        out = []
        for i, piece in enumerate(pieces):
            if i % 2:
                piece = getattr(record, marks[piece], None)
                if type(piece) is not int:
                    return None
            out.append(str(piece))
        return "".join(out)

    return url_of


def _yes_no(bound_column) -> Callable[[object, object], str | None] | None:
    """The library's BooleanColumn cell, without its field look-up per cell: None
    (the library's own) where the field has choices or the span has attributes."""
    column = bound_column.column
    if (
        not isinstance(column, BooleanColumn)
        or type(column).render is not BooleanColumn.render
        or column.attrs.get("span")
    ):
        return None
    choices: dict[type, bool] = {}
    # As the library: the text escaped even when marked safe; translated once here.
    texts = [
        format_html('<span class="{}">{}</span>', str(v).lower(), escape(t))
        for v, t in ((True, column.yesno[0]), (False, column.yesno[1]))
    ]

    def cell(record, value) -> str | None:
        model = type(record)
        if hasattr(record, "_meta"):
            if model not in choices:
                field = bound_column.accessor.get_field(record)
                choices[model] = bool(getattr(field, "choices", None))
            if choices[model]:
                return None
        return texts[0] if value else texts[1]

    return cell


def _check_box(bound_column) -> Callable[[object, object], str | None] | None:
    """The library's CheckBoxColumn cell, its attributes written once per table: None
    where a box can be checked or an attribute is computed per record."""
    column = bound_column.column
    if (
        not isinstance(column, CheckBoxColumn)
        or type(column).render is not CheckBoxColumn.render
        or column.checked is not None
    ):
        return None
    extra = column.attrs.get("td__input") or column.attrs.get("input") or {}
    if any(callable(v) for v in extra.values()) or "value" in extra:
        return None
    attrs = AttributeDict(
        {"type": "checkbox", "name": bound_column.name, "value": _VALUE, **extra}
    )
    before, _, after = f"<input {attrs.as_html()} />".partition(_VALUE)

    def cell(record, value) -> str | None:
        if value is None:  # the library leaves the value out
            return None
        return mark_safe(before + conditional_escape(value) + after)  # noqa: S308

    return cell


class _Column:
    """What a cell of one column needs, worked out once per table."""

    def __init__(self, table, bound_column):
        self.bound = bound_column
        self.name = bound_column.name
        self.td = _fixed_td_attrs(table, bound_column)
        self.path = _path(bound_column) if self.td is not None else None
        self._plans: dict[type, bool | models.Field | None] = {}
        self._labels: dict[models.Field, dict] = {}
        self._render: tuple | None = None
        self.empty_values = bound_column.column.empty_values
        # The column's own render (no render_<name> on the table), and the base column's
        # (the value as it is: no call needed).
        own = bound_column.render == bound_column.column.render
        self.base = own and type(bound_column.column).render is Column.render
        link = bound_column.link
        self.plain = self.base and not link
        self.url_of = _link_url(bound_column) if link else None
        self.write = (
            (_yes_no(bound_column) or _check_box(bound_column))
            if own and not link
            else None
        )

    def value(self, record):
        """The record's value of this column, or _MISSING where the library's own
        reading is needed (not a model, a method, a relation it cannot follow)."""
        if self.path is None or not isinstance(record, models.Model):
            return _MISSING
        model = type(record)
        if model not in self._plans:
            self._plans[model] = _plan(model, self.path)
        display = self._plans[model]
        if display is None:
            return _MISSING
        obj = record
        try:
            for name in self.path[:-1]:
                obj = getattr(obj, name)
                if obj is None:
                    return _MISSING  # the library decides (a link column's text)
            if display is True:
                return getattr(obj, f"get_{self.path[-1]}_display")()
            value = getattr(obj, self.path[-1], _MISSING)
            if display is not False:  # Django's own get_<name>_display, once per table
                if display not in self._labels:
                    self._labels[display] = _labels(display)
                shown = self._labels[display].get(make_hashable(value), _MISSING)
                return (
                    force_str(value, strings_only=True) if shown is _MISSING else shown
                )
        except Exception:  # noqa: BLE001 - the library's reading shows the default
            return _MISSING
        return _MISSING if callable(value) else value

    def cell(self, table, row, value):
        bound = self.bound
        if value in self.empty_values:
            return bound.default
        if self.plain:
            return value
        if self.write is not None:
            html = self.write(row.record, value)
            if html is not None:
                return html
        if self.base and self.url_of is not None:
            href = self.url_of(row.record)
            if href is not None:
                return format_html('<a href="{}">{}</a>', href, value)
        kwargs = {
            "value": value,
            "record": row.record,
            "column": bound.column,
            "bound_column": bound,
            "bound_row": row,
            "table": table,
        }
        content = self.call_render(kwargs)
        return bound.link(content, **kwargs) if bound.link else content

    def call_render(self, kwargs: dict):
        """django-tables2's call_with_appropriate, with the render's signature read
        once per table instead of once per cell."""
        if self._render is None:
            self._render = (self.bound.render, *signature(self.bound.render))
        render, args, catch_all = self._render
        if not catch_all:
            kwargs = {key: kwargs[key] for key in args if key in kwargs}
            if len(kwargs) != len(args):
                return None
        return render(**kwargs)


def _fixed_td_attrs(table, bound_column) -> str | None:
    """The `<td>` attributes of a column when every row gets the same, else None."""
    if type(table).get_column_class_names is not Table.get_column_class_names:
        return None
    attrs = dict(table.attrs)
    attrs.update(bound_column.column.attrs)
    td = attrs.get("td", attrs.get("cell", {}))
    if any(callable(value) for value in td.values()):
        return None
    return bound_column.attrs["td"].as_html()


def _cell(context, column, cell, lazy: dict) -> str:
    """`{{ cell }}`, `{{ cell|localize }}` or `{{ cell|unlocalize }}` as the template
    chooses by `column.localize`. Text is escaped here as the engine would; a lazy
    translation (a step's label, on every row) is translated once per table (`lazy`,
    by identity: the labels of choices are the same object on each row)."""
    if column.localize is None and context.autoescape:
        kind = type(cell)
        if kind is SafeString:
            return cell
        if kind is str:
            return escape(cell)
        if isinstance(cell, Promise):
            found = lazy.get(id(cell))
            if found is None:
                found = lazy[id(cell)] = (cell, conditional_escape(cell))
            return found[1]
    if column.localize is not None:
        cell = str(formats.localize(cell, use_l10n=bool(column.localize)))
    return render_value_in_context(cell, context)


@register.simple_tag(takes_context=True)
def table_body(context, table):
    columns = [_Column(table, column) for column in table.columns]
    lazy: dict[int, tuple[Promise, str]] = {}
    parts = []
    for row in table.paginated_rows:
        parts.append(format_html("<tr {}>", row.attrs.as_html()))
        record = row.record
        for column in columns:
            value = column.value(record)
            if value is _MISSING:
                cell = row.get_cell(column.name)
            else:
                cell = column.cell(table, row, value)
            td = column.td
            if td is None:
                column.bound.current_value = cell
                column.bound.current_record = record
                td = column.bound.attrs["td"].as_html()
            parts.append(f"<td {td}>{_cell(context, column.bound, cell, lazy)}</td>")
        parts.append("</tr>")
    if not parts and table.empty_text:
        parts.append(
            format_html(
                '<tr><td colspan="{}">{}</td></tr>',
                len(table.columns),
                table.empty_text,
            )
        )
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
