"""Tables of the material-use report."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class DocumentUsageTable(tables.Table):
    """Downloads per document per month; the month columns are added per request."""

    caption = _("Downloads per document per maand")
    title = tables.Column(verbose_name=_("Document"))
    format = tables.Column(verbose_name=_("Formaat"))
    total = tables.Column(verbose_name=_("Totaal"), attrs={"td": {"class": "text-end"}})
    practices = tables.Column(
        verbose_name=_("Praktijken"), attrs={"td": {"class": "text-end"}}
    )

    class Meta:
        orderable = False
        sequence = ("title", "format", "...", "total", "practices")
        template_name = "content/table.html"

    def __init__(self, data, *, months, **kwargs):
        extra = [
            (
                f"m{m:%Y%m}",
                tables.Column(
                    verbose_name=date_format(m, "M Y"),
                    attrs={"td": {"class": "text-end"}},
                ),
            )
            for m in months
        ]
        super().__init__(data, extra_columns=extra, **kwargs)


class PracticeUsageTable(tables.Table):
    """Who used what: per practice and document."""

    caption = _("Downloads per praktijk en document")
    practice__name = tables.Column(verbose_name=_("Praktijk"))
    practice__coalition__name = tables.Column(verbose_name=_("Coalitie"))
    document__title = tables.Column(verbose_name=_("Document"))
    downloads = tables.Column(
        verbose_name=_("Downloads"), attrs={"td": {"class": "text-end"}}
    )
    last_download = tables.DateTimeColumn(verbose_name=_("Laatst gedownload"))

    class Meta:
        orderable = False
        template_name = "content/table.html"
