"""Framework agreements and grants (issue 11 part 3)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from coalition import access, selectors_orgs, services_orgs
from coalition.forms_orgs import FrameworkAgreementForm, GrantForm
from coalition.tables_orgs import FrameworkAgreementTable, GrantTable
from coalition.views import RoleRequiredMixin
from coalition.views_admin_orgs.base import LEAD_ONLY, LeadListView, _form_errors
from coalition.views_admin_orgs.member_organisations import _lead_coalitions


class AgreementListView(LeadListView):
    table_class = FrameworkAgreementTable
    template_name = "coalition/orgs/agreement_list.html"
    export_name = gettext_lazy("raamovereenkomsten")

    def get_queryset(self):
        return selectors_orgs.agreement_list(
            access.managed_agreements(self.request.user)
        )


class GrantListView(LeadListView):
    table_class = GrantTable
    template_name = "coalition/orgs/grant_list.html"
    export_name = gettext_lazy("subsidies")

    def get_queryset(self):
        return access.managed_grants(self.request.user)


class LeadRecordFormView(RoleRequiredMixin, TemplateView):
    """Create (no pk) or edit one of the lead's agreements or grants."""

    allowed_roles = LEAD_ONLY
    form_class = None
    history_fields: tuple[str, ...] = ()
    history_m2m: tuple[str, ...] = ()

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        if not hasattr(self, "_object"):
            self._object = access.get_or_404(
                self.managed(self.request.user), pk=self.kwargs["pk"]
            )
        return self._object

    def form(self, data=None):
        obj = self.get_object()
        coalitions = [obj.coalition] if obj else _lead_coalitions(self.request.user)
        return self.form_class(
            data, initial=self.initial_for(obj), coalitions=coalitions
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", self.form())
        obj = self.get_object()
        ctx["object"] = obj
        if obj is not None:
            ctx["history"] = selectors_orgs.history_rows(
                obj, fields=self.history_fields, m2m=self.history_m2m
            )
        return ctx

    def post(self, request, **kwargs):
        form = self.form(request.POST)
        if form.is_valid():
            obj = self.get_object()
            coalition = obj.coalition if obj else form.chosen_coalition()
            try:
                saved = self.save(form.cleaned_data, coalition=coalition, obj=obj)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, self.success_message(saved))
                return redirect(self.success_url)
        return self.render_to_response(self.get_context_data(form=form))


class AgreementFormView(LeadRecordFormView):
    template_name = "coalition/orgs/agreement_form.html"
    form_class = FrameworkAgreementForm
    managed = staticmethod(access.managed_agreements)
    history_fields = ("vendor", "starts", "ends", "notes")
    history_m2m = ("products",)
    success_url = "coalition:agreement_list"

    def initial_for(self, obj):
        if obj is None:
            return {}
        return {
            "vendor": obj.vendor_id,
            "starts": obj.starts,
            "ends": obj.ends,
            "notes": obj.notes,
            "products": list(obj.products.values_list("pk", flat=True)),
        }

    def save(self, data, *, coalition, obj):
        return services_orgs.framework_agreement_save(
            by=self.request.user,
            coalition=coalition,
            vendor=data["vendor"],
            starts=data["starts"],
            ends=data["ends"],
            products=data["products"],
            notes=data["notes"],
            agreement=obj,
        )

    def success_message(self, saved):
        return _("De raamovereenkomst met %(vendor)s is opgeslagen.") % {
            "vendor": saved.vendor.name
        }


class GrantFormView(LeadRecordFormView):
    template_name = "coalition/orgs/grant_form.html"
    form_class = GrantForm
    managed = staticmethod(access.managed_grants)
    history_fields = (
        "funder",
        "reference",
        "amount",
        "starts",
        "ends",
        "committed_practices",
        "committed_patients",
    )
    success_url = "coalition:grant_list"

    def initial_for(self, obj):
        if obj is None:
            return {}
        return {
            "funder": obj.funder_id,
            "reference": obj.reference,
            "amount": obj.amount,
            "starts": obj.starts,
            "ends": obj.ends,
            "committed_practices": obj.committed_practices,
            "committed_patients": obj.committed_patients,
        }

    def save(self, data, *, coalition, obj):
        return services_orgs.grant_save(
            by=self.request.user,
            coalition=coalition,
            funder=data["funder"],
            new_funder=data["new_funder"],
            reference=data["reference"],
            amount=data["amount"],
            starts=data["starts"],
            ends=data["ends"],
            committed_practices=data["committed_practices"],
            committed_patients=data["committed_patients"],
            grant=obj,
        )

    def success_message(self, saved):
        return _("De subsidie van %(funder)s is opgeslagen.") % {
            "funder": saved.funder.name
        }
