"""Change proposals: the practice user proposes, the lead decides (practices.proposals)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from coalition import access
from coalition.views import ScopedObjectMixin
from practices import proposals
from practices.forms import ChangeProposalForm, ProposalDecisionForm
from practices.models import Practice


def _back(practice_pk: int) -> str:
    return reverse("practices:detail", args=[practice_pk]) + "#voorstellen"


class ProposalCreateView(ScopedObjectMixin, LoginRequiredMixin, TemplateView):
    template_name = "practices/proposal_form.html"

    def get_visible_queryset(self) -> QuerySet[Practice]:
        return access.visible_practices(self.request.user).select_related(
            "his_vendor", "portal_vendor"
        )

    def object_allowed(self, obj: Practice) -> bool:
        return access.can_propose_practice_change(self.request.user, obj)

    @property
    def practice(self) -> Practice:
        return self.object

    def form(self, data=None):
        # A copy: the form must never change the registry row it was filled from.
        instance = Practice.objects.get(pk=self.practice.pk)
        return ChangeProposalForm(data, instance=instance)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", self.form())
        ctx["practice"] = self.practice
        return ctx

    def post(self, request, pk: int):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                proposals.proposal_create(
                    practice=self.practice,
                    by=request.user,
                    values=form.cleaned_data,
                    note=form.cleaned_data.get("note", ""),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Uw voorstel is verstuurd. De projectleider beoordeelt het; "
                        "tot dan blijven de oude gegevens staan."
                    ),
                )
                return redirect(_back(self.practice.pk))
        return self.render_to_response(self.get_context_data(form=form))


class ProposalDecideView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        proposal = access.get_or_404(
            access.visible_change_proposals(request.user).select_related("practice"),
            pk=pk,
        )
        if not access.can_manage_practice(request.user, proposal.practice):
            raise PermissionDenied
        form = ProposalDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Kies of u het voorstel overneemt of afwijst."))
            return redirect(_back(proposal.practice_id))
        try:
            if form.cleaned_data["decision"] == "accept":
                proposals.proposal_accept(proposal=proposal, by=request.user)
                messages.success(request, _("Het voorstel is overgenomen."))
            else:
                proposals.proposal_reject(
                    proposal=proposal,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
                messages.success(request, _("Het voorstel is afgewezen."))
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
        return redirect(_back(proposal.practice_id))
