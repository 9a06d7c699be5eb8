"""Pages of visits, follow-up actions and bottlenecks. Thin: scope via coalition.access,
read via selectors, write via services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from coalition import access
from coalition.exports import ExportMixin
from coalition.forms import add_service_errors
from coalition.models import Role, Vendor
from coalition.views import RoleRequiredMixin
from practices.visits import charts, selectors, services, vendor
from practices.visits.dates import add_months, month_start, parse_month
from practices.visits.filters import (
    ActionFilterSet,
    BottleneckFilterSet,
    InboxFilterSet,
    VisitFilterSet,
    YearlyFilterSet,
)
from practices.visits.forms import (
    ActionForm,
    BottleneckForm,
    BulkPlanForm,
    PassOnForm,
    ReplyForm,
    ResolveForm,
    VisitForm,
)
from practices.visits.models import Bottleneck, FollowUpAction, Visit
from practices.visits.tables import (
    ActionTable,
    BottleneckTable,
    VisitTable,
    YearlyTable,
)

READERS = frozenset({Role.LEAD, Role.OFFICE, Role.PRACTICE})
STAFF = frozenset({Role.LEAD, Role.OFFICE})
LEADS = frozenset({Role.LEAD})


def visit_url(pk: int) -> str:
    return reverse("visits:visit_detail", kwargs={"pk": pk})


class ListPageMixin(ExportMixin, SingleTableMixin):
    """A filtered table with an xlsx download of exactly its columns and rows."""

    table_pagination = {"per_page": 50}


class CoalitionColumnMixin:
    """A coalition column and filter on a list, when the viewer sees more than one
    coalition (access decides, not the role)."""

    def several_coalitions(self) -> bool:
        if not hasattr(self, "_several"):
            self._several = access.sees_several_visit_coalitions(self.request.user)
        return self._several

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if self.several_coalitions():
            kwargs["coalitions"] = access.visit_coalitions(self.request.user).order_by(
                "name"
            )
        return kwargs

    def get(self, request, *args, **kwargs):
        # The same table for the screen and the xlsx download: without the column
        # when everything shown belongs to one coalition.
        if not self.several_coalitions():
            self.table_class = _without_coalition(type(self).table_class)
        return super().get(request, *args, **kwargs)


_WITHOUT_COALITION: dict[type, type] = {}


def _without_coalition(table_class: type) -> type:
    if table_class not in _WITHOUT_COALITION:
        meta = type("Meta", (table_class.Meta,), {"exclude": ("coalition",)})
        _WITHOUT_COALITION[table_class] = type(
            table_class.__name__, (table_class,), {"Meta": meta}
        )
    return _WITHOUT_COALITION[table_class]


# --- visits ---------------------------------------------------------------------------


class VisitListView(RoleRequiredMixin, CoalitionColumnMixin, ListPageMixin, FilterView):
    allowed_roles = READERS
    table_class = VisitTable
    filterset_class = VisitFilterSet
    template_name = "practices/visits/visit_list.html"
    export_name = "bezoeken"

    def get_queryset(self):
        return selectors.visit_list(access.visible_visits(self.request.user))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_plan"] = access.can_plan_visits(self.request.user)
        return ctx


class VisitCreateView(RoleRequiredMixin, FormView):
    allowed_roles = LEADS
    form_class = VisitForm
    template_name = "practices/visits/visit_form.html"

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "user": self.request.user}
        if self.request.method == "GET":
            kwargs["initial"] = {
                "planned_on": timezone.localdate(),
                "visitors": [self.request.user.pk],
                **(
                    {"practice": self.request.GET["practice"]}
                    if self.request.GET.get("practice", "").isdigit()
                    else {}
                ),
            }
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            visit = services.visit_create(
                by=self.request.user,
                practice=data["practice"],
                planned_on=data["planned_on"],
                held_on=data.get("held_on"),
                visitors=data.get("visitors") or [],
                form_token=data.get("form_token"),
                **{f: data.get(f, "") for f in services.VISIT_TEXT_FIELDS},
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het bezoek is opgeslagen."))
        return redirect("visits:visit_detail", pk=visit.pk)


class VisitObjectMixin:
    def get_visit(self) -> Visit:
        return access.get_or_404(
            access.visible_visits(self.request.user), pk=self.kwargs["pk"]
        )


class VisitUpdateView(RoleRequiredMixin, VisitObjectMixin, FormView):
    allowed_roles = LEADS
    form_class = VisitForm
    template_name = "practices/visits/visit_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.visit = self.get_visit()
            if not access.can_edit_visit(request.user, self.visit):
                raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": Visit.objects.get(pk=self.visit.pk),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(visit=self.visit, **kwargs)

    def conflict(self, form, exc):
        """Keep what the user typed, show what is stored now, and carry the stored
        version: saving again is then a deliberate choice, never a silent overwrite."""
        current = exc.current
        # Read before the new form is validated: that copies the input onto it.
        stored = [
            (Visit._meta.get_field(name).verbose_name, getattr(current, name))
            for name in ("planned_on", "held_on", *services.VISIT_TEXT_FIELDS)
        ]
        data = form.data.copy()
        data["version"] = str(current.version)
        form = self.get_form_class()(
            data=data, user=self.request.user, instance=current
        )
        form.is_valid()
        form.add_error(None, exc)
        return self.render_to_response(
            self.get_context_data(form=form, conflict_current=stored), status=409
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.visit_update(
                by=self.request.user,
                visit=self.visit,
                visitors=data.get("visitors") or [],
                planned_on=data["planned_on"],
                held_on=data.get("held_on"),
                version=data["version"],
                **{f: data.get(f, "") for f in services.VISIT_TEXT_FIELDS},
            )
        except services.VisitConflict as exc:
            return self.conflict(form, exc)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het bezoek is bijgewerkt."))
        return redirect("visits:visit_detail", pk=self.visit.pk)


class VisitDetailView(RoleRequiredMixin, VisitObjectMixin, TemplateView):
    allowed_roles = READERS
    template_name = "practices/visits/visit_detail.html"

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def render_page(self, status: int = 200, **forms):
        user = self.request.user
        visit = self.get_visit()
        can_edit = access.can_edit_visit(user, visit)
        actions = access.visible_actions(user)
        ctx = {
            "visit": visit,
            "visitors": list(visit.visitors.all()),
            "actions": list(
                actions.filter(visit=visit).order_by("done_on", "due_on", "pk")
            ),
            "agenda": selectors.visit_agenda(visit, actions),
            "bottlenecks": list(
                access.visible_bottlenecks(user).filter(visit=visit).order_by("pk")
            ),
            "replies": list(visit.replies.select_related("author")),
            "snapshot": selectors.snapshot_display(visit.snapshot),
            "can_edit": can_edit,
            "can_reply": access.can_reply_to_visit(user, visit),
            "today": timezone.localdate(),
        }
        for action in ctx["actions"] + ctx["agenda"]:
            action.can_complete = action.is_open and access.can_complete_action(
                user, action
            )
        if can_edit:
            ctx["action_form"] = forms.get("action_form") or ActionForm(visit=visit)
            ctx["bottleneck_form"] = forms.get("bottleneck_form") or BottleneckForm(
                user=user, practice=visit.practice, prefix="bn"
            )
        if ctx["can_reply"]:
            ctx["reply_form"] = forms.get("reply_form") or ReplyForm()
        ctx["share_error"] = forms.get("share_error")
        return self.render_to_response(self.get_context_data(**ctx), status=status)


class VisitPostMixin(RoleRequiredMixin, VisitObjectMixin):
    """POST-only steps on a visit; on bad input the visit page shows the errors."""

    http_method_names = ["post"]

    def page_with(self, **forms):
        view = VisitDetailView(request=self.request, kwargs=self.kwargs, args=())
        return view.render_page(status=400, **forms)


class VisitShareView(VisitPostMixin, View):
    allowed_roles = LEADS

    def post(self, request, pk):
        visit = self.get_visit()
        if not access.can_edit_visit(request.user, visit):
            raise Http404
        try:
            services.visit_feedback_share(by=request.user, visit=visit)
        except ValidationError as exc:
            return self.page_with(share_error=" ".join(exc.messages))
        messages.success(request, _("De terugkoppeling is gedeeld met de praktijk."))
        return redirect("visits:visit_detail", pk=pk)


class VisitCancelView(VisitPostMixin, View):
    allowed_roles = LEADS

    def post(self, request, pk):
        visit = self.get_visit()
        if not access.can_edit_visit(request.user, visit):
            raise Http404
        try:
            services.visit_cancel(by=request.user, visit=visit)
        except ValidationError as exc:
            return self.page_with(share_error=" ".join(exc.messages))
        messages.success(request, _("Het geplande bezoek is vervallen."))
        return redirect("visits:visit_list")


class VisitReplyView(VisitPostMixin, View):
    allowed_roles = frozenset({Role.PRACTICE})

    def post(self, request, pk):
        visit = self.get_visit()
        if not access.can_reply_to_visit(request.user, visit):
            raise PermissionDenied
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                services.visit_reply_create(
                    by=request.user, visit=visit, text=form.cleaned_data["text"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
        if form.errors:
            return self.page_with(reply_form=form)
        messages.success(request, _("Uw reactie is geplaatst."))
        return redirect("visits:visit_detail", pk=pk)


class ActionCreateView(VisitPostMixin, View):
    allowed_roles = LEADS

    def post(self, request, pk):
        visit = self.get_visit()
        if not access.can_edit_visit(request.user, visit):
            raise Http404
        form = ActionForm(request.POST, visit=visit)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.action_create(
                    by=request.user,
                    visit=visit,
                    description=data["description"],
                    owner=data["owner"],
                    owner_user=data.get("owner_user"),
                    due_on=data["due_on"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
        if form.errors:
            return self.page_with(action_form=form)
        messages.success(request, _("De vervolgactie is toegevoegd."))
        return redirect(f"{visit_url(pk)}#acties")


class BottleneckFromVisitView(VisitPostMixin, View):
    allowed_roles = LEADS

    def post(self, request, pk):
        visit = self.get_visit()
        if not access.can_edit_visit(request.user, visit):
            raise Http404
        form = BottleneckForm(
            request.POST, user=request.user, practice=visit.practice, prefix="bn"
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.bottleneck_create(
                    by=request.user,
                    practice=visit.practice,
                    visit=visit,
                    category=data["category"],
                    vendor=data.get("vendor"),
                    description=data["description"],
                    form_token=data.get("form_token"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
        if form.errors:
            return self.page_with(bottleneck_form=form)
        messages.success(request, _("Het knelpunt is vastgelegd."))
        return redirect(f"{visit_url(pk)}#knelpunten")


class ActionCompleteView(RoleRequiredMixin, View):
    allowed_roles = frozenset({Role.LEAD, Role.PRACTICE})
    http_method_names = ["post"]

    def post(self, request, pk):
        action: FollowUpAction = access.get_or_404(
            access.visible_actions(request.user), pk=pk
        )
        if not access.can_complete_action(request.user, action):
            raise PermissionDenied
        services.action_complete(by=request.user, action=action)
        messages.success(request, _("De actie is afgerond."))
        return redirect(f"{visit_url(action.visit_id)}#acties")


class ActionListView(
    RoleRequiredMixin, CoalitionColumnMixin, ListPageMixin, FilterView
):
    allowed_roles = READERS
    table_class = ActionTable
    filterset_class = ActionFilterSet
    template_name = "practices/visits/action_list.html"
    export_name = "vervolgacties"

    def get_queryset(self):
        return access.visible_actions(self.request.user).select_related(
            "visit__practice__coalition"
        )


# --- the yearly rule and planning ---------------------------------------------------


class YearlyView(RoleRequiredMixin, CoalitionColumnMixin, ListPageMixin, FilterView):
    allowed_roles = STAFF
    table_class = YearlyTable
    filterset_class = YearlyFilterSet
    template_name = "practices/visits/yearly.html"
    export_name = "jaarplanning bezoeken"

    def get_queryset(self):
        return selectors.practices_with_visit_state(
            access.visible_practices(self.request.user), today=timezone.localdate()
        ).select_related("coalition")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        today = timezone.localdate()
        ctx["counts"] = selectors.yearly_counts(
            access.visible_practices(user), today=today
        )
        if access.can_plan_visits(user):
            ctx["plan_form"] = kwargs.get("plan_form") or BulkPlanForm(user=user)
        ctx["filter_query"] = self.request.GET.urlencode()
        return ctx


class BulkPlanView(RoleRequiredMixin, View):
    allowed_roles = LEADS
    http_method_names = ["post"]

    def post(self, request):
        form = BulkPlanForm(request.POST, user=request.user)
        back = request.POST.get("next_query", "")
        if form.is_valid():
            data = form.cleaned_data
            practices = data["practices"]
            if data["all_filtered"]:
                practices = self.filtered(request, back)
            try:
                result = services.visits_plan_bulk(
                    by=request.user,
                    practices=practices,
                    visitor=data["visitor"],
                    month=data["month"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("%(n)d bezoek(en) gepland in %(month)s.")
                    % {
                        "n": len(result["created"]),
                        "month": data["month"].strftime("%m-%Y"),
                    },
                )
                if result["skipped"]:
                    messages.info(
                        request,
                        _("Al gepland, dus overgeslagen: %(names)s.")
                        % {"names": ", ".join(p.name for p in result["skipped"])},
                    )
                month = data["month"].strftime("%Y-%m")
                return redirect(f"{reverse('visits:calendar')}?maand={month}")
        for error in form.non_field_errors():
            messages.error(request, error)
        for name, errors in form.errors.items():
            if name != "__all__":
                label = form.fields[name].label
                messages.error(request, f"{label}: {' '.join(errors)}")
        return redirect(f"{reverse('visits:yearly')}?{back}")

    @staticmethod
    def filtered(request, query: str):
        """The practices the yearly list shows with this filter (all pages)."""
        s = access.scope(request.user)
        practices = selectors.practices_with_visit_state(
            access.visible_practices(request.user).filter(
                coalition__in=s.lead_coalitions
            ),
            today=timezone.localdate(),
        )
        filterset = YearlyFilterSet(QueryDict(query), queryset=practices)
        return list(filterset.qs) if filterset.is_valid() else []


class CalendarView(RoleRequiredMixin, TemplateView):
    allowed_roles = STAFF
    template_name = "practices/visits/calendar.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        month = parse_month(self.request.GET.get("maand", "")) or month_start(today)
        ctx.update(
            month=month,
            weeks=selectors.calendar_month(
                access.visible_visits(self.request.user), month=month
            ),
            previous=add_months(month, -1),
            next=add_months(month, 1),
            today=today,
            weekdays=[
                _("maandag"),
                _("dinsdag"),
                _("woensdag"),
                _("donderdag"),
                _("vrijdag"),
                _("zaterdag"),
                _("zondag"),
            ],
        )
        return ctx


# --- bottlenecks ----------------------------------------------------------------------


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


class BottleneckUpdateView(RoleRequiredMixin, FormView):
    allowed_roles = LEADS
    form_class = BottleneckForm
    template_name = "practices/visits/bottleneck_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.bottleneck = access.get_or_404(
                access.visible_bottlenecks(request.user), pk=kwargs["pk"]
            )
            if not access.can_manage_bottleneck(request.user, self.bottleneck):
                raise Http404
            if self.bottleneck.status != Bottleneck.Status.OPEN:
                messages.info(
                    request,
                    _(
                        "Een doorgegeven of opgelost knelpunt wordt niet meer gewijzigd."
                    ),
                )
                return redirect("visits:bottleneck_detail", pk=self.bottleneck.pk)
        return super().dispatch(request, *args, **kwargs)

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

    def post(self, request, pk):
        bottleneck = self.get_bottleneck()
        office = access.can_handle_office_bottleneck(request.user, bottleneck)
        if not (office or access.can_manage_bottleneck(request.user, bottleneck)):
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
