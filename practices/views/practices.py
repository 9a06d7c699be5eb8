"""The registry: the practice list, a practice's page, its rollout and edits."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from coalition import access, panels
from coalition.exports import ExportMixin
from coalition.models import Role, Service
from coalition.views import RoleRequiredMixin, ScopedObjectMixin
from coalition.xlsx import xlsx_response
from practices import exports, selectors, services
from practices.filters import PracticeFilterSet
from practices.forms import (
    BulkStepForm,
    ContactFormSet,
    PracticeCreateForm,
    PracticeForm,
    RolloutChangeForm,
)
from practices.models import DeadlineState, Practice, Step
from practices.tables import PracticeTable
from practices.views.base import LEAD_OR_OFFICE, _next_url, _several_coalitions


class PracticeListView(RoleRequiredMixin, ExportMixin, SingleTableMixin, FilterView):
    """The registry: filter, sort, select and move, download what is shown."""

    allowed_roles = LEAD_OR_OFFICE
    export_name = "praktijken"
    export_formats = ("xlsx", "registry")
    table_class = PracticeTable
    filterset_class = PracticeFilterSet
    template_name = "practices/practice_list.html"
    table_pagination = {"per_page": 50}

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
