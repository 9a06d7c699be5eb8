"""Certifications: the office confirms or withdraws them, and lists them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from django_tables2 import SingleTableView

from coalition import access
from coalition import services_vendors as services
from coalition.exports import ExportMixin
from coalition.models import Certification, Role
from coalition.views import RoleRequiredMixin
from coalition.views_admin_vendors.forms import WithdrawForm
from coalition.views_admin_vendors.tables import CertificationTable


class _OfficeCertificationMixin(RoleRequiredMixin):
    allowed_roles = frozenset({Role.OFFICE})

    def get_certification(self) -> Certification:
        return access.get_or_404(
            Certification.objects.select_related("product_version__vendor"),
            pk=self.kwargs["pk"],
        )

    def back(self, cert: Certification):
        if self.request.POST.get("next") == "list":
            return redirect("coalition:certification_list")
        return redirect(
            "coalition:vendor_admin_detail", pk=cert.product_version.vendor_id
        )


class CertificationConfirmView(_OfficeCertificationMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        cert = self.get_certification()
        try:
            services.certification_confirm(by=request.user, certification=cert)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("Certificering bevestigd."))
        return self.back(cert)


class CertificationWithdrawView(_OfficeCertificationMixin, FormView):
    form_class = WithdrawForm
    template_name = "coalition/vendors/certification_withdraw.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["certification"] = self.get_certification()
        return ctx

    def form_valid(self, form):
        cert = self.get_certification()
        try:
            services.certification_withdraw(
                by=self.request.user, certification=cert, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Certificering ingetrokken."))
        return self.back(cert)


class CertificationListView(RoleRequiredMixin, ExportMixin, SingleTableView):
    """The office's queue: proposals first, then the rest."""

    allowed_roles = frozenset({Role.OFFICE})
    table_class = CertificationTable
    template_name = "coalition/vendors/certification_list.html"
    table_pagination = {"per_page": 50}
    export_name = gettext_lazy("Certificeringen")

    def get_queryset(self):
        qs = Certification.objects.select_related(
            "product_version__vendor", "proposed_for"
        )
        status = self.request.GET.get("status")
        if status in Certification.Status.values:
            qs = qs.filter(status=status)
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["statuses"] = Certification.Status.choices
        ctx["status"] = self.request.GET.get("status", "")
        ctx["proposed"] = list(
            Certification.objects.filter(status=Certification.Status.PROPOSED)
            .select_related("product_version__vendor", "proposed_for", "proposed_by")
            .order_by("product_version__vendor__name")
        )
        return ctx
