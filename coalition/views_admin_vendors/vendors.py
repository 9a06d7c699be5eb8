"""Vendors: list, create, edit, contacts, product versions, proposing a certification."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_tables2 import SingleTableView

from coalition import access, services_orgs
from coalition import services_vendors as services
from coalition.exports import ExportMixin
from coalition.forms_orgs import VendorPracticeNamesForm
from coalition.models import Certification, Role, Vendor, VendorContact
from coalition.views import RoleRequiredMixin, ScopedObjectMixin
from coalition.views_admin_vendors.base import LEAD_OR_OFFICE
from coalition.views_admin_vendors.forms import (
    CertificationProposeForm,
    ProductVersionForm,
    VendorContactForm,
    VendorCreateForm,
    VendorForm,
    _CoalitionChoice,
)
from coalition.views_admin_vendors.tables import VendorAdminTable


def _vendors_with_counts(qs):
    return qs.annotate(
        n_versions=Count("product_versions", distinct=True),
        n_proposed=Count(
            "product_versions__certifications",
            filter=Q(
                product_versions__certifications__status=Certification.Status.PROPOSED
            ),
            distinct=True,
        ),
    )


class VendorAdminListView(RoleRequiredMixin, ExportMixin, SingleTableView):
    allowed_roles = LEAD_OR_OFFICE
    table_class = VendorAdminTable
    template_name = "coalition/vendors/vendor_list.html"
    table_pagination = {"per_page": 50}
    export_name = gettext_lazy("Leveranciers")

    def get_queryset(self):
        return _vendors_with_counts(access.admin_vendors(self.request.user)).order_by(
            "name"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_add"] = access.can_propose_certification(self.request.user)
        ctx["can_decide_certification"] = access.can_decide_certification(
            self.request.user
        )
        # Issue 16: the lead's switch, per coalition they lead (the office sets it on
        # the coalition's own edit page).
        ctx["practice_names_forms"] = [
            (
                c,
                VendorPracticeNamesForm(
                    initial={
                        "vendors_see_practice_names": c.vendors_see_practice_names
                    },
                    auto_id=f"id_c{c.pk}_%s",
                ),
            )
            for c in access.managed_coalitions(self.request.user).order_by("name")
        ]
        return ctx


class VendorPracticeNamesView(RoleRequiredMixin, View):
    """The lead lets vendors see the names of the coalition's practices on their
    products, or takes it back (issue 16): the switch on the vendors page."""

    allowed_roles = LEAD_OR_OFFICE
    http_method_names = ["post"]

    def post(self, request, pk: int):
        coalition = access.get_or_404(access.visible_coalitions(request.user), pk=pk)
        if not access.can_set_vendor_practice_names(request.user, coalition):
            raise Http404
        form = VendorPracticeNamesForm(request.POST)
        form.is_valid()  # one checkbox: absent means off
        coalition = services_orgs.coalition_vendor_names_set(
            by=request.user,
            coalition=coalition,
            allowed=form.cleaned_data["vendors_see_practice_names"],
        )
        if coalition.vendors_see_practice_names:
            message = _(
                "Leveranciers zien nu de namen van de praktijken van %(name)s op hun "
                "producten."
            )
        else:
            message = _(
                "Leveranciers zien van %(name)s weer alleen aantallen praktijken."
            )
        messages.success(request, message % {"name": coalition.name})
        return redirect("coalition:vendor_admin_list")


class _VendorMixin(RoleRequiredMixin, ScopedObjectMixin):
    """Leads and the office (403 for other roles), on a vendor they manage (404)."""

    allowed_roles = LEAD_OR_OFFICE

    def get_visible_queryset(self) -> QuerySet[Vendor]:
        return access.admin_vendors(self.request.user)

    @property
    def vendor(self) -> Vendor:
        return self.object

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["vendor"] = self.vendor
        return ctx

    def done(self, message: str):
        messages.success(self.request, message)
        return redirect("coalition:vendor_admin_detail", pk=self.vendor.pk)


class VendorAdminDetailView(_VendorMixin, TemplateView):
    template_name = "coalition/vendors/vendor_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        s = access.scope(user)
        vendor = self.vendor
        ctx["can_edit_shared"] = access.vendor_shared_fields_editable(user, vendor)
        ctx["can_see_all_vendor_contacts"] = access.can_see_all_vendor_contacts(user)
        ctx["can_add_vendor_contact"] = access.can_add_vendor_contact(user)
        ctx["contact_coalitions"] = access.vendor_contact_coalitions(user)
        ctx["can_decide_certification"] = access.can_decide_certification(user)
        contacts = vendor.coalition_contacts.select_related("coalition")
        if not s.office:
            contacts = contacts.filter(coalition__in=s.lead_coalitions)
        ctx["contacts"] = list(contacts)
        ctx["versions"] = list(
            vendor.product_versions.prefetch_related(
                "certifications__proposed_for",
                "certifications__decided_by",
                "certifications__proposed_by",
            )
        )
        ctx["certification_history"] = list(
            Certification.history.filter(product_version__vendor=vendor)
            .select_related("history_user", "product_version")
            .order_by("-history_date")[:30]
        )
        return ctx


class VendorCreateView(RoleRequiredMixin, FormView):
    allowed_roles = frozenset({Role.LEAD})
    form_class = VendorCreateForm
    template_name = "coalition/vendors/vendor_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            vendor = services.vendor_create(
                by=self.request.user,
                coalition=data["coalition"],
                contact={
                    "name": data["our_contact_name"],
                    "email": data["our_contact_email"],
                    "phone": data["our_contact_phone"],
                },
                **{k: data[k] for k in services.VENDOR_SHARED_FIELDS},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Leverancier toegevoegd."))
        return redirect("coalition:vendor_admin_detail", pk=vendor.pk)


class VendorUpdateView(_VendorMixin, FormView):
    form_class = VendorForm
    template_name = "coalition/vendors/vendor_form.html"

    def get_form_kwargs(self):
        if not access.vendor_shared_fields_editable(self.request.user, self.vendor):
            raise PermissionDenied
        return {**super().get_form_kwargs(), "instance": self.vendor}

    def form_valid(self, form):
        try:
            services.vendor_update(
                by=self.request.user, vendor=self.vendor, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        return self.done(_("Leverancier bijgewerkt."))


class VendorContactView(_VendorMixin, FormView):
    """Add (no cpk) or change one of the coalition's contacts at the vendor."""

    form_class = VendorContactForm
    template_name = "coalition/vendors/contact_form.html"
    allowed_roles = frozenset({Role.LEAD})

    def get_contact(self) -> VendorContact | None:
        if "cpk" not in self.kwargs:
            return None
        return access.get_or_404(
            self.vendor.coalition_contacts.filter(
                coalition__in=access.scope(self.request.user).lead_coalitions
            ),
            pk=self.kwargs["cpk"],
        )

    def get_form_kwargs(self):
        self.contact = self.get_contact()
        return {**super().get_form_kwargs(), "instance": self.contact}

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if self.contact is None:
            extra = _CoalitionChoice(
                self.request.POST or None, user=self.request.user, prefix="c"
            )
            form.coalition_form = extra
        return form

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["contact"] = self.contact
        return ctx

    def form_valid(self, form):
        extra = getattr(form, "coalition_form", None)
        if extra is not None and not extra.is_valid():
            return self.form_invalid(form)
        try:
            services.vendor_contact_save(
                by=self.request.user,
                vendor=self.vendor,
                contact=self.contact,
                coalition=extra.cleaned_data["coalition"] if extra else None,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        return self.done(_("Contactpersoon opgeslagen."))


class ProductVersionView(_VendorMixin, FormView):
    """Add (no vpk) or change a product version of a vendor whose shared data the user
    may change."""

    form_class = ProductVersionForm
    template_name = "coalition/vendors/version_form.html"

    def get_form_kwargs(self):
        if not access.vendor_shared_fields_editable(self.request.user, self.vendor):
            raise PermissionDenied
        self.version = None
        if "vpk" in self.kwargs:
            self.version = access.get_or_404(
                self.vendor.product_versions.all(), pk=self.kwargs["vpk"]
            )
        return {**super().get_form_kwargs(), "instance": self.version}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["version"] = self.version
        return ctx

    def form_valid(self, form):
        try:
            services.product_version_save(
                by=self.request.user,
                vendor=self.vendor,
                product_version=self.version,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        return self.done(_("Productversie opgeslagen."))


class CertificationProposeView(_VendorMixin, FormView):
    form_class = CertificationProposeForm
    template_name = "coalition/vendors/certification_form.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "vendor": self.vendor,
        }

    def get_initial(self):
        return {"product_version": self.request.GET.get("versie")}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            cert = services.certification_propose(
                by=self.request.user,
                coalition=data.get("coalition"),
                product_version=data["product_version"],
                standard=data["standard"],
                since=data["since"],
                source=data["source"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        if cert.status == Certification.Status.CONFIRMED:
            return self.done(_("Certificering vastgelegd."))
        return self.done(
            _("Certificering voorgesteld; het programmabureau bevestigt haar.")
        )
