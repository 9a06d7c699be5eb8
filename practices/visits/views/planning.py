"""The yearly rule, bulk planning and the calendar."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView

from coalition import access
from coalition.forms import add_service_errors
from coalition.views import RoleRequiredMixin
from practices.visits import selectors, services
from practices.visits.dates import add_months, month_start, parse_month
from practices.visits.filters import YearlyFilterSet
from practices.visits.forms import BulkPlanForm
from practices.visits.tables import YearlyTable
from practices.visits.views.base import (
    LEADS,
    STAFF,
    CoalitionColumnMixin,
    ListPageMixin,
)


class YearlyView(RoleRequiredMixin, CoalitionColumnMixin, ListPageMixin, FilterView):
    allowed_roles = STAFF
    table_class = YearlyTable
    filterset_class = YearlyFilterSet
    template_name = "practices/visits/yearly.html"
    export_name = "jaarplanning bezoeken"

    def get_queryset(self):
        return selectors.practices_with_visit_state(
            access.visible_practices(self.request.user), today=timezone.localdate()
        ).select_related("coalition")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        ctx["counts"] = selectors.yearly_counts(
            access.visible_practices(user), today=today
        )
        if access.can_plan_visits(user):
            ctx["plan_form"] = kwargs.get("plan_form") or BulkPlanForm(user=user)
        ctx["filter_query"] = self.request.GET.urlencode()
        return ctx


class BulkPlanView(RoleRequiredMixin, View):
    allowed_roles = LEADS
    http_method_names = ["post"]

    def post(self, request):
        form = BulkPlanForm(request.POST, user=request.user)
        back = request.POST.get("next_query", "")
        if form.is_valid():
            data = form.cleaned_data
            practices = data["practices"]
            if data["all_filtered"]:
                practices = self.filtered(request, back)
            try:
                result = services.visits_plan_bulk(
                    by=request.user,
                    practices=practices,
                    visitor=data["visitor"],
                    month=data["month"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(n)d bezoek(en) gepland in %(month)s.")
                    % {
                        "n": len(result["created"]),
                        "month": data["month"].strftime("%m-%Y"),
                    },
                )
                if result["skipped"]:
                    messages.info(
                        request,
                        _("Al gepland, dus overgeslagen: %(names)s.")
                        % {"names": ", ".join(p.name for p in result["skipped"])},
                    )
                month = data["month"].strftime("%Y-%m")
                return redirect(f"{reverse('visits:calendar')}?maand={month}")
        for error in form.non_field_errors():
            messages.error(request, error)
        for name, errors in form.errors.items():
            if name != "__all__":
                label = form.fields[name].label
                messages.error(request, f"{label}: {' '.join(errors)}")
        return redirect(f"{reverse('visits:yearly')}?{back}")

    @staticmethod
    def filtered(request, query: str):
        """The practices the yearly list shows with this filter (all pages)."""
        s = access.scope(request.user)
        practices = selectors.practices_with_visit_state(
            access.visible_practices(request.user).filter(
                coalition__in=s.lead_coalitions
            ),
            today=timezone.localdate(),
        )
        filterset = YearlyFilterSet(QueryDict(query), queryset=practices)
        return list(filterset.qs) if filterset.is_valid() else []


class CalendarView(RoleRequiredMixin, TemplateView):
    allowed_roles = STAFF
    template_name = "practices/visits/calendar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        month = parse_month(self.request.GET.get("maand", "")) or month_start(today)
        ctx.update(
            month=month,
            weeks=selectors.calendar_month(
                access.visible_visits(self.request.user), month=month
            ),
            previous=add_months(month, -1),
            next=add_months(month, 1),
            today=today,
            weekdays=[
                _("maandag"),
                _("dinsdag"),
                _("woensdag"),
                _("donderdag"),
                _("vrijdag"),
                _("zaterdag"),
                _("zondag"),
            ],
        )
        return ctx
