"""One export path for every list: the table is the only definition of the columns.

`TableExporter(table)` reads the columns a django-tables2 table shows (less those marked
`exclude_from_export`, plus hidden ones such as notes) and takes each cell's *value* from
the row's data, never its rendered HTML (rendering 5,000 rows through templates cost 5×
the query itself). Per column, the first that applies:

1. the table's ``value_<name>()``;
2. the column's own ``value()`` when the project's column class defines one
   (`coalition.tables.NumberColumn`, `DateColumn`, …: they return the raw number/date);
3. the table's ``render_<name>()`` (a computed text such as "gepland"; tags of HTML
   are stripped);
4. the accessor's value: the label of a choice, ``str()`` of an object, ja/nee of a
   `BooleanColumn`, numbers and dates as they are.

`coalition.xlsx.write_xlsx` then owns the cell formats and the formula escaping.
`ExportMixin` gives a list view ``?export=xlsx`` for all its filtered rows, sorted as on
screen.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpResponse
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.safestring import SafeData
from django_tables2 import RequestConfig

from coalition.xlsx import Sheet, write_xlsx, xlsx_response

KWARG_NAMES = ("value", "record", "column", "bound_column", "bound_row", "table")
PLAIN = (int, float, bool, str)


def _wanted(fn: Callable) -> tuple[str, ...] | None:
    """The keyword arguments `fn` takes of KWARG_NAMES (None: it takes **kwargs)."""
    params = inspect.signature(fn).parameters.values()
    if any(p.kind is p.VAR_KEYWORD for p in params):
        return None
    return tuple(p.name for p in params if p.name in KWARG_NAMES)


def _is_project_value(column: tables.Column) -> bool:
    """The column's class (not django-tables2's) defines what its value is."""
    for cls in type(column).__mro__:
        if "value" in cls.__dict__:
            return not cls.__module__.startswith("django_tables2")
    return False


def _plain(value: Any) -> Any:
    """A value a cell can hold: numbers and dates as they are, everything else text."""
    if isinstance(value, SafeData):  # HTML of a render_<name>(): its text
        return strip_tags(value).strip()
    if value is None or isinstance(value, PLAIN):
        return value
    if isinstance(value, Promise):
        return str(value)
    if hasattr(value, "isoformat") or hasattr(value, "as_tuple"):  # date, Decimal
        return value
    if isinstance(value, models.Manager):
        return ", ".join(str(v) for v in value.all())
    return force_str(value)


def _field_at(model, bits: tuple[str, ...]):
    """The model field at the end of an accessor such as practice__name, following
    forward relations only; None when a part is not a field (a property, a method)."""
    field = None
    for i, bit in enumerate(bits):
        try:
            field = model._meta.get_field(bit)
        except FieldDoesNotExist:
            return None
        if i < len(bits) - 1:
            if not (field.many_to_one or field.one_to_one) or not field.concrete:
                return None
            model = field.related_model
    return field


def _related(related_model, queryset: models.QuerySet, path: str):
    """raw id → the related object, for the objects the rows use (one query)."""
    objects: dict | None = None

    def convert(raw):
        nonlocal objects
        if raw is None:
            return None
        if objects is None:
            used = queryset.order_by().values(path)
            manager = related_model._base_manager
            objects = {o.pk: o for o in manager.filter(pk__in=used).iterator()}
        return objects.get(raw)

    return convert


@dataclass
class _Column:
    name: str
    header: str
    bits: tuple[str, ...]
    empty_values: tuple
    choices: bool
    fn: Callable | None
    wanted: tuple[str, ...] | None
    yesno: tuple[str, str] | None
    bound: Any


class TableExporter:
    """The rows of a django-tables2 table as values, for `write_xlsx`."""

    def __init__(self, table: tables.Table, *, exclude: Iterable[str] = ()):
        self.table = table
        excluded = set(exclude)
        model = getattr(table._meta, "model", None)
        self.columns = [
            self._plan(bound, model)
            for bound in table.columns.iterall()
            if not bound.column.exclude_from_export and bound.name not in excluded
        ]

    def _plan(self, bound, model) -> _Column:
        column = bound.column
        name = bound.name
        accessor = tables.A(bound.accessor)
        fn = getattr(self.table, f"value_{name}", None)
        if fn is None and _is_project_value(column):
            fn = column.value
        if fn is None:
            fn = getattr(self.table, f"render_{name}", None)
        choices = False
        if model is not None:
            try:
                field = accessor.get_field(model)
            except FieldDoesNotExist:
                field = None
            choices = bool(getattr(field, "choices", None))
        yesno = None
        if isinstance(column, tables.BooleanColumn):
            yesno = (str(column.yesno[0]), str(column.yesno[1]))
        return _Column(
            name=name,
            header=str(bound.header),
            bits=tuple(accessor.bits),
            empty_values=tuple(column.empty_values),
            choices=choices,
            fn=fn,
            wanted=_wanted(fn) if fn is not None else None,
            yesno=yesno,
            bound=bound,
        )

    @staticmethod
    def _resolve(record: Any, bits: tuple[str, ...], choices: bool) -> Any:
        obj = record
        last = len(bits) - 1
        for i, bit in enumerate(bits):
            if obj is None:
                return None
            if i == last and choices and isinstance(obj, models.Model):
                display = getattr(obj, f"get_{bit}_display", None)
                if display is not None:
                    return display()
            obj = obj.get(bit) if isinstance(obj, dict) else getattr(obj, bit, None)
            if callable(obj) and not getattr(obj, "do_not_call_in_templates", False):
                obj = obj()
        return obj

    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def _records(self) -> Iterator[Any]:
        data = self.table.data
        queryset = getattr(data, "data", None)
        if isinstance(queryset, models.QuerySet):
            yield from queryset.iterator(chunk_size=2000)
        else:
            yield from data

    def _cell(self, column: _Column, record: Any, memo: dict) -> Any:
        return self._finish(
            column, self._resolve(record, column.bits, column.choices), record, memo
        )

    def _finish(self, column: _Column, value: Any, record: Any, memo: dict) -> Any:
        if value in column.empty_values:
            return None
        if column.fn is not None:
            if column.wanted == ("value",):
                # A function of the value alone (a label, a yes/no): once per value.
                try:
                    return memo[value]
                except KeyError:
                    result = memo[value] = _plain(column.fn(value=value))
                    return result
                except TypeError:  # unhashable
                    return _plain(column.fn(value=value))
            available = {
                "value": value,
                "record": record,
                "column": column.bound.column,
                "bound_column": column.bound,
                "bound_row": None,
                "table": self.table,
            }
            if column.wanted is None:
                value = column.fn(**available)
            else:
                value = column.fn(**{k: available[k] for k in column.wanted})
        elif column.yesno is not None:
            value = column.yesno[0] if value else column.yesno[1]
        return _plain(value)

    def _values_plan(self) -> tuple[models.QuerySet, list[str], list] | None:
        """Read the rows with `values_list` when no column needs the whole record:
        every accessor is a field path or an annotation, every value function takes
        the value alone. Related objects are read with one query per column; choices
        become their label. None: read model instances instead."""
        queryset = getattr(self.table.data, "data", None)
        if not isinstance(queryset, models.QuerySet):
            return None
        paths, converters = [], []
        for column in self.columns:
            if column.fn is not None and column.wanted != ("value",):
                return None
            path = "__".join(column.bits)
            if path in queryset.query.annotations:
                paths.append(path)
                converters.append(None)
                continue
            field = _field_at(queryset.model, column.bits)
            if field is None:
                return None
            if field.is_relation:
                if not (field.many_to_one or (field.one_to_one and field.concrete)):
                    return None
                converters.append(_related(field.related_model, queryset, path))
            elif field.choices:
                labels = {k: str(v) for k, v in field.flatchoices}
                converters.append(lambda raw, labels=labels: labels.get(raw, raw))
            else:
                converters.append(None)
            paths.append(path)
        return queryset, paths, converters

    def rows(self) -> Iterator[list[Any]]:
        columns = self.columns
        memos = [{} for _ in columns]
        plan = self._values_plan()
        if plan is None:
            for record in self._records():
                yield [
                    self._cell(c, record, m)
                    for c, m in zip(columns, memos, strict=True)
                ]
            return
        queryset, paths, converters = plan
        finish = self._finish
        steps = [
            # A plain column (no function, no ja/nee, no object): the value as it is.
            (c, convert, m, c.fn is None and c.yesno is None and convert is None)
            for c, convert, m in zip(columns, converters, memos, strict=True)
        ]
        for values in queryset.values_list(*paths).iterator(chunk_size=2000):
            row = []
            for (column, convert, memo, plain), value in zip(
                steps, values, strict=True
            ):
                if not plain:
                    value = convert(value) if convert else value
                    row.append(finish(column, value, None, memo))
                elif value in column.empty_values:
                    row.append(None)
                else:
                    row.append(value if value.__class__ in PLAIN else _plain(value))
            yield row

    def sheet(self, title: str) -> Sheet:
        return Sheet(title=title, headers=self.headers(), rows=self.rows())

    def xlsx(self, title: str) -> bytes:
        return write_xlsx(self.sheet(title))


class ExportMixin:
    """A list page (django-tables2 + optional django-filter) with ``?export=xlsx``.

    The download holds every filtered row, sorted as on screen (``?sort=``), in the
    columns of the page's own table. A view adds a format by naming it in
    `export_formats` and defining ``export_<format>()``.
    """

    export_name = ""
    export_formats: tuple[str, ...] = ("xlsx",)

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt in self.export_formats:
            return getattr(self, f"export_{fmt}")()
        return super().get(request, *args, **kwargs)

    def get_export_queryset(self):
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            filterset = self.get_filterset(filterset_class)
            return filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return self.get_queryset()

    def get_export_table(self) -> tables.Table:
        table = self.get_table_class()(
            self.get_export_queryset(), **self.get_table_kwargs()
        )
        RequestConfig(self.request, paginate=False).configure(table)
        return table

    def export_xlsx(self) -> HttpResponse:
        name = str(self.export_name)
        content = TableExporter(self.get_export_table()).xlsx(title=name)
        return xlsx_response(content, name=name)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query["export"] = "xlsx"
        ctx["export_query"] = query.urlencode()
        return ctx
