"""Visits and their follow-up actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView

from coalition import access
from coalition.forms import add_service_errors
from coalition.models import Role
from coalition.views import RoleRequiredMixin, ScopedObjectMixin
from practices.visits import selectors, services
from practices.visits.filters import ActionFilterSet, VisitFilterSet
from practices.visits.forms import ActionForm, BottleneckForm, ReplyForm, VisitForm
from practices.visits.models import FollowUpAction, Visit
from practices.visits.tables import ActionTable, VisitTable
from practices.visits.views.base import (
    LEADS,
    READERS,
    CoalitionColumnMixin,
    ListPageMixin,
    visit_url,
)


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
        ctx["can_see_shared_visits"] = access.can_see_shared_visits(self.request.user)
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


class VisitUpdateView(ScopedObjectMixin, RoleRequiredMixin, FormView):
    """A visit the lead may not edit looks absent (404), like one outside the scope."""

    allowed_roles = LEADS
    form_class = VisitForm
    template_name = "practices/visits/visit_form.html"
    refused_status = 404

    def get_visible_queryset(self) -> QuerySet[Visit]:
        return access.visible_visits(self.request.user)

    def object_allowed(self, obj: Visit) -> bool:
        return access.can_edit_visit(self.request.user, obj)

    @property
    def visit(self) -> Visit:
        return self.object

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
