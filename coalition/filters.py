"""The one base of every list's filters (django-filter), and the coalition filter they
share: `?coalition=` is a coalition's slug on every page and list."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from coalition.forms import bootstrap
from coalition.models import Coalition


class BootstrapFilterSet(django_filters.FilterSet):
    """Filter forms styled like the rest of the site: compact Bootstrap controls."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            bootstrap(form, small=True)
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
