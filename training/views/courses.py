"""Courses, a practice's team training and the coverage."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views import View
from django.views.generic import CreateView, TemplateView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin, SingleTableView

from coalition import access
from coalition.exports import ExportMixin
from coalition.forms import add_service_errors
from coalition.models import Role
from coalition.views import RoleRequiredMixin
from training import selectors, services
from training.filters import CoverageFilterSet
from training.forms import CourseForm
from training.tables import CourseTable, CoverageTable
from training.views.base import PLANNERS, TrainingTabsMixin


class TeamTrainingView(TrainingTabsMixin, RoleRequiredMixin, TemplateView):
    """Our team's training: who is registered, waiting (and where in line), who
    attended, and their certificates."""

    allowed_roles = frozenset({Role.PRACTICE, Role.LEAD, Role.OFFICE})
    template_name = "training/team_training.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        practice = access.get_or_404(
            access.team_training_practices(self.request.user), pk=self.kwargs["pk"]
        )
        ctx["practice"] = practice
        ctx["team"] = selectors.team_training(practice)
        ctx["coverage"] = selectors.coverage_for_practice(practice)
        return ctx


class CourseListView(
    TrainingTabsMixin, RoleRequiredMixin, ExportMixin, SingleTableView
):
    allowed_roles = frozenset({Role.LEAD, Role.TRAINER, Role.OFFICE})
    export_name = _l("cursussen")
    table_class = CourseTable
    template_name = "training/course_list.html"
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return selectors.courses_for(self.request.user)


class CourseCreateView(RoleRequiredMixin, CreateView):
    allowed_roles = PLANNERS
    form_class = CourseForm
    template_name = "training/course_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            services.course_save(course=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De cursus is opgeslagen."))
        return redirect("training:course_list")


class CourseUpdateView(CourseCreateView, UpdateView):
    def get_object(self, queryset=None):
        course = access.get_or_404(
            access.visible_courses(self.request.user), pk=self.kwargs["pk"]
        )
        if not access.can_manage_course(self.request.user, course):
            raise PermissionDenied
        return course


class CoverageListView(
    TrainingTabsMixin, RoleRequiredMixin, SingleTableMixin, FilterView
):
    """Practices and the roles they have trained; the gaps can be invited."""

    allowed_roles = frozenset({Role.LEAD, Role.OFFICE})
    table_class = CoverageTable
    filterset_class = CoverageFilterSet
    template_name = "training/coverage_list.html"
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        practices = access.visible_practices(self.request.user).filter(is_active=True)
        return selectors.with_trained_counts(practices).order_by("name")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not kwargs["data"]:
            kwargs["data"] = {"gaps": "true"}
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        practices = access.visible_practices(self.request.user)
        form = self.filterset.form
        only_gaps = form.is_valid() and form.cleaned_data == {"q": "", "gaps": "true"}
        # The list shown is then every visible practice with a gap: its count is the
        # summary's (a 29 ms count at national scale, not made twice).
        ctx["summary"] = selectors.coverage_summary(
            practices, gaps=ctx["table"].paginator.count if only_gaps else None
        )
        ctx["can_invite"] = self.can_invite
        return ctx

    @cached_property
    def can_invite(self) -> bool:
        """A lead invites the gaps (the button above the list and one per row)."""
        return bool(access.scope(self.request.user).lead_coalitions)

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "can_invite": self.can_invite}


class CoverageInviteView(RoleRequiredMixin, View):
    allowed_roles = frozenset({Role.LEAD})

    def post(self, request, pk=None):
        visible = access.visible_practices(request.user).filter(is_active=True)
        if pk is not None:
            practices = [access.get_or_404(visible, pk=pk)]
        else:
            practices = list(selectors.practices_with_gaps(visible))
        sent, failed = 0, []
        for practice in practices:
            if not access.can_invite_for_coverage(request.user, practice):
                raise PermissionDenied
            try:
                sent += services.coverage_invite(practice=practice, by=request.user)
            except ValidationError as exc:
                failed.append(f"{practice.name}: {' '.join(exc.messages)}")
        for message in failed[:5]:
            messages.error(request, message)
        if sent:
            messages.success(
                request, _("%(n)d uitnodiging(en) verstuurd.") % {"n": sent}
            )
        elif not failed:
            messages.info(
                request,
                _(
                    "Er is niets nieuws te versturen: deze uitnodigingen gingen al eerder."
                ),
            )
        next_url = request.POST.get("next", "")
        if next_url.startswith("/") and not next_url.startswith("//"):
            return redirect(next_url)
        return redirect("training:coverage")
