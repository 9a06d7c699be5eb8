"""FilterSets of the visit lists (one per list screen)."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.filters import BootstrapFilterSet, coalition_filter
from coalition.models import Vendor
from practices.visits.models import Bottleneck, FollowUpAction, Visit
from practices.visits.selectors import VisitState


class _Styled(BootstrapFilterSet):
    """A `coalition` filter only when the viewer sees several coalitions (the view
    passes their queryset as `coalitions`)."""

    def __init__(self, *args, coalitions=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "coalition" in self.filters:
            if coalitions is None:
                del self.filters["coalition"]
                self.form.fields.pop("coalition", None)
            else:
                self.filters["coalition"].queryset = coalitions
                self.form.fields["coalition"].queryset = coalitions


class VisitFilterSet(_Styled):
    coalition = coalition_filter("practice__coalition")
    q = django_filters.CharFilter(
        label=_("Praktijk"), field_name="practice__name", lookup_expr="icontains"
    )
    state = django_filters.ChoiceFilter(
        label=_("Stand"),
        choices=[("planned", _("gepland")), ("held", _("gehouden"))],
        method="filter_state",
        empty_label=_("alle"),
    )
    shared = django_filters.ChoiceFilter(
        label=_("Terugkoppeling"),
        choices=[("yes", _("gedeeld")), ("no", _("nog niet gedeeld"))],
        method="filter_shared",
        empty_label=_("alle"),
    )
    year = django_filters.NumberFilter(
        label=_("Jaar"), field_name="planned_on", lookup_expr="year"
    )

    class Meta:
        model = Visit
        fields = ["coalition", "q", "state", "shared", "year"]

    def filter_state(self, qs, name, value):
        if value == "planned":
            return qs.filter(held_on__isnull=True)
        if value == "held":
            return qs.filter(held_on__isnull=False)
        return qs

    def filter_shared(self, qs, name, value):
        if value == "yes":
            return qs.filter(feedback_shared_at__isnull=False)
        if value == "no":
            return qs.filter(feedback_shared_at__isnull=True)
        return qs


class ActionFilterSet(_Styled):
    coalition = coalition_filter("visit__practice__coalition")
    q = django_filters.CharFilter(
        label=_("Praktijk"), field_name="visit__practice__name", lookup_expr="icontains"
    )
    state = django_filters.ChoiceFilter(
        label=_("Stand"),
        choices=[
            ("open", _("open")),
            ("overdue", _("over de datum")),
            ("done", _("afgerond")),
        ],
        method="filter_state",
        empty_label=_("alle"),
    )
    owner = django_filters.ChoiceFilter(
        label=_("Eigenaar"), choices=FollowUpAction.Owner.choices, empty_label=_("alle")
    )

    class Meta:
        model = FollowUpAction
        fields = ["coalition", "q", "state", "owner"]

    def filter_state(self, qs, name, value):
        if value == "open":
            return qs.filter(done_on__isnull=True)
        if value == "overdue":
            return qs.filter(done_on__isnull=True, due_on__lt=timezone.localdate())
        if value == "done":
            return qs.filter(done_on__isnull=False)
        return qs


class BottleneckFilterSet(_Styled):
    coalition = coalition_filter("practice__coalition")
    q = django_filters.CharFilter(label=_("Zoek"), method="filter_q")
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Bottleneck.Status.choices, empty_label=_("alle")
    )
    category = django_filters.ChoiceFilter(
        label=_("Categorie"), choices=Bottleneck.Category.choices, empty_label=_("alle")
    )
    vendor = django_filters.ModelChoiceFilter(
        label=_("Leverancier"), queryset=Vendor.objects.none(), empty_label=_("alle")
    )

    class Meta:
        model = Bottleneck
        fields = ["coalition", "q", "status", "category", "vendor"]

    def __init__(self, *args, vendors=None, **kwargs):
        super().__init__(*args, **kwargs)
        if vendors is not None:
            self.filters["vendor"].queryset = vendors
            self.form.fields["vendor"].queryset = vendors

    def filter_q(self, qs, name, value):
        return qs.filter(
            Q(practice__name__icontains=value) | Q(description__icontains=value)
        )


class YearlyFilterSet(_Styled):
    """Filters the yearly-rule list; `state` works on the annotation of the selector."""

    coalition = coalition_filter()

    q = django_filters.CharFilter(
        label=_("Praktijk"), field_name="name", lookup_expr="icontains"
    )
    state = django_filters.ChoiceFilter(
        label=_("Stand"),
        field_name="visit_state",
        choices=[
            (VisitState.OVERDUE, VisitState.labels[VisitState.OVERDUE]),
            (VisitState.DUE, VisitState.labels[VisitState.DUE]),
            (VisitState.OK, VisitState.labels[VisitState.OK]),
        ],
        empty_label=_("alle"),
    )
    planned = django_filters.ChoiceFilter(
        label=_("Bezoek gepland"),
        choices=[("yes", _("ja")), ("no", _("nee"))],
        method="filter_planned",
        empty_label=_("alle"),
    )
    cohort = django_filters.CharFilter(
        label=_("Cohort"), field_name="cohort", lookup_expr="iexact"
    )
    city = django_filters.CharFilter(
        label=_("Plaats"), field_name="city", lookup_expr="iexact"
    )

    class Meta:
        # Every filter is declared and the view hands in the practices' queryset, so
        # the FilterSet needs no model (django-filter then takes only the declared ones).
        fields = ["coalition", "q", "state", "planned", "cohort", "city"]

    def filter_planned(self, qs, name, value):
        if value == "yes":
            return qs.filter(next_planned__isnull=False)
        if value == "no":
            return qs.filter(next_planned__isnull=True)
        return qs


class InboxFilterSet(BottleneckFilterSet):
    """The programme office's inbox: what was passed on to it, by coalition, vendor
    and category; still to handle, or handled."""

    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (Bottleneck.Status.PASSED_ON, _("nog af te handelen")),
            (Bottleneck.Status.RESOLVED, _("opgelost")),
        ],
        empty_label=_("alle"),
    )
