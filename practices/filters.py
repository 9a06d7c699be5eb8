"""The practice list's filters (django-filter)."""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from coalition import access
from coalition.filters import BootstrapFilterSet, coalition_filter
from coalition.models import Service
from practices import selectors
from practices.models import DeadlineState, Practice, Step


def _member_organisations(request):
    return access.visible_member_organisations(request.user).order_by("name")


def _vendors(request):
    return access.visible_vendors(request.user).order_by("name")


def _coalitions(request):
    return access.dashboard_coalitions(request.user).order_by("name")


class PracticeFilterSet(BootstrapFilterSet):
    """Filters of the practice list. `service` picks which service the step and deadline
    state filters (and columns) are about; it filters nothing itself."""

    q = filters.CharFilter(
        label=_("Zoeken"),
        method="search",
        widget=forms.TextInput(attrs={"placeholder": _("naam, AGB-code of plaats")}),
    )
    coalition = coalition_filter(queryset=_coalitions)
    member_organisation = filters.ModelChoiceFilter(
        label=_("Lidorganisatie"),
        queryset=_member_organisations,
        empty_label=_("alle"),
    )
    vendor = filters.ModelChoiceFilter(
        label=_("Leverancier"),
        queryset=_vendors,
        method="by_vendor",
        empty_label=_("alle"),
    )
    cohort = filters.ChoiceFilter(label=_("Cohort"), choices=[], empty_label=_("alle"))
    neighbourhood = filters.ChoiceFilter(
        label=_("Wijkprofiel"),
        choices=Practice.Neighbourhood.choices,
        empty_label=_("alle"),
    )
    service = filters.ChoiceFilter(
        label=_("Dienst"),
        choices=Service.choices,
        method="no_filter",
        empty_label=None,
    )
    step = filters.ChoiceFilter(
        label=_("Stap"),
        field_name="rollout_step",
        choices=Step.choices,
        empty_label=_("alle"),
    )
    state = filters.ChoiceFilter(
        label=_("Deadlinestatus"),
        field_name="deadline_state",
        choices=DeadlineState.choices,
        empty_label=_("alle"),
    )
    ready = filters.BooleanFilter(
        label=_("Technisch gereed"),
        field_name="technically_ready",
        widget=forms.Select(
            choices=[("", _("alle")), ("true", _("ja")), ("false", _("nee"))]
        ),
    )
    status = filters.ChoiceFilter(
        label=_("Status"),
        method="by_status",
        choices=[("active", _("actief")), ("left", _("vertrokken"))],
        empty_label=_("alle"),
    )

    class Meta:
        model = Practice
        fields: list[str] = []

    def __init__(
        self,
        data=None,
        *args,
        cohorts: list[str] | None = None,
        several_coalitions: bool = True,
        **kwargs,
    ):
        data = data.copy() if data is not None else None
        if data is not None:
            data.setdefault("status", "active")
            data.setdefault("service", selectors.PRIMARY_SERVICE)
        super().__init__(data, *args, **kwargs)
        if not several_coalitions:  # one coalition: nothing to choose
            del self.filters["coalition"]
        self.filters["cohort"].extra["choices"] = [(c, c) for c in cohorts or []]

    def search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        value = value.strip()
        if not value:
            return qs
        cond = Q(name__icontains=value) | Q(city__icontains=value)
        digits = value.lstrip("0")
        if value.isdigit():
            cond |= Q(agb_code__contains=digits or value)
        return qs.filter(cond)

    def by_vendor(self, qs: QuerySet, name: str, value) -> QuerySet:
        if not value:
            return qs
        return qs.filter(Q(his_vendor=value) | Q(portal_vendor=value))

    def by_status(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        if value == "active":
            return qs.filter(is_active=True)
        if value == "left":
            return qs.filter(is_active=False)
        return qs

    def no_filter(self, qs: QuerySet, name: str, value) -> QuerySet:
        return qs

    @property
    def chosen_service(self) -> str:
        return selectors.chosen_service((self.data or {}).get("service"))
