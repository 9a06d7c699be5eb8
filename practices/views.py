"""Pages of the registry and the go-live tracking. Thin: access, selector or service,
render. Data comes only through coalition.access."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db.models import Q, QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views import View
from django.views.generic import DetailView, TemplateView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin, SingleTableView

from coalition import access, panels
from coalition.exports import ExportMixin
from coalition.models import Role, Service
from coalition.views import RoleRequiredMixin, ScopedObjectMixin
from coalition.xlsx import xlsx_response
from practices import charts, exports, imports, selectors, services
from practices.filters import PracticeFilterSet
from practices.forms import (
    BulkStepForm,
    ContactFormSet,
    PracticeCreateForm,
    PracticeForm,
    RegistryUploadForm,
    RolloutChangeForm,
    ServiceDeadlineFormSet,
)
from practices.models import DeadlineState, Practice, Step
from practices.tables import PracticeTable, VendorTable

LEAD_OR_OFFICE = frozenset({Role.LEAD, Role.OFFICE})


def _several_coalitions(user) -> bool:
    """Lists show a Coalitie column and filter when the user sees more than one."""
    return access.dashboard_coalitions(user)[:2].count() > 1


class PracticeListView(RoleRequiredMixin, ExportMixin, SingleTableMixin, FilterView):
    """The registry: filter, sort, select and move, download what is shown."""

    allowed_roles = LEAD_OR_OFFICE
    export_name = "praktijken"
    export_formats = ("xlsx", "registry")
    table_class = PracticeTable
    filterset_class = PracticeFilterSet
    template_name = "practices/practice_list.html"
    paginate_by = 50

    @property
    def service(self) -> str:
        return selectors.chosen_service(self.request.GET.get("service"))

    @property
    def hidden_columns(self) -> tuple[str, ...]:
        hidden = () if _several_coalitions(self.request.user) else ("coalition",)
        if not access.scope(self.request.user).lead_coalitions:
            hidden += ("select",)
        return hidden

    def get_queryset(self):
        return selectors.practice_list(
            access.visible_practices(self.request.user),
            service=self.service,
            today=timezone.localdate(),
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["data"] = self.request.GET  # bound even when empty: defaults apply
        kwargs["cohorts"] = selectors.cohorts(
            access.visible_practices(self.request.user)
        )
        kwargs["several_coalitions"] = _several_coalitions(self.request.user)
        return kwargs

    def get_table_kwargs(self):
        return {"service": self.service, "exclude": self.hidden_columns}

    def export_registry(self):
        """The filtered practices in the registry import's format."""
        return xlsx_response(
            exports.registry_xlsx(self.get_export_queryset()), name="praktijkregister"
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        fs = ctx["filter"]
        counts = selectors.state_counts(fs.qs)
        ctx["counts"] = counts
        ctx["state_counts"] = [(s, counts[s.value]) for s in DeadlineState]
        ctx["service_label"] = Service(self.service).label
        ctx["can_bulk"] = bool(access.scope(self.request.user).lead_coalitions)
        ctx["bulk_form"] = BulkStepForm(initial={"service": self.service})
        ctx["querystring"] = self.request.GET.urlencode()
        ctx["can_import"] = ctx["can_bulk"]
        return ctx


def _next_url(request, fallback: str) -> str:
    url = request.POST.get("next") or ""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}):
        return url
    return fallback


class PracticeBulkStepView(RoleRequiredMixin, View):
    """Set a step for the selected practices of the list (project leads only)."""

    allowed_roles = frozenset({Role.LEAD})

    def post(self, request):
        user = request.user
        managed = access.visible_practices(user).filter(
            coalition__in=access.managed_coalitions(user)
        )
        form = BulkStepForm(request.POST, practices=managed)
        back = _next_url(request, reverse("practices:list"))
        if not form.is_valid():
            for errors in form.errors.values():
                for e in errors:
                    messages.error(request, e)
            return HttpResponseRedirect(back)
        d = form.cleaned_data
        try:
            n = services.rollout_bulk_step(
                practices=d["pk"],
                service=d["service"],
                step=d["step"],
                by=user,
                note=d["note"],
            )
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
            return HttpResponseRedirect(back)
        messages.success(
            request,
            _("%(n)s praktijk(en) naar ‘%(step)s’ voor %(service)s gezet.")
            % {
                "n": n,
                "step": Step(d["step"]).label,
                "service": Service(d["service"]).label,
            },
        )
        return HttpResponseRedirect(back)


class PracticeMixin(LoginRequiredMixin):
    def visible_practices(self) -> QuerySet[Practice]:
        qs = access.visible_practices(self.request.user).select_related(
            "coalition",
            "member_organisation",
            "his_vendor",
            "his_version",
            "portal_vendor",
        )
        return selectors.with_readiness(qs, today=timezone.localdate())

    def get_practice(self) -> Practice:
        if not hasattr(self, "_practice"):
            self._practice = access.get_or_404(
                self.visible_practices(), pk=self.kwargs["pk"]
            )
        return self._practice


class PracticeDetailView(PracticeMixin, TemplateView):
    """Profile, service × step matrix, timelines, contacts and other apps' cards.

    A practice user sees their own practice; what they may change is decided in
    access.practice_editable_fields (address, staff counts, contacts), the rest and
    the rollout are read-only for them.
    """

    template_name = "practices/practice_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        practice = self.get_practice()
        user = self.request.user
        today = timezone.localdate()
        rows = selectors.rollout_rows(practice, today=today)
        timeline = selectors.rollout_timeline(practice)
        for row in rows:
            row["changes"] = timeline.get(row["service"], [])
        ctx["any_changes"] = any(row["changes"] for row in rows)
        ctx.update(
            practice=practice,
            rows=rows,
            steps=list(Step),
            contacts=list(practice.contacts.all()),
            can_manage=access.can_manage_practice(user, practice),
            can_edit=bool(access.practice_editable_fields(user, practice)),
            panels=panels.render_list("practice_detail", self.request, practice),
        )
        if ctx["can_manage"]:
            # One form per service, each filled with that service's own values, so
            # changing one service never copies another's plan.
            for row in rows:
                r = row["rollout"]
                row["form"] = RolloutChangeForm(
                    initial={
                        "service": row["service"],
                        "step": r.step,
                        "planned_date": r.planned_date,
                        "live_date": r.live_date,
                        "reason": r.reason,
                    },
                    auto_id=f"ro-{row['service']}-%s",
                    fixed_service=True,
                )
        return ctx


class RolloutChangeView(PracticeMixin, View):
    def post(self, request, pk: int):
        practice = self.get_practice()
        if not access.can_manage_practice(request.user, practice):
            raise PermissionDenied
        form = RolloutChangeForm(request.POST)
        url = reverse("practices:detail", args=[practice.pk]) + "#uitrol"
        if not form.is_valid():
            for field, errors in form.errors.items():
                for e in errors:
                    messages.error(request, f"{form.fields[field].label}: {e}")
            return redirect(url)
        d = form.cleaned_data
        try:
            services.rollout_change(
                practice=practice,
                service=d["service"],
                by=request.user,
                step=d["step"],
                planned_date=d["planned_date"],
                live_date=d["live_date"],
                reason=d["reason"],
                note=d["note"],
            )
        except ValidationError as exc:
            for m in exc.messages:
                messages.error(request, m)
            return redirect(url)
        messages.success(
            request,
            _("%(service)s: %(step)s opgeslagen.")
            % {"service": Service(d["service"]).label, "step": Step(d["step"]).label},
        )
        return redirect(url)


class PracticeEditView(ScopedObjectMixin, PracticeMixin, TemplateView):
    """Edit the registry data and contacts; fields by access.practice_editable_fields."""

    template_name = "practices/practice_form.html"

    def get_visible_queryset(self) -> QuerySet[Practice]:
        return self.visible_practices()

    def object_allowed(self, obj: Practice) -> bool:
        self.editable = access.practice_editable_fields(self.request.user, obj)
        return bool(self.editable)

    def get_practice(self) -> Practice:
        return self.object

    def forms(self, data=None):
        practice = self.get_practice()
        form = PracticeForm(data, instance=practice, editable=self.editable)
        contacts = ContactFormSet(data, instance=practice, prefix="contacts")
        for f in contacts.forms:
            for field in f.fields.values():
                css = (
                    "form-check-input"
                    if field.widget.input_type == "checkbox"
                    else "form-control form-control-sm"
                )
                field.widget.attrs.setdefault("class", css)
        return form, contacts

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if "form" not in kwargs:
            ctx["form"], ctx["contacts"] = self.forms()
        ctx["practice"] = self.get_practice()
        return ctx

    def post(self, request, pk: int):
        form, contacts = self.forms(request.POST)
        if form.is_valid() and contacts.is_valid():
            try:
                practice = services.practice_update(
                    practice=form.save(commit=False), contacts=contacts, by=request.user
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("De gegevens zijn opgeslagen."))
                return redirect("practices:detail", pk=practice.pk)
        return self.render_to_response(
            self.get_context_data(form=form, contacts=contacts)
        )


class PracticeCreateView(RoleRequiredMixin, TemplateView):
    """A lead registers one practice by hand (in bulk: the xlsx import)."""

    allowed_roles = frozenset({Role.LEAD})
    template_name = "practices/practice_form.html"
    editable = tuple(
        f for f in access.PRACTICE_LEAD_FIELDS if f not in ("is_active", "left_on")
    )

    def coalition(self):
        coalitions = access.managed_coalitions(self.request.user).order_by("name")
        slug = self.request.GET.get("coalition")
        if slug:
            return access.get_or_404(coalitions, slug=slug)
        return coalitions.first()

    def form(self, data=None):
        practice = Practice(coalition=self.coalition())
        return PracticeCreateForm(data, instance=practice, editable=self.editable)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", self.form())
        return ctx

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                practice = services.practice_save(
                    practice=form.save(commit=False), by=request.user
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("De praktijk is toegevoegd."))
                return redirect("practices:detail", pk=practice.pk)
        return self.render_to_response(self.get_context_data(form=form))


# --- dashboard ------------------------------------------------------------------------


class CoalitionChoiceMixin(RoleRequiredMixin):
    allowed_roles = LEAD_OR_OFFICE

    def get_coalition(self):
        coalitions = access.dashboard_coalitions(self.request.user).order_by("name")
        slug = self.request.GET.get("coalition")
        if slug:
            return access.get_or_404(coalitions, slug=slug)
        lead = access.scope(self.request.user).lead_coalitions
        first = coalitions.filter(pk__in=lead).first() or coalitions.first()
        if first is None:
            raise PermissionDenied
        return first


class DashboardView(CoalitionChoiceMixin, TemplateView):
    """Go-live per service against the deadline: counts, burn-up, forecast, at risk."""

    template_name = "practices/dashboard.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        coalition = self.get_coalition()
        service = selectors.chosen_service(self.request.GET.get("service"))
        practices = access.visible_practices(user).filter(
            coalition=coalition, is_active=True
        )
        golive = selectors.go_live(
            practices, coalition=coalition, service=service, today=today
        )
        summary, fc = golive.summary, golive.forecast
        chart = charts.burnup_svg(
            golive.series,
            target=summary.target,
            deadline=golive.deadline,
            expected_on=fc.expected_on,
            title=_("Live met %(s)s") % {"s": summary.label},
            labels={
                "live": _("praktijken live"),
                "target": _("doel"),
                "deadline": _("deadline"),
                "forecast": _("prognose bij huidig tempo"),
            },
        )
        ctx.update(
            coalition=coalition,
            coalitions=access.dashboard_coalitions(user).order_by("name"),
            service=service,
            services=Service.choices,
            summaries=golive.summaries,
            summary=summary,
            steps=list(Step),
            states=list(DeadlineState),
            forecast=fc,
            chart=chart,
            table_points=golive.month_points(),
            forecast_late=golive.forecast_late,
            at_risk=selectors.at_risk_rows(
                practices, coalition=coalition, golive=golive
            ),
            member_organisations=list(coalition.member_organisations.all()),
            today=today,
        )
        return ctx


class DashboardExportView(CoalitionChoiceMixin, View):
    """The dashboard's step × status matrix and burn-up series as xlsx."""

    def get(self, request):
        from practices.dashboard_export import dashboard_xlsx

        today = timezone.localdate()
        coalition = self.get_coalition()
        service = selectors.chosen_service(request.GET.get("service"))
        practices = access.visible_practices(request.user).filter(
            coalition=coalition, is_active=True
        )
        golive = selectors.go_live(
            practices, coalition=coalition, service=service, today=today
        )
        return xlsx_response(
            dashboard_xlsx(golive, coalition=coalition),
            name=f"go-live-{coalition.slug}-{service}",
        )


class MemberMatrixView(RoleRequiredMixin, TemplateView):
    """Service × practice for a whole member organisation."""

    allowed_roles = LEAD_OR_OFFICE
    template_name = "practices/member_matrix.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        org = access.get_or_404(
            access.visible_member_organisations(user), pk=self.kwargs["pk"]
        )
        practices = access.visible_practices(user).filter(
            member_organisation=org, is_active=True
        )
        deadlines = selectors.coalition_deadlines(org.coalition)
        ctx.update(
            organisation=org,
            services=list(Service),
            rows=selectors.member_matrix(
                practices, today=timezone.localdate(), deadlines=deadlines
            ),
        )
        return ctx


class DeadlinesView(CoalitionChoiceMixin, TemplateView):
    """The coalition's deadline and target per service (the lead sets them)."""

    allowed_roles = frozenset({Role.LEAD})
    template_name = "practices/deadlines.html"

    def formset(self, data=None):
        coalition = self.get_coalition()
        deadlines = selectors.coalition_deadlines(coalition)
        initial = []
        for s in Service:
            d = deadlines.get(s.value)
            initial.append(
                {
                    "service": s.value,
                    "deadline": d.deadline if d else None,
                    "target_pct": d.target_pct if d else 95,
                    "stuck_weeks": d.stuck_after.days // 7 if d else 8,
                }
            )
        fs = ServiceDeadlineFormSet(data, initial=initial, prefix="d")
        if data is not None and not fs.management_form.is_valid():
            return coalition, None  # a tampered or cut-off post: see post()
        for form, s in zip(fs.forms, Service, strict=True):
            form.label = s.label
        return coalition, fs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if "formset" not in kwargs:
            ctx["coalition"], ctx["formset"] = self.formset()
        return ctx

    def post(self, request):
        coalition, fs = self.formset(request.POST)
        if not access.can_manage_coalition(request.user, coalition):
            raise PermissionDenied
        if fs is None:
            messages.error(
                request,
                _("Het formulier is onvolledig verstuurd; er is niets opgeslagen."),
            )
            _coalition, fresh = self.formset()
            ctx = self.get_context_data(coalition=coalition, formset=fresh)
            return self.render_to_response(ctx, status=400)
        if fs.is_valid():
            services.service_deadlines_set(coalition=coalition, rows=fs.cleaned_data)
            messages.success(request, _("De deadlines zijn opgeslagen."))
            return redirect(
                reverse("practices:dashboard") + f"?coalition={coalition.slug}"
            )
        return self.render_to_response(
            self.get_context_data(coalition=coalition, formset=fs)
        )


# --- registry in xlsx -----------------------------------------------------------------

SESSION_KEY = "practices_registry_import"


class RegistryImportView(RoleRequiredMixin, TemplateView):
    """Upload → preview (nothing written) → confirm."""

    allowed_roles = frozenset({Role.LEAD})
    template_name = "practices/registry_import.html"

    def coalitions(self):
        return access.managed_coalitions(self.request.user).order_by("name")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", RegistryUploadForm(coalitions=self.coalitions()))
        return ctx

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = RegistryUploadForm(
            request.POST, request.FILES, coalitions=self.coalitions()
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        coalition = form.cleaned_data["coalition"]
        upload = form.cleaned_data["file"]
        plan = services.registry_import(
            coalition=coalition, file=upload, commit=False, name=upload.name
        )
        token = ""
        previous = request.session.pop(SESSION_KEY, None)
        if previous:  # an earlier preview that was never confirmed
            default_storage.delete(previous["path"])
        if plan.valid:
            token = uuid.uuid4().hex
            upload.seek(0)
            path = default_storage.save(f"registry-imports/{token}.xlsx", upload)
            request.session[SESSION_KEY] = {
                "token": token,
                "path": path,
                "coalition": coalition.pk,
            }
        return self.render_to_response(
            self.get_context_data(
                form=form, plan=plan, token=token, coalition=coalition
            )
        )

    def confirm(self, request):
        stored = request.session.get(SESSION_KEY) or {}
        if (
            not stored
            or stored.get("token") != request.POST.get("token")
            # removed by the periodic clean-up of stale previews
            or not default_storage.exists(stored["path"])
        ):
            messages.error(
                request, _("Deze import is verlopen; upload het bestand opnieuw.")
            )
            return redirect("practices:import")
        coalition = access.get_or_404(self.coalitions(), pk=stored["coalition"])
        with default_storage.open(stored["path"], "rb") as f:
            plan = services.registry_import(
                coalition=coalition, file=f, commit=True, by=request.user
            )
        default_storage.delete(stored["path"])
        del request.session[SESSION_KEY]
        if not plan.committed:
            return self.render_to_response(
                self.get_context_data(plan=plan, coalition=coalition)
            )
        messages.success(
            request,
            _(
                "Import voltooid: %(new)s nieuw, %(changed)s gewijzigd, %(same)s ongewijzigd."
            )
            % {"new": plan.n_new, "changed": plan.n_changed, "same": plan.n_unchanged},
        )
        return redirect(reverse("practices:list") + f"?coalition={coalition.slug}")


class RegistryTemplateView(RoleRequiredMixin, View):
    allowed_roles = LEAD_OR_OFFICE

    def get(self, request):
        return xlsx_response(
            imports.registry_template(), name="praktijkregister-sjabloon", dated=False
        )


# --- vendors: their practices and go-live pace ------------------------------------


class VendorListView(RoleRequiredMixin, ExportMixin, SingleTableView):
    allowed_roles = frozenset({Role.LEAD, Role.OFFICE})
    export_name = _l("leveranciers")
    table_class = VendorTable
    template_name = "practices/vendor_list.html"
    paginate_by = 50

    def get_queryset(self):
        """Vendors with how many of the user's practices use them and are live."""
        user = self.request.user
        return selectors.vendors_with_counts(
            access.visible_vendors(user), access.visible_practices(user)
        )

    def get_context_data(self, **kwargs):
        """Beside the list: how fast each vendor answers (issue 16, aggregates)."""
        from practices.visits.vendor import vendor_response_times

        ctx = super().get_context_data(**kwargs)
        ctx["response_times"] = vendor_response_times(
            vendors=access.visible_vendors(self.request.user)
        )
        return ctx


class VendorDetailView(RoleRequiredMixin, DetailView):
    allowed_roles = frozenset({Role.LEAD, Role.OFFICE})
    template_name = "practices/vendor_detail.html"
    context_object_name = "vendor"

    def get_object(self, queryset=None):
        return access.get_or_404(
            access.visible_vendors(self.request.user), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        """Versions and certifications, the practices on this vendor (within the user's
        scope) with their online-access go-live, and the pace of go-lives."""
        ctx = super().get_context_data(**kwargs)
        vendor = self.object
        today = timezone.localdate()
        practices = access.visible_practices(self.request.user).filter(
            Q(his_vendor=vendor) | Q(portal_vendor=vendor), is_active=True
        )
        ctx["versions"] = selectors.versions_with_labels(
            vendor.product_versions.all(), practices, today=today
        )
        table = PracticeTable(
            selectors.practice_list(
                practices, service=selectors.PRIMARY_SERVICE, today=today
            ),
            exclude=("select", "his_vendor", "portal_vendor")
            + (() if _several_coalitions(self.request.user) else ("coalition",)),
        )
        RequestConfig(self.request, paginate={"per_page": 25}).configure(table)
        ctx["table"] = table
        golive = selectors.vendor_go_live(practices, today=today)
        ctx["pace"] = golive.by_month
        ctx["n_live"] = golive.forecast.live
        ctx["per_week"] = golive.forecast.per_week
        if golive.series:
            ctx["chart"] = charts.burnup_svg(
                golive.series,
                target=0,
                deadline=None,
                expected_on=None,
                title=_("Praktijken live met online inzage"),
                labels={
                    "live": _("praktijken live"),
                    "target": _("doel"),
                    "deadline": _("deadline"),
                    "forecast": _("prognose"),
                },
            )
        return ctx
