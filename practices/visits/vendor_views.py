"""The pages of a vendor's user (issue 16): what was passed on to their vendor, across
coalitions, and the page on which they answer one bottleneck. Thin: scope via
coalition.access, reads and writes via practices.visits.vendor."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from coalition import access
from coalition.models import Role
from coalition.views import RoleRequiredMixin
from practices.visits import vendor
from practices.visits.forms import VendorAnswerForm
from practices.visits.models import Bottleneck, VendorAnswer

VENDORS = frozenset({Role.VENDOR})


class VendorHomeView(RoleRequiredMixin, TemplateView):
    """The vendor's own overview: bottlenecks passed on to it (no practice named),
    practices on its products per coalition (counts; names where the coalition allows
    it), its certifications and how fast it answers."""

    allowed_roles = VENDORS
    template_name = "practices/visits/vendor/home.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        bottlenecks = list(vendor.vendor_inbox(user))
        labels = dict(VendorAnswer.Kind.choices)
        for b in bottlenecks:
            b.vendor_text = vendor.vendor_description(b)
            b.last_answer_label = " ".join(
                str(part)
                for part in (labels.get(b.last_answer_kind), b.last_answer_version)
                if part
            )
            # the coalition replied after the vendor's last answer (issue 16)
            b.has_new_reply = b.last_reply_at is not None and (
                b.last_answer_at is None or b.last_reply_at > b.last_answer_at
            )
        ctx["vendors"] = list(access.own_vendors(user))
        ctx["bottlenecks"] = bottlenecks
        ctx["practice_counts"] = vendor.vendor_practice_counts(user)
        ctx["certifications"] = (
            access.vendor_certifications(user)
            .select_related("product_version")
            .order_by("product_version__product", "product_version__version")
        )
        ctx["response_times"] = vendor.vendor_response_times(
            vendors=access.own_vendors(user)
        )
        return ctx


class VendorBottleneckView(RoleRequiredMixin, TemplateView):
    """One bottleneck passed on to the vendor: what it is about, the thread of the
    vendor's answers, and the form to answer (until the coalition resolves it)."""

    allowed_roles = VENDORS
    template_name = "practices/visits/vendor/bottleneck.html"

    def get_bottleneck(self) -> Bottleneck:
        return access.get_or_404(
            access.visible_vendor_bottlenecks(self.request.user).select_related(
                "practice__coalition", "vendor", "raised_by", "passed_on_by"
            ),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        return self.render_page(self.get_bottleneck())

    def render_page(self, bottleneck: Bottleneck, form=None, status: int = 200):
        user = self.request.user
        ctx = {
            "bottleneck": bottleneck,
            "coalition": bottleneck.practice.coalition,
            "vendor_text": vendor.vendor_description(bottleneck),
            "vendor_note": vendor.vendor_note(bottleneck),
            "answers": vendor.thread(user, bottleneck),
            "can_answer": access.can_answer_bottleneck(user, bottleneck),
        }
        ctx["entries"] = vendor.thread_entries(user, bottleneck, ctx["answers"])
        if ctx["can_answer"]:
            ctx["form"] = form or VendorAnswerForm(user=user)
        return self.render_to_response(self.get_context_data(**ctx), status=status)

    def post(self, request, pk):
        bottleneck = self.get_bottleneck()
        if not access.can_answer_bottleneck(request.user, bottleneck):
            raise Http404
        form = VendorAnswerForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            try:
                vendor.vendor_answer_create(
                    by=request.user,
                    bottleneck=bottleneck,
                    kind=data["kind"],
                    fixed_in=data.get("fixed_in"),
                    text=data.get("text", ""),
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc)
        if form.errors:
            return self.render_page(bottleneck, form=form, status=400)
        messages.success(request, _("Uw antwoord is verstuurd naar de coalitie."))
        return redirect("visits:vendor_bottleneck", pk=pk)
