"""The go-live dashboard, its export, the member matrix and the deadlines."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from coalition import access
from coalition.models import Role, Service
from coalition.views import RoleRequiredMixin
from coalition.xlsx import xlsx_response
from practices import charts, selectors, services
from practices.forms import ServiceDeadlineFormSet
from practices.models import DeadlineState, Step
from practices.views.base import LEAD_OR_OFFICE


class CoalitionChoiceMixin(RoleRequiredMixin):
    allowed_roles = LEAD_OR_OFFICE

    def get_coalition(self):
        coalitions = access.dashboard_coalitions(self.request.user).order_by("name")
        slug = self.request.GET.get("coalition")
        if slug:
            return access.get_or_404(coalitions, slug=slug)
        lead = access.scope(self.request.user).lead_coalitions
        first = coalitions.filter(pk__in=lead).first() or coalitions.first()
        if first is None:
            raise PermissionDenied
        return first


class DashboardView(CoalitionChoiceMixin, TemplateView):
    """Go-live per service against the deadline: counts, burn-up, forecast, at risk."""

    template_name = "practices/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        coalition = self.get_coalition()
        service = selectors.chosen_service(self.request.GET.get("service"))
        practices = access.visible_practices(user).filter(
            coalition=coalition, is_active=True
        )
        golive = selectors.go_live(
            practices, coalition=coalition, service=service, today=today
        )
        summary, fc = golive.summary, golive.forecast
        chart = charts.burnup_svg(
            golive.series,
            target=summary.target,
            deadline=golive.deadline,
            expected_on=fc.expected_on,
            title=_("Live met %(s)s") % {"s": summary.label},
            labels={
                "live": _("praktijken live"),
                "target": _("doel"),
                "deadline": _("deadline"),
                "forecast": _("prognose bij huidig tempo"),
            },
        )
        ctx.update(
            coalition=coalition,
            coalitions=access.dashboard_coalitions(user).order_by("name"),
            service=service,
            services=Service.choices,
            summaries=golive.summaries,
            summary=summary,
            steps=list(Step),
            states=list(DeadlineState),
            forecast=fc,
            chart=chart,
            table_points=golive.month_points(),
            forecast_late=golive.forecast_late,
            at_risk=selectors.at_risk_rows(
                practices, coalition=coalition, golive=golive
            ),
            member_organisations=list(coalition.member_organisations.all()),
            today=today,
        )
        return ctx


class DashboardExportView(CoalitionChoiceMixin, View):
    """The dashboard's step × status matrix and burn-up series as xlsx."""

    def get(self, request):
        from practices.dashboard_export import dashboard_xlsx

        today = timezone.localdate()
        coalition = self.get_coalition()
        service = selectors.chosen_service(request.GET.get("service"))
        practices = access.visible_practices(request.user).filter(
            coalition=coalition, is_active=True
        )
        golive = selectors.go_live(
            practices, coalition=coalition, service=service, today=today
        )
        return xlsx_response(
            dashboard_xlsx(golive, coalition=coalition),
            name=f"go-live-{coalition.slug}-{service}",
        )


class MemberMatrixView(RoleRequiredMixin, TemplateView):
    """Service × practice for a whole member organisation."""

    allowed_roles = LEAD_OR_OFFICE
    template_name = "practices/member_matrix.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        org = access.get_or_404(
            access.visible_member_organisations(user), pk=self.kwargs["pk"]
        )
        practices = access.visible_practices(user).filter(
            member_organisation=org, is_active=True
        )
        deadlines = selectors.coalition_deadlines(org.coalition)
        ctx.update(
            organisation=org,
            services=list(Service),
            rows=selectors.member_matrix(
                practices, today=timezone.localdate(), deadlines=deadlines
            ),
        )
        return ctx


class DeadlinesView(CoalitionChoiceMixin, TemplateView):
    """The coalition's deadline and target per service (the lead sets them)."""

    allowed_roles = frozenset({Role.LEAD})
    template_name = "practices/deadlines.html"

    def formset(self, data=None):
        coalition = self.get_coalition()
        deadlines = selectors.coalition_deadlines(coalition)
        initial = []
        for s in Service:
            d = deadlines.get(s.value)
            initial.append(
                {
                    "service": s.value,
                    "deadline": d.deadline if d else None,
                    "target_pct": d.target_pct if d else 95,
                    "stuck_weeks": d.stuck_after.days // 7 if d else 8,
                }
            )
        fs = ServiceDeadlineFormSet(data, initial=initial, prefix="d")
        if data is not None and not fs.management_form.is_valid():
            return coalition, None  # a tampered or cut-off post: see post()
        for form, s in zip(fs.forms, Service, strict=True):
            form.label = s.label
        return coalition, fs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if "formset" not in kwargs:
            ctx["coalition"], ctx["formset"] = self.formset()
        return ctx

    def post(self, request):
        coalition, fs = self.formset(request.POST)
        if not access.can_manage_coalition(request.user, coalition):
            raise PermissionDenied
        if fs is None:
            messages.error(
                request,
                _("Het formulier is onvolledig verstuurd; er is niets opgeslagen."),
            )
            _coalition, fresh = self.formset()
            ctx = self.get_context_data(coalition=coalition, formset=fresh)
            return self.render_to_response(ctx, status=400)
        if fs.is_valid():
            services.service_deadlines_set(coalition=coalition, rows=fs.cleaned_data)
            messages.success(request, _("De deadlines zijn opgeslagen."))
            return redirect(
                reverse("practices:dashboard") + f"?coalition={coalition.slug}"
            )
        return self.render_to_response(
            self.get_context_data(coalition=coalition, formset=fs)
        )
