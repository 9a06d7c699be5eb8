"""The form renderer (coalition/form_renderer.py) writes the select and input widgets in
Python: the same markup as Django's templates, whatever the values."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import django
import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.test import RequestFactory
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from coalition import access
from coalition.form_renderer import INPUT_TEMPLATES, FastWidgetRenderer
from coalition.models import Role
from practices.filters import PracticeFilterSet
from tests.factories import (
    MemberOrganisationFactory,
    PracticeFactory,
    VendorFactory,
    user_with_role,
)

TEMPLATES = Path(django.__file__).parent / "forms" / "templates"
HOSTILE = "a\"b<c>&d'e"


class WithoutEngine(FastWidgetRenderer):
    """Fails where the fast renderer would fall back to the template engine."""

    def get_template(self, template_name):
        raise AssertionError(f"{template_name} went through the template engine")


def both(
    widget: forms.Widget, name: str, value, attrs=None, *, in_python=True
) -> tuple[str, str]:
    context = widget.get_context(name, value, attrs)
    fast = WithoutEngine() if in_python else FastWidgetRenderer()
    return (
        DjangoTemplates().render(widget.template_name, context),
        fast.render(widget.template_name, context),
    )


def test_the_input_templates_only_include_input_html():
    for name in INPUT_TEMPLATES:
        text = (TEMPLATES / name).read_text()
        assert text.strip() == '{% include "django/forms/widgets/input.html" %}', name


def test_it_is_the_configured_renderer():
    assert isinstance(get_default_renderer(), FastWidgetRenderer)


SELECTS = [
    (forms.Select(choices=[("", "alle"), ("a", "A"), ("b", "B")]), "a"),
    (forms.Select(choices=[("", "alle"), ("a", "A")]), None),
    (forms.Select(choices=[(1, 1000), (2, 2.5), (3, Decimal("1234.5"))]), 2),
    (
        forms.Select(choices=[(HOSTILE, HOSTILE), ("s", mark_safe("<b>veilig</b>"))]),
        HOSTILE,
    ),
    (forms.Select(choices=[(mark_safe("&amp;"), "amp")]), "&amp;"),
    (forms.Select(choices=[("x", gettext_lazy("Naam"))]), "x"),
    (
        forms.Select(
            choices=[
                ("", "---"),
                ("Groep <1>", [("a", "A"), ("b", "B")]),
                (gettext_lazy("Stap"), [(3, "drie")]),
            ]
        ),
        3,
    ),
    (forms.SelectMultiple(choices=[("a", "A"), ("b", "B"), ("c", "C")]), ["a", "c"]),
    (forms.NullBooleanSelect(), True),
    (forms.Select(choices=[(dt.date(2026, 7, 1), dt.date(2026, 7, 1))]), None),
    (forms.Select(attrs={"disabled": True, "hidden": False, "data-x": HOSTILE}), None),
]


@pytest.mark.parametrize(("widget", "value"), SELECTS)
def test_a_select_is_the_templates_markup(widget, value):
    slow, fast = both(
        widget, "field", value, {"id": "id_field", "class": "form-select"}
    )
    assert fast == slow


INPUTS = [
    (forms.TextInput(), None),
    (forms.TextInput(), ""),
    (forms.TextInput(), 0),
    (forms.TextInput(attrs={"placeholder": HOSTILE}), HOSTILE),
    (forms.TextInput(), mark_safe("<i>veilig</i>")),
    (forms.NumberInput(), 1234567),
    (forms.NumberInput(), Decimal("12.50")),
    (forms.EmailInput(attrs={"required": True, "autofocus": False}), "a@b.nl"),
    (forms.HiddenInput(), "v"),
    (forms.PasswordInput(render_value=True), "geheim"),
    (forms.DateInput(attrs={"type": "date"}), dt.date(2026, 7, 1)),
    (forms.DateTimeInput(), dt.datetime(2026, 7, 1, 12, 30, tzinfo=dt.UTC)),
    (forms.TimeInput(), dt.time(9, 5)),
    (forms.CheckboxInput(), True),
    (forms.CheckboxInput(), False),
    (forms.URLInput(), "https://example.test/?a=1&b=2"),
    (forms.SearchInput(), "portaal"),
    (forms.TelInput(), "+31 20 123"),
    (forms.ColorInput(), "#ff0000"),
]


@pytest.mark.parametrize(("widget", "value"), INPUTS)
def test_an_input_is_the_templates_markup(widget, value):
    for language in ("nl", "en"):
        with override(language):
            slow, fast = both(widget, "veld", value, {"id": "id_veld", "maxlength": 80})
        assert fast == slow


def test_other_templates_still_go_through_the_engine():
    widget = forms.RadioSelect(choices=[("a", HOSTILE)])
    slow, fast = both(widget, "r", "a", in_python=False)
    assert fast == slow and "<input" in fast and "&lt;c&gt;" in fast


@pytest.mark.django_db
def test_the_practice_lists_filters_render_as_before(coalition):
    """A real filter form, bound to hostile input, field by field."""
    MemberOrganisationFactory(coalition=coalition, name=HOSTILE)
    PracticeFactory(coalition=coalition, his_vendor=VendorFactory(name="HIS <x>"))
    lead = user_with_role(Role.LEAD, coalition=coalition)
    request = RequestFactory().get(
        "/praktijken/", {"q": HOSTILE, "state": "at_risk", "cohort": "<2024>"}
    )
    request.user = lead
    filterset = PracticeFilterSet(
        request.GET,
        request=request,
        queryset=access.visible_practices(lead),
        cohorts=["2024", "<2024>"],
    )
    seen = set()
    for field in filterset.form:
        widget = field.field.widget
        attrs = field.build_widget_attrs({"id": field.auto_id})
        slow, fast = both(widget, field.html_name, field.value(), attrs)
        assert fast == slow, field.name  # and none went through the engine
        seen.add(widget.template_name)
    assert {
        "django/forms/widgets/select.html",
        "django/forms/widgets/text.html",
    } <= seen
