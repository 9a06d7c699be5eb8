"""Vendors: their practices and go-live pace."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views.generic import DetailView
from django_tables2 import RequestConfig, SingleTableView

from coalition import access
from coalition.exports import ExportMixin
from coalition.models import Role
from coalition.views import RoleRequiredMixin
from practices import charts, selectors
from practices.tables import PracticeTable, VendorTable
from practices.views.base import _several_coalitions


class VendorListView(RoleRequiredMixin, ExportMixin, SingleTableView):
    allowed_roles = frozenset({Role.LEAD, Role.OFFICE})
    export_name = _l("leveranciers")
    table_class = VendorTable
    template_name = "practices/vendor_list.html"
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        """Vendors with how many of the user's practices use them and are live."""
        user = self.request.user
        return selectors.vendors_with_counts(
            access.visible_vendors(user), access.visible_practices(user)
        )

    def get_context_data(self, **kwargs):
        """Beside the list: how fast each vendor answers (issue 16, aggregates)."""
        from practices.visits.vendor import vendor_response_times

        ctx = super().get_context_data(**kwargs)
        ctx["response_times"] = vendor_response_times(
            vendors=access.visible_vendors(self.request.user)
        )
        return ctx


class VendorDetailView(RoleRequiredMixin, DetailView):
    allowed_roles = frozenset({Role.LEAD, Role.OFFICE})
    template_name = "practices/vendor_detail.html"
    context_object_name = "vendor"

    def get_object(self, queryset=None):
        return access.get_or_404(
            access.visible_vendors(self.request.user), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        """Versions and certifications, the practices on this vendor (within the user's
        scope) with their online-access go-live, and the pace of go-lives."""
        ctx = super().get_context_data(**kwargs)
        vendor = self.object
        today = timezone.localdate()
        practices = access.visible_practices(self.request.user).filter(
            Q(his_vendor=vendor) | Q(portal_vendor=vendor), is_active=True
        )
        ctx["versions"] = selectors.versions_with_labels(
            vendor.product_versions.all(), practices, today=today
        )
        table = PracticeTable(
            selectors.practice_list(
                practices, service=selectors.PRIMARY_SERVICE, today=today
            ),
            exclude=("select", "his_vendor", "portal_vendor")
            + (() if _several_coalitions(self.request.user) else ("coalition",)),
        )
        RequestConfig(self.request, paginate={"per_page": 25}).configure(table)
        ctx["table"] = table
        golive = selectors.vendor_go_live(practices, today=today)
        ctx["pace"] = golive.by_month
        ctx["n_live"] = golive.forecast.live
        ctx["per_week"] = golive.forecast.per_week
        if golive.series:
            ctx["chart"] = charts.burnup_svg(
                golive.series,
                target=0,
                deadline=None,
                expected_on=None,
                title=_("Praktijken live met online inzage"),
                labels={
                    "live": _("praktijken live"),
                    "target": _("doel"),
                    "deadline": _("deadline"),
                    "forecast": _("prognose"),
                },
            )
        return ctx
