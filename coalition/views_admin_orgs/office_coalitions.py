"""The programme office's coalitions (issue 11 part 8)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from django_tables2 import SingleTableView

from coalition import access, selectors_orgs, services_orgs
from coalition.exports import ExportMixin
from coalition.forms_orgs import CoalitionForm, FoundingMemberFormSet, LeadForm
from coalition.models import Coalition
from coalition.tables_orgs import OfficeCoalitionTable
from coalition.views import RoleRequiredMixin
from coalition.views_admin_orgs.base import OFFICE_ONLY, _form_errors


class OfficeCoalitionListView(RoleRequiredMixin, ExportMixin, SingleTableView):
    allowed_roles = OFFICE_ONLY
    table_class = OfficeCoalitionTable
    template_name = "coalition/orgs/office_coalition_list.html"
    export_name = gettext_lazy("coalities")
    table_pagination = {"per_page": 50}

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
