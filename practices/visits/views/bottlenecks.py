"""Bottlenecks: lists, the office's inbox, create, edit, pass on, resolve."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import Form
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from coalition import access
from coalition.forms import add_service_errors
from coalition.models import Role, Vendor
from coalition.views import RoleRequiredMixin, ScopedObjectMixin
from practices.visits import charts, selectors, services, vendor
from practices.visits.filters import BottleneckFilterSet, InboxFilterSet
from practices.visits.forms import (
    BottleneckForm,
    CoalitionReplyForm,
    PassOnForm,
    ResolveForm,
)
from practices.visits.models import Bottleneck
from practices.visits.tables import BottleneckTable
from practices.visits.views.base import (
    LEADS,
    READERS,
    STAFF,
    CoalitionColumnMixin,
    ListPageMixin,
)


class BottleneckListView(
    RoleRequiredMixin, CoalitionColumnMixin, ListPageMixin, FilterView
):
    allowed_roles = READERS
    table_class = BottleneckTable
    filterset_class = BottleneckFilterSet
    template_name = "practices/visits/bottleneck_list.html"
    export_name = "knelpunten"

    def get_queryset(self):
        return access.visible_bottlenecks(self.request.user).select_related(
            "practice__coalition"
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["vendors"] = selectors.vendor_choices(
            access.visible_practices(self.request.user)
        ).order_by("name")
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        s = access.scope(self.request.user)
        ctx["can_raise"] = bool(s.lead_coalitions or s.practice_ids)
        ctx["can_see_overview"] = bool(s.lead_coalitions or s.office)
        return ctx


class BottleneckInboxView(BottleneckListView):
    """The programme office's inbox: the bottlenecks passed on to it, to pass on to
    the vendor or resolve (from each one's page)."""

    allowed_roles = frozenset({Role.OFFICE})
    filterset_class = InboxFilterSet
    template_name = "practices/visits/bottleneck_inbox.html"
    export_name = "knelpunten programmabureau"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_see_office_inbox(
            request.user
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def several_coalitions(self) -> bool:
        return True  # the inbox gathers every coalition's

    def get_queryset(self):
        return (
            access.visible_office_inbox(self.request.user)
            .select_related("practice__coalition")
            .order_by("status", "-passed_on_at", "-pk")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["vendors"] = Vendor.objects.filter(
            pk__in=self.get_queryset().order_by().values("vendor")
        ).order_by("name")
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["n_waiting"] = (
            self.get_queryset().filter(status=Bottleneck.Status.PASSED_ON).count()
        )
        return ctx


class BottleneckCreateView(RoleRequiredMixin, FormView):
    """A practice user (or a lead) reports a bottleneck outside a visit."""

    allowed_roles = frozenset({Role.LEAD, Role.PRACTICE})
    form_class = BottleneckForm
    template_name = "practices/visits/bottleneck_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        practice = data["practice"]
        if not access.can_raise_bottleneck(self.request.user, practice):
            raise PermissionDenied
        try:
            bottleneck = services.bottleneck_create(
                by=self.request.user,
                practice=practice,
                category=data["category"],
                vendor=data.get("vendor"),
                description=data["description"],
                form_token=data.get("form_token"),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het knelpunt is gemeld."))
        return redirect("visits:bottleneck_detail", pk=bottleneck.pk)


class BottleneckUpdateView(ScopedObjectMixin, RoleRequiredMixin, FormView):
    allowed_roles = LEADS
    form_class = BottleneckForm
    template_name = "practices/visits/bottleneck_form.html"

    def get_visible_queryset(self) -> QuerySet[Bottleneck]:
        return access.visible_bottlenecks(self.request.user)

    def object_allowed(self, obj: Bottleneck) -> bool:
        return (
            access.can_manage_bottleneck(self.request.user, obj)
            and obj.status == Bottleneck.Status.OPEN
        )

    def object_refused(self, obj: Bottleneck) -> HttpResponse:
        """Not the user's to manage: absent (404). Passed on or resolved: back to its
        page, where it is read."""
        if not access.can_manage_bottleneck(self.request.user, obj):
            raise Http404
        messages.info(
            self.request,
            _("Een doorgegeven of opgelost knelpunt wordt niet meer gewijzigd."),
        )
        return redirect("visits:bottleneck_detail", pk=obj.pk)

    @property
    def bottleneck(self) -> Bottleneck:
        return self.object

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "practice": self.bottleneck.practice,
            "instance": Bottleneck.objects.get(pk=self.bottleneck.pk),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(bottleneck=self.bottleneck, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.bottleneck_update(
                by=self.request.user,
                bottleneck=self.bottleneck,
                category=data["category"],
                vendor=data.get("vendor"),
                description=data["description"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het knelpunt is bijgewerkt."))
        return redirect("visits:bottleneck_detail", pk=self.bottleneck.pk)


class BottleneckDetailView(RoleRequiredMixin, TemplateView):
    allowed_roles = READERS
    template_name = "practices/visits/bottleneck_detail.html"

    def get_bottleneck(self) -> Bottleneck:
        return access.get_or_404(
            access.visible_bottlenecks(self.request.user).select_related(
                "raised_by", "passed_on_by", "resolved_by"
            ),
            pk=self.kwargs["pk"],
        )

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def render_page(self, status: int = 200, **forms):
        bottleneck = self.get_bottleneck()
        user = self.request.user
        can_manage = access.can_manage_bottleneck(user, bottleneck)
        office = access.can_handle_office_bottleneck(user, bottleneck)
        ctx = {"bottleneck": bottleneck, "can_manage": can_manage, "office": office}
        # The vendor's answers (issue 16), and for the lead the upgrade list.
        ctx["answers"] = vendor.thread(user, bottleneck)
        ctx["upgrades"] = vendor.upgrade_list(user, bottleneck, ctx["answers"])
        ctx["entries"] = vendor.thread_entries(user, bottleneck, ctx["answers"])
        if access.can_reply_to_vendor(user, bottleneck):
            ctx["reply_form"] = forms.get("reply_form") or CoalitionReplyForm()
        if can_manage and bottleneck.status == Bottleneck.Status.OPEN:
            ctx["pass_on_form"] = forms.get("pass_on_form") or PassOnForm(
                initial={"to": "vendor" if bottleneck.vendor_id else "office"}
            )
        elif office and bottleneck.vendor_id:
            ctx["pass_on_form"] = forms.get("pass_on_form") or PassOnForm(office=True)
        if (can_manage and bottleneck.status != Bottleneck.Status.RESOLVED) or office:
            ctx["resolve_form"] = forms.get("resolve_form") or ResolveForm()
        return self.render_to_response(self.get_context_data(**ctx), status=status)


class _BottleneckActionView(BottleneckDetailView):
    """A lead's step on a bottleneck (or the office's, on one in its inbox): one form,
    one service call, back to its page."""

    allowed_roles = STAFF
    http_method_names = ["post"]
    form_class: type[Form]
    form_key: str
    success_message: str

    def act(self, bottleneck: Bottleneck, data: dict) -> None:
        raise NotImplementedError

    def form_kwargs(self, office: bool) -> dict:
        return {}

    def allowed(self, bottleneck: Bottleneck, office: bool) -> bool:
        return office or access.can_manage_bottleneck(self.request.user, bottleneck)

    def post(self, request, pk):
        bottleneck = self.get_bottleneck()
        office = access.can_handle_office_bottleneck(request.user, bottleneck)
        if not self.allowed(bottleneck, office):
            raise Http404
        form = self.form_class(request.POST, **self.form_kwargs(office))
        if form.is_valid():
            try:
                self.act(bottleneck, form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
        if form.errors:
            return self.render_page(status=400, **{self.form_key: form})
        messages.success(request, self.success_message)
        return redirect("visits:bottleneck_detail", pk=pk)


class BottleneckPassOnView(_BottleneckActionView):
    form_class = PassOnForm
    form_key = "pass_on_form"
    success_message = gettext_lazy("Het knelpunt is doorgegeven.")

    def form_kwargs(self, office: bool) -> dict:
        return {"office": office}

    def act(self, bottleneck: Bottleneck, data: dict) -> None:
        services.bottleneck_pass_on(
            by=self.request.user,
            bottleneck=bottleneck,
            to=data["to"],
            note=data["note"],
        )


class BottleneckResolveView(_BottleneckActionView):
    form_class = ResolveForm
    form_key = "resolve_form"
    success_message = gettext_lazy("Het knelpunt is opgelost.")

    def act(self, bottleneck: Bottleneck, data: dict) -> None:
        services.bottleneck_resolve(
            by=self.request.user, bottleneck=bottleneck, resolution=data["resolution"]
        )


class BottleneckVendorReplyView(_BottleneckActionView):
    """The lead replies in the thread with the vendor (issue 16)."""

    form_class = CoalitionReplyForm
    form_key = "reply_form"
    success_message = gettext_lazy("Uw reactie is naar de leverancier gestuurd.")

    def allowed(self, bottleneck: Bottleneck, office: bool) -> bool:
        return access.can_reply_to_vendor(self.request.user, bottleneck)

    def act(self, bottleneck: Bottleneck, data: dict) -> None:
        vendor.coalition_reply_create(
            by=self.request.user, bottleneck=bottleneck, text=data["text"]
        )


class BottleneckOverviewView(RoleRequiredMixin, TemplateView):
    """Bottlenecks grouped by vendor and category, with counts per quarter."""

    allowed_roles = STAFF
    template_name = "practices/visits/bottleneck_overview.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        bottlenecks = access.visible_bottlenecks(self.request.user)
        today = timezone.localdate()
        years = selectors.bottleneck_years(bottlenecks, today=today)
        raw = self.request.GET.get("jaar", "")
        year = int(raw) if raw.isdigit() and int(raw) in years else today.year
        summary = selectors.bottleneck_summary(bottlenecks, year=year)
        ctx["summary"] = summary
        ctx["years"] = years
        ctx["year"] = year
        ctx["period_rows"] = [
            (
                label,
                [
                    summary["by_period"][key].get(code, 0)
                    for code, _l in summary["categories"]
                ],
                total,
            )
            for label, key, total in zip(
                summary["periods"],
                summary["period_keys"],
                summary["totals"],
                strict=True,
            )
        ]
        ctx["chart"] = mark_safe(  # noqa: S308 - SVG generated here by matplotlib
            charts.bottlenecks_per_quarter_svg(
                summary,
                title=_("Gemelde knelpunten per kwartaal in %(year)s") % {"year": year},
            )
        )
        return ctx
