"""The regional report page and its downloads (xlsx, PDF).

Who reads which version is `coalition.access.report_audience`: the coalition's leads
and the office the full report, funders the anonymised one. A lead may look at the
funder's version (`?voor=financier`) before sending it out.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from coalition import access
from coalition.views import ScopedObjectMixin
from coalition.xlsx import CONTENT_TYPE
from surveys.models import Questionnaire
from surveys.report import services
from surveys.report.aggregate import (
    FUNDER,
    LEAD,
    build_report,
    edition_report,
    with_changes,
)
from surveys.report.exporters import (
    ReportXlsxExporter,
    display_context,
    filename,
    render_pdf,
)
from surveys.report.models import ReportEdition

FUNDER_PARAM = "financier"


def report_questionnaires(user):
    """Questionnaires whose report the user may read (not drafts)."""
    return (
        Questionnaire.objects.select_related("coalition")
        .filter(coalition__in=access.report_coalitions(user))
        .exclude(status=Questionnaire.Status.DRAFT)
    )


class ReportMixin(LoginRequiredMixin, ScopedObjectMixin):
    def get_visible_queryset(self) -> QuerySet[Questionnaire]:
        return report_questionnaires(self.request.user)

    @property
    def questionnaire(self) -> Questionnaire:
        return self.object

    @cached_property
    def own_audience(self) -> str:
        """The version the user reads of this report (access.report_audience)."""
        return access.report_audience(self.request.user, self.object.coalition_id)

    @cached_property
    def audience(self) -> str:
        """The version shown: a lead may preview the funders' one."""
        if self.own_audience == FUNDER or self.request.GET.get("voor") == FUNDER_PARAM:
            return FUNDER
        return LEAD

    def editions(self):
        return ReportEdition.objects.filter(questionnaire=self.questionnaire)

    @cached_property
    def edition_list(self) -> list[ReportEdition]:
        return list(self.editions())

    def edition(self) -> ReportEdition | None:
        pk = self.request.GET.get("editie")
        if not pk:
            return None
        return access.get_or_404(self.editions(), pk=pk)

    def report(self) -> dict:
        edition = self.edition()
        if edition is not None:
            return edition_report(edition, audience=self.audience)
        report = build_report(self.questionnaire, audience=self.audience)
        # The page lists the editions too: read them once.
        last = max(self.edition_list, key=lambda e: e.frozen_at, default=None)
        if last is not None:
            with_changes(report, last, audience=self.audience)
        return report

    def query_suffix(self) -> str:
        params = []
        if self.audience != self.own_audience:
            params.append(f"voor={FUNDER_PARAM}")
        if self.request.GET.get("editie"):
            params.append(f"editie={int(self.request.GET['editie'])}")
        return "?" + "&".join(params) if params else ""


class ReportListView(LoginRequiredMixin, TemplateView):
    template_name = "surveys/report/list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["questionnaires"] = report_questionnaires(self.request.user).order_by(
            "coalition__name", "-year", "-quarter"
        )
        return ctx


class ReportView(ReportMixin, TemplateView):
    template_name = "surveys/report/page.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["questionnaire"] = self.questionnaire
        ctx.update(display_context(self.report()))
        ctx["can_preview_funder"] = self.own_audience == LEAD
        ctx["can_freeze"] = access.can_manage_questionnaire(
            self.request.user, self.questionnaire
        )
        ctx["editions"] = self.edition_list
        ctx["query"] = self.query_suffix()
        return ctx


class ReportXlsxView(ReportMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        report = self.report()
        response = HttpResponse(
            ReportXlsxExporter(report).render(), content_type=CONTENT_TYPE
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{filename(report, "xlsx")}"'
        )
        return response


class ReportPdfView(ReportMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        report = self.report()
        response = HttpResponse(render_pdf(report), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="{filename(report, "pdf")}"'
        )
        return response


class FreezeView(ReportMixin, View):
    """A lead freezes the report as an edition ("Jaarrapportage 2025")."""

    def post(self, request, *args, **kwargs):
        if not access.can_manage_questionnaire(request.user, self.questionnaire):
            raise PermissionDenied
        url = reverse("surveys:report", args=[self.questionnaire.pk])
        try:
            edition = services.edition_freeze(
                questionnaire=self.questionnaire,
                title=request.POST.get("title", ""),
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(url)
        messages.success(
            request, _("De editie ‘%(t)s’ is bevroren.") % {"t": edition.title}
        )
        return redirect(f"{url}?editie={edition.pk}")
