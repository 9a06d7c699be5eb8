"""Member organisations (issue 11 part 1)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from coalition import access, selectors_orgs, services_orgs
from coalition.forms_orgs import MemberOrganisationEndForm, MemberOrganisationForm
from coalition.tables_orgs import MemberOrganisationTable
from coalition.views import RoleRequiredMixin
from coalition.views_admin_orgs.base import LEAD_ONLY, LeadListView, _form_errors


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
