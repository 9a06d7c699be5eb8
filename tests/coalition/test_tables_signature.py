"""The cached signature lookup answers as django-tables2's own, once per function."""

from __future__ import annotations

import functools

import django_tables2 as tables
import pytest
from django_tables2 import utils

from coalition import tables_signature
from tests.factories import PracticeFactory


class Thing:
    def render(self, value, record):
        return value

    def render_all(self, **kwargs):
        return kwargs

    @classmethod
    def build(cls, value):
        return value

    @staticmethod
    def plain(value, *args):
        return value


def free(record, bound_column=None):
    return record


@pytest.mark.parametrize(
    "fn",
    [
        Thing().render,
        Thing().render_all,
        Thing.build,
        Thing.plain,
        Thing.render,
        free,
        lambda value: value,
        functools.partial(free, bound_column=1),
    ],
    ids=[
        "bound",
        "kwargs",
        "classmethod",
        "static",
        "unbound",
        "free",
        "lambda",
        "partial",
    ],
)
def test_same_answer_as_django_tables2(fn):
    assert utils.signature is tables_signature.cached_signature
    assert tables_signature.cached_signature(fn) == tables_signature._original(fn)


def test_each_function_is_inspected_once(monkeypatch):
    calls = []
    original = tables_signature._original

    def counting(fn):
        calls.append(fn)
        return original(fn)

    tables_signature._signature_of.cache_clear()
    monkeypatch.setattr(tables_signature, "_original", counting)
    for _ in range(50):
        utils.call_with_appropriate(Thing().render, {"value": 1, "record": 2})
    assert len(calls) == 1
    tables_signature._signature_of.cache_clear()


@pytest.mark.django_db
def test_a_table_renders_its_cells_through_it():
    class PracticeTable(tables.Table):
        name = tables.Column()
        city = tables.Column()

        def render_city(self, value, record):
            return f"{value} ({record.name})"

    practice = PracticeFactory(name="De Linde", city="Goes")
    table = PracticeTable([practice])
    row = next(iter(table.rows))
    assert row.get_cell("city") == "Goes (De Linde)"
