"""The report as xlsx (one row generator per sheet) and as PDF (from the page's HTML).

Every number goes through `coalition.numbers.round_half_up` and is written as a number
cell; text goes through `escape_formula`. Missing and suppressed figures are empty cells
(a suppressed count shows its label, "<5").
"""

from __future__ import annotations

from collections.abc import Iterator

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from coalition.numbers import round_half_up
from coalition.xlsx import Sheet, write_xlsx
from surveys.report.aggregate import LEAD
from surveys.report.charts import line_svg, text_alternative

PCT_DECIMALS = 0


def _num(value, decimals: int = 0):
    if isinstance(value, str):
        return value  # "<5": the writer escapes text
    return round_half_up(value, decimals)


def _text(value) -> str:
    return str(value) if value is not None else ""


def filename(report: dict, ext: str) -> str:
    meta = report["meta"]
    return f"rapport-{meta['slug']}-{meta['period']}-{meta['audience']}.{ext}"


class ReportXlsxExporter:
    """One sheet per generator, written by the shared writer."""

    def __init__(self, report: dict):
        self.report = report
        self.lead = report["meta"]["audience"] == LEAD

    def sheets(self) -> list[tuple[str, Iterator[list]]]:
        sheets = [
            ("Summary", self.summary()),
            ("Indicators", self.indicators()),
            ("Indicator detail", self.indicator_detail()),
            ("Coverage", self.coverage()),
            ("Breakdown", self.breakdown()),
        ]
        if self.lead:
            sheets.append(("Practices", self.practices()))
        return sheets

    def summary(self) -> Iterator[list]:
        r, meta = self.report, self.report["meta"]
        total = r["response"]["total"]
        yield ["key", "value"]
        yield ["coalition", _text(meta["coalition"])]
        yield ["period", _text(meta["period"])]
        yield ["audience", meta["audience"]]
        yield ["generated", meta["generated"]]
        if r.get("edition"):
            yield ["edition", _text(r["edition"]["title"])]
            yield ["frozen_at", r["edition"]["frozen_at"]]
        yield ["practices", _num(total["active"])]
        yield ["invited", _num(total["invited"])]
        yield ["started", _num(total["started"])]
        yield ["responded", _num(total["submitted"])]
        yield ["response_rate", _num(total["rate"], PCT_DECIMALS)]
        yield ["with_portal", _num(r["portal"]["n_yes"])]
        yield ["visits_held", _num(r["visits"]["held"])]

    def indicators(self) -> Iterator[list]:
        years = self.report["years"]
        yield ["code", "label", "unit", *years]
        for series in self.report["trend"]:
            by_year = {p["year"]: p["value"] for p in series["points"]}
            yield [
                series["code"],
                _text(series["label"]),
                _text(series["unit"]),
                *(_num(by_year.get(y), series["decimals"]) for y in years),
            ]

    def indicator_detail(self) -> Iterator[list]:
        keys = ("value", "median", "p25", "p75", "min", "max")
        yield ["code", "year", "n", *keys]
        for series in self.report["trend"]:
            d = series["decimals"]
            for p in series["points"]:
                yield [
                    series["code"],
                    p["year"],
                    _num(p["n"]),
                    *(_num(p.get(k), d) for k in keys),
                ]

    def coverage(self) -> Iterator[list]:
        yield ["code", "label", "n_yes", "n_answered", "pct"]
        for c in self.report["coverage"]:
            yield [
                c["code"],
                _text(c["label"]),
                _num(c["n_yes"]),
                _num(c["n_answered"]),
                _num(c["pct"], PCT_DECIMALS),
            ]

    def breakdown(self) -> Iterator[list]:
        decimals = {s["code"]: s["decimals"] for s in self.report["trend"]}
        yield ["dimension", "group", "code", "n", "value"]
        for b in self.report["breakdowns"]:
            for g in b["groups"]:
                for code, v in g["values"].items():
                    yield [
                        b["dimension"],
                        _text(g["group"]),
                        code,
                        _num(v["n"]),
                        _num(v["value"], decimals.get(code, 0)),
                    ]

    def practices(self) -> Iterator[list]:
        series = self.report["trend"]
        yield ["name", "agb_code", "member", *(s["code"] for s in series)]
        for p in self.report["practices"]:
            yield [
                _text(p["name"]),
                _text(p["agb_code"]),
                _text(p["member"]),
                *(_num(p["values"].get(s["code"]), s["decimals"]) for s in series),
            ]

    def render(self) -> bytes:
        return write_xlsx(
            *(Sheet.from_rows(title, rows) for title, rows in self.sheets())
        )


HEADLINE = (
    "registered_pct",
    "online_appointments_pct",
    "econsults_per_1000_year",
    "repeat_prescriptions_per_1000_year",
)


def display_context(report: dict) -> dict:
    """What the shared HTML (page and PDF) needs beside the figures."""
    response = report["response"]
    return {
        "report": with_charts(report),
        "headline": [s for s in report["trend"] if s["code"] in HEADLINE],
        "response_tables": [
            (_("In totaal"), [response["total"]]),
            (_("Per lidorganisatie"), response["by_member"]),
            (_("Per portaalleverancier"), response["by_vendor"]),
        ],
    }


def with_charts(report: dict) -> dict:
    """The report with an SVG and its text alternative per year-on-year series."""
    for i, series in enumerate(report["trend"]):
        series["svg"] = line_svg(series, chart_id=f"chart-{i}")
        series["alt"] = text_alternative(series)
    return report


def render_pdf(report: dict, *, context: dict | None = None) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "surveys/report/pdf.html",
        {**display_context(report), "pdf": True, **(context or {})},
    )
    return HTML(string=html).write_pdf()
