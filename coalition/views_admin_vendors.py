"""Vendors, their product versions and certifications, managed in the platform
(issue 11.2 and the office's half of 11.8).

A lead adds vendors, keeps their coalition's contacts at them, adds product versions of
a vendor that is theirs alone and proposes certifications; the programme office keeps
the shared data and confirms or withdraws certifications. The rules are in
`coalition.access` (block "vendors"); every write is a service in
`coalition.services_vendors`.
"""

from __future__ import annotations

import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
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
from coalition.forms import bootstrap
from coalition.forms_orgs import VendorPracticeNamesForm
from coalition.models import (
    Certification,
    Coalition,
    ProductVersion,
    Role,
    Service,
    Standard,
    Vendor,
    VendorContact,
)
from coalition.tables import DateColumn, DateTimeColumn, NumberColumn
from coalition.validators import validate_plausible_date
from coalition.views import RoleRequiredMixin

LEAD_OR_OFFICE = frozenset({Role.LEAD, Role.OFFICE})


# --- tables --------------------------------------------------------------------------


class VendorAdminTable(tables.Table):
    name = tables.Column(
        verbose_name=gettext_lazy("Naam"),
        linkify=("coalition:vendor_admin_detail", {"pk": tables.A("pk")}),
    )
    kind = tables.Column(verbose_name=gettext_lazy("Soort"))
    website = tables.Column(verbose_name=gettext_lazy("Website"))
    n_versions = NumberColumn(verbose_name=gettext_lazy("Productversies"))
    n_proposed = NumberColumn(verbose_name=gettext_lazy("Voorgestelde certificeringen"))

    class Meta:
        model = Vendor
        fields = ("name", "kind", "website", "n_versions", "n_proposed")
        order_by = "name"


class CertificationTable(tables.Table):
    vendor = tables.Column(
        verbose_name=gettext_lazy("Leverancier"),
        accessor="product_version__vendor__name",
        linkify=(
            "coalition:vendor_admin_detail",
            {"pk": tables.A("product_version__vendor_id")},
        ),
    )
    product_version = tables.Column(verbose_name=gettext_lazy("Productversie"))
    standard = tables.Column(verbose_name=gettext_lazy("Standaard"))
    since = DateColumn(verbose_name=gettext_lazy("Sinds"))
    source = tables.Column(verbose_name=gettext_lazy("Bron"))
    status = tables.Column(verbose_name=gettext_lazy("Status"))
    proposed_for = tables.Column(verbose_name=gettext_lazy("Voorgesteld vanuit"))
    decided_at = DateTimeColumn(verbose_name=gettext_lazy("Beoordeeld op"))

    class Meta:
        model = Certification
        fields = (
            "vendor",
            "product_version",
            "standard",
            "since",
            "source",
            "status",
            "proposed_for",
            "decided_at",
        )
        order_by = ("status", "vendor")


# --- forms ---------------------------------------------------------------------------


class _CoalitionChoice(forms.Form):
    """A lead of several coalitions says for which one; the field goes when one."""

    coalition = forms.ModelChoiceField(
        label=gettext_lazy("Coalitie"),
        queryset=Coalition.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        coalitions = access.managed_coalitions(user)
        self.fields["coalition"].queryset = coalitions
        if coalitions.count() == 1:
            self.fields["coalition"].widget = forms.HiddenInput()
            self.fields["coalition"].initial = coalitions.first()
        bootstrap(self)


class VendorForm(forms.ModelForm):
    class Meta:
        model = Vendor
        fields = services.VENDOR_SHARED_FIELDS
        labels = {"contact_name": gettext_lazy("Algemene contactpersoon")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class VendorContactForm(forms.ModelForm):
    class Meta:
        model = VendorContact
        fields = services.CONTACT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class VendorCreateForm(VendorForm):
    """The vendor and the coalition's own contact at it, in one form."""

    our_contact_name = forms.CharField(
        label=gettext_lazy("Onze contactpersoon"), max_length=200
    )
    our_contact_email = forms.EmailField(
        label=gettext_lazy("E-mail van onze contactpersoon"), required=False
    )
    our_contact_phone = forms.CharField(
        label=gettext_lazy("Telefoon van onze contactpersoon"),
        max_length=40,
        required=False,
    )
    coalition = forms.ModelChoiceField(
        label=gettext_lazy("Coalitie"),
        queryset=Coalition.objects.none(),
        empty_label=None,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        coalitions = access.managed_coalitions(user)
        self.fields["coalition"].queryset = coalitions
        if coalitions.count() == 1:
            self.fields["coalition"].widget = forms.HiddenInput()
            self.fields["coalition"].initial = coalitions.first()
        bootstrap(self)


class ProductVersionForm(forms.ModelForm):
    services = forms.MultipleChoiceField(
        label=gettext_lazy("Ondersteunde diensten"),
        choices=Service.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ProductVersion
        fields = services.VERSION_FIELDS
        widgets = {"released": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class CertificationProposeForm(forms.Form):
    product_version = forms.ModelChoiceField(
        label=gettext_lazy("Productversie"), queryset=ProductVersion.objects.none()
    )
    standard = forms.ChoiceField(
        label=gettext_lazy("Eis (standaard)"), choices=Standard.choices
    )
    since = forms.DateField(
        label=gettext_lazy("Gecertificeerd sinds"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[validate_plausible_date],
    )
    source = forms.CharField(
        label=gettext_lazy("Bron"),
        max_length=300,
        help_text=gettext_lazy(
            "Waar de certificering staat: een link of de naam van het besluit."
        ),
    )
    coalition = forms.ModelChoiceField(
        label=gettext_lazy("Coalitie"),
        queryset=Coalition.objects.none(),
        empty_label=None,
        required=False,
    )

    def __init__(self, *args, user, vendor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_version"].queryset = vendor.product_versions.all()
        coalitions = access.managed_coalitions(user)
        if access.can_decide_certification(user) or coalitions.count() <= 1:
            self.fields["coalition"].widget = forms.HiddenInput()
            self.fields["coalition"].initial = coalitions.first()
        self.fields["coalition"].queryset = coalitions
        bootstrap(self)


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Waarom vervalt deze certificering?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


# --- views ---------------------------------------------------------------------------


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
    paginate_by = 50
    export_name = gettext_lazy("Leveranciers")

    def get_queryset(self):
        return _vendors_with_counts(access.admin_vendors(self.request.user)).order_by(
            "name"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_add"] = access.can_propose_certification(self.request.user)
        ctx["is_office"] = access.can_decide_certification(self.request.user)
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
            for c in Coalition.objects.filter(
                pk__in=access.scope(self.request.user).lead_coalitions
            ).order_by("name")
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


class _VendorMixin(RoleRequiredMixin):
    allowed_roles = LEAD_OR_OFFICE

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and access.roles(request.user) & (
            self.allowed_roles
        ):
            self.vendor = access.get_or_404(
                access.admin_vendors(request.user), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

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
        ctx["is_office"] = s.office
        ctx["is_lead"] = bool(s.lead_coalitions)
        ctx["my_coalitions"] = s.lead_coalitions
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
    paginate_by = 50
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
