"""Pages of the coalition administration (issue 11): a lead's member organisations
(part 1), framework agreements and grants (part 3), and the programme office's
coalitions (part 8). Thin: access, selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_tables2 import SingleTableView

from coalition import access, selectors_orgs, services_orgs
from coalition.exports import ExportMixin
from coalition.forms_orgs import (
    CoalitionForm,
    FoundingMemberFormSet,
    FrameworkAgreementForm,
    GrantForm,
    LeadForm,
    MemberOrganisationEndForm,
    MemberOrganisationForm,
)
from coalition.models import Coalition, Role
from coalition.tables_orgs import (
    FrameworkAgreementTable,
    GrantTable,
    MemberOrganisationTable,
    OfficeCoalitionTable,
)
from coalition.views import RoleRequiredMixin

LEAD_ONLY = frozenset({Role.LEAD})
OFFICE_ONLY = frozenset({Role.OFFICE})


def _form_errors(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: per field where it names one that the
    form has, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class LeadListView(RoleRequiredMixin, ExportMixin, SingleTableView):
    """A list of the lead's coalitions' records; a Coalitie column only for a lead of
    several."""

    allowed_roles = LEAD_ONLY
    paginate_by = 50

    def several(self) -> bool:
        return len(access.scope(self.request.user).lead_coalitions) > 1

    def get_table_kwargs(self):
        return {"exclude": () if self.several() else ("coalition",)}


# --- member organisations (part 1) ----------------------------------------------------


class MemberOrganisationListView(LeadListView):
    table_class = MemberOrganisationTable
    template_name = "coalition/orgs/member_org_list.html"
    export_name = gettext_lazy("lidorganisaties")

    def get_queryset(self):
        return selectors_orgs.member_organisation_list(
            access.managed_member_organisations(self.request.user)
        )


def _lead_coalitions(user) -> list:
    return list(access.managed_coalitions(user).order_by("name"))


class MemberOrganisationCreateView(RoleRequiredMixin, TemplateView):
    allowed_roles = LEAD_ONLY
    template_name = "coalition/orgs/member_org_form.html"

    def form(self, data=None):
        return MemberOrganisationForm(
            data, coalitions=_lead_coalitions(self.request.user)
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", self.form())
        return ctx

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("coalition", None)
            try:
                org = services_orgs.member_organisation_create(
                    by=request.user, coalition=form.chosen_coalition(), **data
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is toegevoegd als lidorganisatie.")
                    % {"name": org.name},
                )
                return redirect("coalition:member_org_detail", pk=org.pk)
        return self.render_to_response(self.get_context_data(form=form))


class MemberOrganisationMixin(RoleRequiredMixin):
    allowed_roles = LEAD_ONLY

    def get_organisation(self):
        if not hasattr(self, "_org"):
            self._org = access.get_or_404(
                access.managed_member_organisations(self.request.user),
                pk=self.kwargs["pk"],
            )
        return self._org


class MemberOrganisationDetailView(MemberOrganisationMixin, TemplateView):
    """One member: contact, its practices, and the history of its record."""

    template_name = "coalition/orgs/member_org_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        org = self.get_organisation()
        practices = (
            access.visible_practices(self.request.user)
            .filter(member_organisation=org)
            .order_by("-is_active", "name")
            .only("pk", "name", "agb_code", "city", "list_size", "is_active")
        )
        ctx.update(
            organisation=org,
            practices=list(practices),
            history=selectors_orgs.history_rows(
                org,
                fields=(
                    "name",
                    "kind",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "ended_on",
                ),
            ),
        )
        ctx["n_active"] = sum(1 for p in ctx["practices"] if p.is_active)
        ctx["n_patients"] = sum(p.list_size for p in ctx["practices"] if p.is_active)
        return ctx


class MemberOrganisationEditView(MemberOrganisationMixin, TemplateView):
    template_name = "coalition/orgs/member_org_form.html"

    def form(self, data=None):
        org = self.get_organisation()
        initial = {name: getattr(org, name) for name in services_orgs.MEMBER_FIELDS}
        return MemberOrganisationForm(data, initial=initial, coalitions=[org.coalition])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", self.form())
        ctx["organisation"] = self.get_organisation()
        return ctx

    def post(self, request, pk: int):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                org = services_orgs.member_organisation_update(
                    by=request.user,
                    organisation=self.get_organisation(),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("De gegevens zijn opgeslagen."))
                return redirect("coalition:member_org_detail", pk=org.pk)
        return self.render_to_response(self.get_context_data(form=form))


class MemberOrganisationEndView(MemberOrganisationMixin, TemplateView):
    """End a membership (with its last day); the service keeps the coalition rule."""

    template_name = "coalition/orgs/member_org_end.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault(
            "form",
            MemberOrganisationEndForm(initial={"ended_on": timezone.localdate()}),
        )
        ctx["organisation"] = self.get_organisation()
        return ctx

    def post(self, request, pk: int):
        org = self.get_organisation()
        form = MemberOrganisationEndForm(request.POST)
        if form.is_valid():
            try:
                services_orgs.member_organisation_end(
                    by=request.user,
                    organisation=org,
                    ended_on=form.cleaned_data["ended_on"],
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Het lidmaatschap van %(name)s is beëindigd.")
                    % {"name": org.name},
                )
                return redirect("coalition:member_org_list")
        return self.render_to_response(self.get_context_data(form=form))


# --- framework agreements and grants (part 3) -----------------------------------------


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


# --- the programme office's coalitions (part 8) ---------------------------------------


class OfficeCoalitionListView(RoleRequiredMixin, ExportMixin, SingleTableView):
    allowed_roles = OFFICE_ONLY
    table_class = OfficeCoalitionTable
    template_name = "coalition/orgs/office_coalition_list.html"
    export_name = gettext_lazy("coalities")
    paginate_by = 50

    def get_queryset(self):
        return selectors_orgs.office_coalition_list(
            access.administered_coalitions(self.request.user)
        )


class OfficeCoalitionCreateView(RoleRequiredMixin, TemplateView):
    """Found a coalition: details, at least two member organisations, its first lead."""

    allowed_roles = OFFICE_ONLY
    template_name = "coalition/orgs/office_coalition_form.html"

    def forms(self, data=None):
        return (
            CoalitionForm(data),
            FoundingMemberFormSet(data, prefix="members"),
            LeadForm(data),
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if "form" not in kwargs:
            ctx["form"], ctx["members"], ctx["lead_form"] = self.forms()
        return ctx

    def post(self, request):
        form, members, lead_form = self.forms(request.POST)
        if not members.management_form.is_valid():
            messages.error(
                request,
                _("Het formulier is onvolledig verstuurd; er is niets opgeslagen."),
            )
            form, members, lead_form = self.forms()
            ctx = self.get_context_data(form=form, members=members, lead_form=lead_form)
            return self.render_to_response(ctx, status=400)
        if form.is_valid() and members.is_valid() and lead_form.is_valid():
            try:
                coalition = services_orgs.coalition_found(
                    by=request.user,
                    **form.cleaned_data,
                    members=[f.cleaned_data for f in members.forms],
                    **lead_form.cleaned_data,
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "%(name)s is aangemaakt; %(email)s heeft een uitnodiging als "
                        "projectleider gekregen."
                    )
                    % {
                        "name": coalition.name,
                        "email": lead_form.cleaned_data["lead_email"],
                    },
                )
                return redirect(
                    "coalition:office_coalition_detail", slug=coalition.slug
                )
        return self.render_to_response(
            self.get_context_data(form=form, members=members, lead_form=lead_form)
        )


class OfficeCoalitionMixin(RoleRequiredMixin):
    allowed_roles = OFFICE_ONLY

    def get_coalition(self):
        if not hasattr(self, "_coalition"):
            self._coalition = access.get_or_404(
                selectors_orgs.office_coalition_list(
                    access.administered_coalitions(self.request.user)
                ),
                slug=self.kwargs["slug"],
            )
        return self._coalition


class OfficeCoalitionDetailView(OfficeCoalitionMixin, TemplateView):
    """A coalition's details, its member organisations and its leads; invite a lead."""

    template_name = "coalition/orgs/office_coalition_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        coalition = self.get_coalition()
        ctx.update(
            coalition=coalition,
            members=list(
                selectors_orgs.member_organisation_list(
                    coalition.member_organisations.all()
                )
            ),
            leads=[m.user for m in coalition.lead_memberships],
        )
        ctx.setdefault("lead_form", LeadForm())
        return ctx

    def post(self, request, slug: str):
        """Invite a further lead."""
        coalition = self.get_coalition()
        form = LeadForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services_orgs.lead_invite(
                    by=request.user,
                    coalition=coalition,
                    email=d["lead_email"],
                    first_name=d["lead_first_name"],
                    last_name=d["lead_last_name"],
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Uitnodiging als projectleider verstuurd naar %(email)s.")
                    % {"email": d["lead_email"]},
                )
                return redirect("coalition:office_coalition_detail", slug=slug)
        return self.render_to_response(self.get_context_data(lead_form=form))


class OfficeCoalitionEditView(OfficeCoalitionMixin, TemplateView):
    template_name = "coalition/orgs/office_coalition_edit.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["coalition"] = self.get_coalition()
        ctx.setdefault("form", CoalitionForm(instance=ctx["coalition"]))
        return ctx

    def post(self, request, slug: str):
        coalition = self.get_coalition()
        # a copy: a form that fails must not show its posted name as the page's title
        form = CoalitionForm(
            request.POST, instance=Coalition.objects.get(pk=coalition.pk)
        )
        if form.is_valid():
            try:
                services_orgs.coalition_update(
                    by=request.user, coalition=coalition, **form.cleaned_data
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, _("De gegevens zijn opgeslagen."))
                return redirect("coalition:office_coalition_detail", slug=slug)
        return self.render_to_response(self.get_context_data(form=form))
