"""The funder's progress report page and its downloads (xlsx, PDF)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from coalition import access
from coalition.funder import (
    COMPARE_COLUMNS,
    LEAD,
    comparison_rows,
    progress_report,
    sort_rows,
)
from coalition.funder.progress import PNG, SVG
from coalition.numbers import round_half_up
from coalition.xlsx import CONTENT_TYPE, Sheet, write_xlsx, xlsx_response
from practices.visits.vendor import vendor_response_times


def _t(value) -> str:
    return str(value) if value is not None else ""  # the writer escapes text


class ProgressXlsxExporter:
    """One row generator per sheet, written by the shared writer."""

    def __init__(self, report: dict):
        self.report = report

    def coalitions(self):
        yield ["coalition", "practices", "patients", "committed_practices",
               "committed_patients", "eligible_practices", "eligible_pct",
               "eligible_patients", "amount", "visits_ok", "visits_due",
               "visits_overdue", "response_rate"]  # fmt: skip
        for c in self.report["coalitions"]:
            e, v = c["eligibility"], c["visits"]
            rate = c["survey"]["response"]["rate"] if c["survey"] else None
            yield [_t(c["coalition"]), c["practices"], c["patients"],
                   c["committed_practices"], c["committed_patients"],
                   e["n_eligible"], round_half_up(e["pct_eligible"], 0),
                   e["patients_eligible"], round_half_up(e["amount"], 2),
                   v.get("ok", 0), v.get("due", 0), v.get("overdue", 0),
                   round_half_up(rate, 0)]  # fmt: skip

    def services(self):
        yield ["coalition", "service", "live", "active", "pct_live", "target",
               "deadline", "expected_on", "at_risk", "overdue"]  # fmt: skip
        for c in self.report["coalitions"]:
            for s in c["services"]:
                yield [_t(c["coalition"]), s["service"], s["n_live"], s["n_active"],
                       round_half_up(s["pct_live"], 0), s["target"], s["deadline"],
                       s["expected_on"] or s["reached_on"], s["n_at_risk"],
                       s["n_overdue"]]  # fmt: skip

    def training(self):
        yield ["coalition", "role", "covered", "needed", "pct"]
        for c in self.report["coalitions"]:
            for t in c["training"]:
                yield [_t(c["coalition"]), t["role"], t["covered"], t["needed"],
                       round_half_up(t["pct"], 0)]  # fmt: skip

    def eligibility(self):
        yield ["coalition", "practice", "agb_code", "patients", "trained", "informed",
               "certified", "eligible", "amount"]  # fmt: skip
        for c in self.report["coalitions"]:
            for r in c["eligibility"]["rows"]:
                yield [_t(c["coalition"]), _t(r["name"]), _t(r["agb_code"]),
                       r["patients"], r["trained"], r["informed"], r["certified"],
                       r["eligible"], round_half_up(r["amount"], 2)]  # fmt: skip

    def vendor_response(self):
        yield ["vendor", "passed_on", "answered", "hours_to_first_answer", "fixed",
               "days_to_fix"]  # fmt: skip
        for r in self.report.get("vendor_response", []):
            yield [_t(r.vendor.name), r.n_passed_on, r.n_acknowledged,
                   _cell(r.avg_to_acknowledge_hours), r.n_fixed,
                   _cell(r.avg_to_fix_days)]  # fmt: skip

    def sheets(self) -> list[Sheet]:
        sheets = [("Coalitions", self.coalitions()), ("Services", self.services()),
                  ("Training", self.training()),
                  ("Vendor response times", self.vendor_response())]  # fmt: skip
        if any(c["audience"] == LEAD for c in self.report["coalitions"]):
            sheets.append(("Eligibility", self.eligibility()))
        return [Sheet.from_rows(title, rows) for title, rows in sheets]

    def render(self) -> bytes:
        return write_xlsx(*self.sheets())


class ProgressMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        # The report is the leads', funders' and the office's: no empty page for others.
        if request.user.is_authenticated and not access.can_read_progress_report(
            request.user
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def report(self, *, charts: str | None = SVG) -> dict:
        user = self.request.user
        coalitions = access.report_coalitions(user).order_by("name")
        slug = self.request.GET.get("coalitie")
        if slug:
            coalitions = [access.get_or_404(coalitions, slug=slug)]
        return progress_report(
            coalitions,
            today=timezone.localdate(),
            audience_for=lambda c: access.report_audience(user, c),
            charts=charts,
        )

    def query(self) -> str:
        slug = self.request.GET.get("coalitie")
        return f"?coalitie={slug}" if slug else ""


class ProgressView(ProgressMixin, TemplateView):
    template_name = "coalition/funder/progress.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["progress"] = self.report()
        ctx["query"] = self.query()
        ctx["all_coalitions"] = access.report_coalitions(self.request.user).order_by(
            "name"
        )
        ctx["can_export_all"] = access.can_export_reports(self.request.user)
        return ctx


class ProgressXlsxView(ProgressMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        content = ProgressXlsxExporter(self.report(charts=None)).render()
        return xlsx_response(content, name="voortgang", dated=False)


class ProgressPdfView(ProgressMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        from weasyprint import HTML

        html = render_to_string(
            "coalition/funder/progress_pdf.html",
            {"progress": self.report(charts=PNG), "pdf": True},
        )
        response = HttpResponse(
            HTML(string=html).write_pdf(), content_type="application/pdf"
        )
        response["Content-Disposition"] = 'attachment; filename="voortgang.pdf"'
        return response


# --- the office's comparison ----------------------------------------------------------


class ComparisonMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.can_compare_coalitions(
            request.user
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def rows(self):
        rows, total = comparison_rows(
            access.report_coalitions(self.request.user).order_by("name"),
            today=timezone.localdate(),
        )
        self.sort = self.request.GET.get("sort", "coalition")
        return sort_rows(rows, self.sort), total

    def response_times(self):
        """Per vendor, how fast it answers what these coalitions passed on (issue 16)."""
        return vendor_response_times(
            coalitions=access.report_coalitions(self.request.user)
        )


class ComparisonView(ComparisonMixin, TemplateView):
    template_name = "coalition/funder/comparison.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows, total = self.rows()
        labels = comparison_labels()
        ctx.update(
            rows=rows,
            total=total,
            sort=self.sort,
            response_times=self.response_times(),
            columns=[
                {
                    "key": key,
                    "label": labels[key],
                    "sorted": self.sort.lstrip("-") == key,
                    "desc": self.sort == f"-{key}",
                    "next": f"-{key}" if self.sort == key else key,
                }
                for key in COMPARE_COLUMNS
            ],
        )
        return ctx


def _cell(value):
    if isinstance(value, str):
        return _t(value)
    if isinstance(value, float):
        return round_half_up(value, 1)
    return value


def comparison_sheet(rows: list[dict], total: dict, title: str = "Coalitions") -> Sheet:
    """The comparison's columns, one row per coalition and the national total."""
    return Sheet(
        title,
        COMPARE_COLUMNS,
        ([_cell(row.get(k)) for k in COMPARE_COLUMNS] for row in [*rows, total]),
    )


class ComparisonXlsxView(ComparisonMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        rows, total = self.rows()
        content = write_xlsx(
            comparison_sheet(rows, total),
            Sheet.from_rows(
                "Vendor response times",
                ProgressXlsxExporter(
                    {"vendor_response": self.response_times()}
                ).vendor_response(),
            ),
        )
        return xlsx_response(content, name="coalities", dated=False)


def comparison_labels() -> dict[str, str]:
    return {
        "coalition": _("Coalitie"),
        "practices": _("Praktijken"),
        "patients": _("Patiënten"),
        "record_access_pct": _("Inzage live"),
        "econsult_pct": _("E-consult live"),
        "appointments_pct": _("Afspraken live"),
        "repeat_prescriptions_pct": _("Herhaalrecepten live"),
        "at_risk": _("Risico"),
        "overdue": _("Te laat"),
        "expected_on": _("Prognose inzage"),
        "visits_ok_pct": _("Bezoeken op schema"),
        "training_gp_pct": _("Huisartsen geschoold"),
        "response_rate": _("Respons"),
        "registered_pct": _("Patiënten met account"),
        "econsults_per_1000_year": _("E-consulten per 1.000 per jaar"),
    }


# --- exports of more than one coalition (Celery, with progress) -----------------------


class ProgressExportStartView(ProgressMixin, View):
    """POST: queue the workbook of every coalition the user reads; then its page."""

    def post(self, request, *args, **kwargs):
        from surveys.report import services

        if not access.can_export_reports(request.user):
            raise PermissionDenied
        export = services.export_request(user=request.user)
        return redirect("coalition:progress_export", pk=export.pk)


class ProgressExportMixin(LoginRequiredMixin):
    def export(self):
        return access.get_or_404(
            access.visible_report_exports(self.request.user), pk=self.kwargs["pk"]
        )


class ProgressExportView(ProgressExportMixin, TemplateView):
    """The export's page: a progress bar polled by htmx, then the download link."""

    template_name = "coalition/funder/export.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "export": self.export()}


class ProgressExportStatusView(ProgressExportView):
    template_name = "coalition/funder/export_status.html"


class ProgressExportDownloadView(ProgressExportMixin, View):
    def get(self, request, *args, **kwargs):
        export = self.export()
        if export.status != export.Status.DONE or not export.file:
            raise Http404
        return FileResponse(
            export.file.open("rb"),
            as_attachment=True,
            filename=f"rapporten-{export.created:%Y-%m-%d}.xlsx",
            content_type=CONTENT_TYPE,
        )
