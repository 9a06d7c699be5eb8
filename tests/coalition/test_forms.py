"""The shared form helpers: a service's ValidationError lands on the form (on the field
it names, else on the form as a whole), and every filter form is styled one way."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from coalition.forms import add_service_errors


class _Form(forms.Form):
    name = forms.CharField()


def test_errors_go_to_the_named_field_or_the_form():
    form = _Form({"name": "x"})
    assert form.is_valid()
    add_service_errors(
        form, ValidationError({"name": "bezet", "elsewhere": "niet op dit formulier"})
    )
    assert form.errors["name"] == ["bezet"]
    assert form.non_field_errors() == ["niet op dit formulier"]

    form = _Form({"name": "x"})
    assert form.is_valid()
    add_service_errors(form, ValidationError("vol"))
    assert form.non_field_errors() == ["vol"]
    assert "name" not in form.errors


def test_every_list_filters_with_the_one_styled_base():
    import django_filters

    from coalition.filters import BootstrapFilterSet
    from practices.filters import PracticeFilterSet
    from practices.visits import filters as visit_filters
    from surveys import filters as survey_filters
    from training import filters as training_filters

    for module in (visit_filters, survey_filters, training_filters):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, django_filters.FilterSet)
                and value.__module__ == module.__name__
            ):
                assert issubclass(value, BootstrapFilterSet), value
    assert issubclass(PracticeFilterSet, BootstrapFilterSet)

    class _Filters(BootstrapFilterSet):
        q = django_filters.CharFilter()
        kind = django_filters.ChoiceFilter(choices=[("a", "A")])
        mine = django_filters.BooleanFilter(widget=forms.CheckboxInput())

    from coalition.models import Coalition

    form = _Filters({}, queryset=Coalition.objects.none()).form
    classes = {name: f.widget.attrs["class"] for name, f in form.fields.items()}
    assert classes == {
        "q": "form-control form-control-sm",
        "kind": "form-select form-select-sm",
        "mine": "form-check-input",
    }
