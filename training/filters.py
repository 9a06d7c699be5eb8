"""Filters of the training lists (django-filter)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coalition import access
from coalition.filters import BootstrapFilterSet
from coalition.models import StaffRole
from training.models import Session

MONTHS_AHEAD = 12


def _months() -> list[tuple[str, str]]:
    today = timezone.localdate()
    out = []
    year, month = today.year, today.month
    for _i in range(MONTHS_AHEAD):
        label = date_format(dt.date(year, month, 1), "F Y")
        out.append((f"{year:04d}-{month:02d}", label))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _filter_month(queryset, name, value):
    try:
        year, month = (int(part) for part in value.split("-"))
    except ValueError:
        return queryset
    return queryset.filter(starts_at__year=year, starts_at__month=month)


class PublicSessionFilterSet(BootstrapFilterSet):
    audience = django_filters.ChoiceFilter(
        label=_("Voor wie"),
        choices=StaffRole.choices,
        method="filter_audience",
        empty_label=_("iedereen"),
    )
    month = django_filters.ChoiceFilter(
        label=_("Maand"), choices=_months, method="filter_month", empty_label=_("alle")
    )
    mode = django_filters.ChoiceFilter(
        label=_("Vorm"), choices=Session.Mode.choices, empty_label=_("alle")
    )

    class Meta:
        model = Session
        fields = ("audience", "month", "mode")

    def filter_audience(self, queryset, name, value):
        return queryset.filter(**{f"course__audience_{value}": True})

    def filter_month(self, queryset, name, value):
        return _filter_month(queryset, name, value)


class SessionFilterSet(BootstrapFilterSet):
    PERIODS = (("upcoming", _("komend")), ("past", _("voorbij")))

    period = django_filters.ChoiceFilter(
        label=_("Periode"),
        choices=PERIODS,
        method="filter_period",
        empty_label=_("alle"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Session.Status.choices, empty_label=_("alle")
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Cursus"),
        queryset=lambda request: access.visible_courses(request.user).order_by("title"),
        empty_label=_("alle"),
    )

    class Meta:
        model = Session
        fields = ("period", "status", "course")

    def filter_period(self, queryset, name, value):
        now = timezone.now()
        if value == "upcoming":
            return queryset.filter(ends_at__gte=now)
        if value == "past":
            return queryset.filter(ends_at__lt=now)
        return queryset


class CoverageFilterSet(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Zoek praktijk"), method="filter_q")
    gaps = django_filters.ChoiceFilter(
        label=_("Toon"),
        choices=(
            ("true", _("alleen praktijken met gaten")),
            ("all", _("alle praktijken")),
        ),
        empty_label=None,
        method="filter_gaps",
    )

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(city__icontains=value))

    def filter_gaps(self, queryset, name, value):
        from training.selectors import gap_filter

        if value == "true":
            return queryset.filter(gap_filter())
        return queryset
