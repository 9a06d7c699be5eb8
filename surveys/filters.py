from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalition.filters import BootstrapFilterSet
from coalition.models import MemberOrganisation, Vendor
from practices import selectors as practice_selectors
from surveys.models import Questionnaire, Response


class QuestionnaireFilterSet(BootstrapFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Questionnaire.Status.choices, empty_label=_("alle")
    )
    year = django_filters.NumberFilter(label=_("Jaar"))

    class Meta:
        model = Questionnaire
        fields = ["status", "year"]


class ResponseFilterSet(BootstrapFilterSet):
    q = django_filters.CharFilter(label=_("Zoek praktijk of AGB"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Response.Status.choices, empty_label=_("alle")
    )
    member_organisation = django_filters.ModelChoiceFilter(
        label=_("Lidorganisatie"),
        field_name="practice__member_organisation",
        queryset=MemberOrganisation.objects.none(),
        empty_label=_("alle"),
    )
    portal_vendor = django_filters.ModelChoiceFilter(
        label=_("Portaal"),
        field_name="practice__portal_vendor",
        queryset=Vendor.objects.none(),
        empty_label=_("alle"),
    )

    class Meta:
        model = Response
        fields = ["q", "status", "member_organisation", "portal_vendor"]

    def __init__(self, *args, questionnaire=None, **kwargs):
        super().__init__(*args, **kwargs)
        if questionnaire is not None:
            self.filters[
                "member_organisation"
            ].queryset = MemberOrganisation.objects.filter(
                coalition=questionnaire.coalition_id
            )
            self.filters["portal_vendor"].queryset = Vendor.objects.filter(
                portal_practices__coalition=questionnaire.coalition_id
            ).distinct()

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(practice__name__icontains=value) | Q(practice__agb_code__startswith=value)
        )


class InvitePracticeFilterSet(BootstrapFilterSet):
    """Which practices to invite: all, or a filtered set."""

    member_organisation = django_filters.ModelChoiceFilter(
        label=_("Lidorganisatie"),
        queryset=MemberOrganisation.objects.none(),
        empty_label=_("alle"),
    )
    portal_vendor = django_filters.ModelChoiceFilter(
        label=_("Portaal"), queryset=Vendor.objects.none(), empty_label=_("alle")
    )
    cohort = django_filters.ChoiceFilter(
        label=_("Cohort"), choices=[], empty_label=_("alle")
    )
    not_invited = django_filters.BooleanFilter(
        label=_("Alleen wie nog niet is uitgenodigd"),
        method="filter_not_invited",
        widget=forms.CheckboxInput(),
    )

    def __init__(self, *args, questionnaire, **kwargs):
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        coalition = questionnaire.coalition_id
        self.filters[
            "member_organisation"
        ].queryset = MemberOrganisation.objects.filter(coalition=coalition)
        self.filters["portal_vendor"].queryset = Vendor.objects.filter(
            portal_practices__coalition=coalition
        ).distinct()
        cohorts = practice_selectors.cohorts(
            practice_selectors.coalition_practices(coalition)
        )
        self.filters["cohort"].extra["choices"] = [(c, c) for c in cohorts]

    def filter_not_invited(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.exclude(
            survey_responses__questionnaire=self.questionnaire,
            survey_responses__invited_at__isnull=False,
        )
