from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from coalition.tables import DateColumn, DateTimeColumn
from surveys.models import Questionnaire, Response


class CaptionedTable(tables.Table):
    """A table with a caption for screen readers (django-tables2 renders none)."""

    caption = ""

    class Meta:
        template_name = "surveys/table.html"


class QuestionnaireTable(CaptionedTable):
    caption = _("Vragenlijsten per periode met uitnodigingen en inzendingen")
    title = tables.Column(
        verbose_name=_("Titel"),
        linkify=("surveys:questionnaire_detail", {"pk": tables.A("pk")}),
    )
    coalition = tables.Column(verbose_name=_("Coalitie"))
    period = tables.Column(
        verbose_name=_("Periode"), accessor="period", order_by=("year", "quarter")
    )
    status = tables.Column(verbose_name=_("Status"))
    closes = DateColumn(verbose_name=_("Sluit op"))
    n_invited = tables.Column(
        verbose_name=_("Uitgenodigd"), attrs={"td": {"class": "text-end"}}
    )
    n_submitted = tables.Column(
        verbose_name=_("Ingestuurd"), attrs={"td": {"class": "text-end"}}
    )

    class Meta:
        model = Questionnaire
        fields = (
            "title",
            "coalition",
            "period",
            "status",
            "closes",
            "n_invited",
            "n_submitted",
        )
        order_by = ("-period",)
        attrs = {"class": "table table-sm table-hover align-middle"}
        template_name = "surveys/table.html"


class ResponseTable(CaptionedTable):
    caption = _("Praktijken en de stand van hun antwoorden")
    practice = tables.Column(
        verbose_name=_("Praktijk"),
        linkify=("surveys:response_detail", {"pk": tables.A("pk")}),
        order_by=("practice__name",),
    )
    agb_code = tables.Column(verbose_name=_("AGB-code"), accessor="practice__agb_code")
    member_organisation = tables.Column(
        verbose_name=_("Lidorganisatie"), accessor="practice__member_organisation__name"
    )
    portal_vendor = tables.Column(
        verbose_name=_("Portaal"), accessor="practice__portal_vendor__name", default="—"
    )
    status = tables.Column(verbose_name=_("Status"))
    source = tables.Column(verbose_name=_("Bron"))
    # Written in Python (coalition.tables), not django-tables2's template per cell,
    # and a date-time cell in the export.
    submitted_at = DateTimeColumn(verbose_name=_("Ingestuurd op"), default="—")

    class Meta:
        model = Response
        fields = (
            "practice",
            "agb_code",
            "member_organisation",
            "portal_vendor",
            "status",
            "source",
            "submitted_at",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
        template_name = "surveys/table.html"


class InvitePracticeTable(CaptionedTable):
    """The practices a lead is about to invite (the current filter)."""

    caption = _("Praktijken die u met deze filters uitnodigt")

    name = tables.Column(verbose_name=_("Praktijk"))
    agb_code = tables.Column(verbose_name=_("AGB-code"))
    member_organisation = tables.Column(verbose_name=_("Lidorganisatie"))
    portal_vendor = tables.Column(verbose_name=_("Portaal"), default="—")
    cohort = tables.Column(verbose_name=_("Cohort"))

    class Meta:
        sequence = (
            "name",
            "agb_code",
            "member_organisation",
            "portal_vendor",
            "cohort",
        )
        attrs = {"class": "table table-sm table-hover align-middle"}
        template_name = "surveys/table.html"
