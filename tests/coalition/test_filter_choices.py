"""Filter forms read their model choices in one fetch each (coalition.filters): the
same choices as Django's and django-filter's own iterators, without the server-side
cursor (DECLARE, FETCH, CLOSE) those open on PostgreSQL."""

from __future__ import annotations

import django_filters
import pytest
from django import forms
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coalition.filters import (
    BootstrapFilterSet,
    FetchedChoiceIterator,
    FetchedFilterChoiceIterator,
)
from coalition.models import Coalition
from practices.filters import PracticeFilterSet
from practices.models import Practice
from tests.conftest import requires_postgres
from tests.factories import (
    CoalitionFactory,
    FrameworkAgreementFactory,
    MemberOrganisationFactory,
    VendorFactory,
)

pytestmark = pytest.mark.django_db


def _stock_choices(field) -> list:
    """The choices as the field's own (library) iterator gives them."""
    iterator = (
        django_filters.fields.ModelChoiceIterator
        if issubclass(field.iterator, django_filters.fields.ModelChoiceIterator)
        else forms.models.ModelChoiceIterator
    )
    return [(str(v), str(label)) for v, label in iterator(field)]


def _choices(field) -> list:
    return [(str(v), str(label)) for v, label in field.widget.choices]


def _members_and_vendors(coalition):
    """Three member organisations and three vendors the coalition has agreements
    with (what a lead's filter offers)."""
    for name in ("Zuid", "Noord", "Oost"):
        MemberOrganisationFactory(coalition=coalition, name=name)
    for name in ("Pharmeon", "Uitgeverij", "Medicom"):
        FrameworkAgreementFactory(coalition=coalition, vendor=VendorFactory(name=name))


def test_the_practice_filter_offers_what_the_library_would(lead, coalition):
    _members_and_vendors(coalition)
    request = RequestFactory().get("/praktijken/")
    request.user = lead
    filterset = PracticeFilterSet({}, queryset=Practice.objects.all(), request=request)
    form = filterset.form
    model_fields = {
        name: f
        for name, f in form.fields.items()
        if isinstance(f, forms.ModelChoiceField)
    }
    assert {"member_organisation", "vendor"} <= set(model_fields)
    for name, field in model_fields.items():
        assert field.iterator is FetchedFilterChoiceIterator, name
        assert _choices(field) == _stock_choices(field), name
    labels = [label for _v, label in _choices(model_fields["member_organisation"])]
    assert [x for x in labels if x in {"Noord", "Oost", "Zuid"}] == [
        "Noord",
        "Oost",
        "Zuid",
    ]


class _Filters(BootstrapFilterSet):
    coalition = django_filters.ModelChoiceFilter(
        queryset=Coalition.objects.order_by("name"),
        to_field_name="slug",
        null_label="geen",
        empty_label="alle",
    )
    coalitions = django_filters.ModelMultipleChoiceFilter(
        queryset=Coalition.objects.order_by("name")
    )

    class Meta:
        model = Practice
        fields: list[str] = []


def test_empty_and_none_choices_come_first_as_before():
    for name in ("B", "A"):
        CoalitionFactory(name=f"Regio {name}")
    form = _Filters({}, queryset=Practice.objects.all()).form
    single, multiple = form.fields["coalition"], form.fields["coalitions"]
    assert _choices(single) == _stock_choices(single)
    assert [label for _v, label in _choices(single)][:2] == ["alle", "geen"]
    assert _choices(multiple) == _stock_choices(multiple)
    assert "alle" not in [label for _v, label in _choices(multiple)]
    # A plain Django form field gets the plain iterator.
    field = forms.ModelChoiceField(queryset=Coalition.objects.order_by("name"))
    field.iterator = FetchedChoiceIterator
    assert [str(label) for _v, label in field.choices] == [
        str(field.empty_label),
        "Regio A",
        "Regio B",
    ]


def test_choices_are_read_once_however_often_rendered(coalition, lead):
    _members_and_vendors(coalition)
    request = RequestFactory().get("/praktijken/")
    request.user = lead
    form = PracticeFilterSet({}, queryset=Practice.objects.all(), request=request).form
    str(form["vendor"])
    with CaptureQueriesContext(connection) as ctx:
        str(form["vendor"])
        list(form.fields["vendor"].widget.choices)
    assert ctx.captured_queries == []


@requires_postgres
def test_the_practice_list_opens_no_server_side_cursor(client_for, lead, coalition):
    _members_and_vendors(coalition)
    with CaptureQueriesContext(connection) as ctx:
        page = client_for(lead).get(reverse("practices:list"))
    assert page.status_code == 200
    assert not [q for q in ctx.captured_queries if "DECLARE" in q["sql"]]
    assert "Pharmeon" in page.content.decode()
