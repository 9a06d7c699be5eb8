"""The one base of every list's filters (django-filter)."""

from __future__ import annotations

import django_filters

from coalition.forms import bootstrap


class BootstrapFilterSet(django_filters.FilterSet):
    """Filter forms styled like the rest of the site: compact Bootstrap controls."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            bootstrap(form, small=True)
            form._styled = True
        return form
