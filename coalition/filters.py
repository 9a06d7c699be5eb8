"""The one base of every list's filters (django-filter), and the coalition filter they
share: `?coalition=` is a coalition's slug on every page and list."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelChoiceIterator as FilterChoiceIterator

from coalition.forms import bootstrap
from coalition.models import Coalition


class FetchedChoiceIterator(forms.models.ModelChoiceIterator):
    """A choice field's objects read in one fetch. Django's iterator reads them through
    `QuerySet.iterator()`, which on PostgreSQL is a server-side cursor: DECLARE, FETCH
    and CLOSE, three round trips for a few dozen names in a filter, on every list
    page. The rows are kept on the field's own queryset (a copy per form)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class FetchedFilterChoiceIterator(FilterChoiceIterator, FetchedChoiceIterator):
    """The same for django-filter's fields (which add the "none" choice)."""


def fetch_choices_at_once(form: forms.BaseForm) -> None:
    """Give the form's model choice fields FetchedChoiceIterator."""
    for field in form.fields.values():
        if not isinstance(field, forms.ModelChoiceField):
            continue
        if issubclass(field.iterator, FilterChoiceIterator):
            field.iterator = FetchedFilterChoiceIterator
        else:
            field.iterator = FetchedChoiceIterator
        field.widget.choices = field.choices  # made with the old iterator


class BootstrapFilterSet(django_filters.FilterSet):
    """Filter forms styled like the rest of the site: compact Bootstrap controls, and
    their choices read in one fetch each."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            bootstrap(form, small=True)
            fetch_choices_at_once(form)
            form._styled = True
        return form


def coalition_filter(
    field_name: str = "coalition", queryset=None
) -> django_filters.ModelChoiceFilter:
    """`?coalition=<slug>`; the view or a callable narrows the choices to the
    coalitions the user sees (none until then)."""
    return django_filters.ModelChoiceFilter(
        label=_("Coalitie"),
        field_name=field_name,
        queryset=Coalition.objects.none() if queryset is None else queryset,
        to_field_name="slug",
        empty_label=_("alle"),
    )
