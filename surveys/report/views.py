"""The regional report page and its downloads (xlsx, PDF).

Who reads which version is `coalition.access.report_audience`: the coalition's leads
and the office the full report, funders the anonymised one. A lead may look at the
funder's version (`?voor=financier`) before sending it out.
"""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.views.generic import TemplateView

from coalition import access
from surveys.models import Questionnaire
from surveys.report.aggregate import FUNDER, LEAD, build_report
from surveys.report.exporters import (
    XLSX_TYPE,
    ReportXlsxExporter,
    display_context,
    filename,
    render_pdf,
)

FUNDER_PARAM = "financier"


def report_questionnaires(user):
    """Questionnaires whose report the user may read (not drafts)."""
    return (
        Questionnaire.objects.select_related("coalition")
        .filter(coalition__in=access.report_coalitions(user))
        .exclude(status=Questionnaire.Status.DRAFT)
    )


class ReportMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.questionnaire = access.get_or_404(
            report_questionnaires(request.user), pk=kwargs["pk"]
        )
        self.own_audience = access.report_audience(
            request.user, self.questionnaire.coalition_id
        )
        self.audience = (
            FUNDER
            if self.own_audience == FUNDER or request.GET.get("voor") == FUNDER_PARAM
            else LEAD
        )
        return super().dispatch(request, *args, **kwargs)

    def report(self) -> dict:
        return build_report(self.questionnaire, audience=self.audience)

    def query_suffix(self) -> str:
        return f"?voor={FUNDER_PARAM}" if self.audience != self.own_audience else ""


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
        ctx["query"] = self.query_suffix()
        return ctx


class ReportXlsxView(ReportMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        report = self.report()
        response = HttpResponse(
            ReportXlsxExporter(report).render(), content_type=XLSX_TYPE
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
