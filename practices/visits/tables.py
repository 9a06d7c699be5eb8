"""Tables of the visit lists. The xlsx exports use these same columns
(`coalition.exports.TableExporter`), so screen and download never drift apart."""

from __future__ import annotations

import django_tables2 as tables
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from practices.visits.models import Bottleneck, FollowUpAction, Visit
from practices.visits.selectors import VisitState, due_date


def _date(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else "—"


def _day(moment):
    """The Amsterdam calendar day of a stored (UTC) moment; `.date()` would give UTC's,
    a day early for what happens between midnight and 1 or 2 a.m."""
    return timezone.localdate(moment) if moment else None


class VisitTable(tables.Table):
    day = tables.Column(
        verbose_name=_("Datum"),
        accessor="planned_on",
        order_by=("planned_on",),
        linkify=("visits:visit_detail", {"pk": tables.A("pk")}),
    )
    practice = tables.Column(verbose_name=_("Praktijk"), order_by=("practice__name",))
    coalition = tables.Column(
        verbose_name=_("Coalitie"),
        accessor="practice__coalition__name",
        order_by=("practice__coalition__name",),
    )
    status = tables.Column(
        verbose_name=_("Stand"), accessor="held_on", orderable=False, empty_values=()
    )
    visitors = tables.Column(
        verbose_name=_("Bezoekers"), accessor="pk", orderable=False
    )
    shared = tables.Column(
        verbose_name=_("Terugkoppeling gedeeld"),
        accessor="feedback_shared_at",
        order_by=("feedback_shared_at",),
    )
    n_open_actions = tables.Column(
        verbose_name=_("Open acties"), attrs={"td": {"class": "text-end"}}
    )

    class Meta:
        model = Visit
        fields = (
            "day",
            "practice",
            "coalition",
            "status",
            "visitors",
            "shared",
            "n_open_actions",
        )
        order_by = "-day"
        empty_text = _("Geen bezoeken gevonden.")

    def render_day(self, record):
        return _date(record.day)

    def value_day(self, record):
        return record.day

    def render_practice(self, value):
        return value.name

    def render_status(self, record):
        return _("gehouden") if record.is_held else _("gepland")

    def render_visitors(self, record):
        return ", ".join(str(u) for u in record.visitors.all()) or "—"

    def render_shared(self, value):
        return _date(_day(value))

    def value_shared(self, value):
        return _day(value)


class ActionTable(tables.Table):
    description = tables.Column(
        verbose_name=_("Actie"),
        linkify=("visits:visit_detail", {"pk": tables.A("visit_id")}),
    )
    practice = tables.Column(
        verbose_name=_("Praktijk"),
        accessor="visit__practice__name",
        order_by=("visit__practice__name",),
    )
    coalition = tables.Column(
        verbose_name=_("Coalitie"),
        accessor="visit__practice__coalition__name",
        order_by=("visit__practice__coalition__name",),
    )
    owner = tables.Column(verbose_name=_("Eigenaar"))
    due_on = tables.Column(verbose_name=_("Uiterlijk"))
    done_on = tables.Column(verbose_name=_("Afgerond"))

    class Meta:
        model = FollowUpAction
        fields = ("description", "practice", "coalition", "owner", "due_on", "done_on")
        order_by = "due_on"
        empty_text = _("Geen vervolgacties gevonden.")

    def render_description(self, value):
        return value if len(value) <= 120 else value[:117] + "…"

    def value_description(self, value):
        return value

    def render_owner(self, record):
        label = record.get_owner_display()
        if record.owner_user:
            return f"{label} ({record.owner_user})"
        return label

    def render_due_on(self, value):
        return _date(value)

    def value_due_on(self, value):
        return value

    def render_done_on(self, value):
        return _date(value)

    def value_done_on(self, value):
        return value


class BottleneckTable(tables.Table):
    raised_at = tables.Column(
        verbose_name=_("Gemeld"),
        linkify=("visits:bottleneck_detail", {"pk": tables.A("pk")}),
    )
    practice = tables.Column(verbose_name=_("Praktijk"), order_by=("practice__name",))
    coalition = tables.Column(
        verbose_name=_("Coalitie"),
        accessor="practice__coalition__name",
        order_by=("practice__coalition__name",),
    )
    category = tables.Column(verbose_name=_("Categorie"))
    vendor = tables.Column(verbose_name=_("Leverancier"), order_by=("vendor__name",))
    status = tables.Column(verbose_name=_("Status"))
    passed_to = tables.Column(verbose_name=_("Doorgegeven aan"))
    passed_on_at = tables.Column(verbose_name=_("Doorgegeven op"))
    description = tables.Column(verbose_name=_("Omschrijving"), orderable=False)

    class Meta:
        model = Bottleneck
        fields = (
            "raised_at",
            "practice",
            "coalition",
            "category",
            "vendor",
            "status",
            "passed_to",
            "passed_on_at",
            "description",
        )
        order_by = "-raised_at"
        empty_text = _("Geen knelpunten gevonden.")

    def render_raised_at(self, value):
        return _date(_day(value))

    def value_raised_at(self, value):
        return _day(value)

    def render_practice(self, value):
        return value.name

    def render_passed_on_at(self, value):
        return _date(_day(value))

    def value_passed_on_at(self, value):
        return _day(value)

    def render_description(self, value):
        return value if len(value) <= 80 else value[:77] + "…"

    def value_description(self, value):
        return value


class YearlyTable(tables.Table):
    """Active practices against the yearly rule, with a box to pick them for planning."""

    pick = tables.CheckBoxColumn(
        accessor="pk",
        attrs={
            "th__input": {
                "data-check-all": "input[name=practices]",
                "aria-label": _("Alle praktijken kiezen"),
            },
            "td__input": {"name": "practices", "form": "bulk-plan"},
        },
        orderable=False,
        exclude_from_export=True,
    )
    name = tables.Column(verbose_name=_("Praktijk"))
    coalition = tables.Column(
        verbose_name=_("Coalitie"),
        accessor="coalition__name",
        order_by=("coalition__name",),
    )
    city = tables.Column(verbose_name=_("Plaats"))
    last_visit = tables.Column(verbose_name=_("Laatste bezoek"))
    due = tables.Column(
        verbose_name=_("Uiterlijk bezoeken"), accessor="reference", orderable=True
    )
    visit_state = tables.Column(verbose_name=_("Stand"))
    next_planned = tables.Column(verbose_name=_("Gepland"))

    class Meta:
        # Every column is declared: the rows are practices from
        # `selectors.practices_with_visit_state`, the model is not needed.
        fields = (
            "pick",
            "name",
            "coalition",
            "city",
            "last_visit",
            "due",
            "visit_state",
            "next_planned",
        )
        order_by = "due"
        empty_text = _("Geen praktijken gevonden.")

    def render_pick(self, value, record):
        return format_html(
            '<input type="checkbox" name="practices" value="{}" form="bulk-plan" '
            'class="form-check-input" aria-label="{}">',
            value,
            _("Kies %(name)s") % {"name": record.name},
        )

    def render_last_visit(self, value):
        return _date(value)

    def value_last_visit(self, value):
        return value

    def render_due(self, record):
        return _date(due_date(record))

    def value_due(self, record):
        return due_date(record)

    def render_visit_state(self, value):
        css = {
            VisitState.OVERDUE: "text-bg-danger",
            VisitState.DUE: "text-bg-warning",
            VisitState.OK: "text-bg-success",
        }[value]
        return format_html(
            '<span class="badge {}">{}</span>', css, VisitState.labels[value]
        )

    def value_visit_state(self, value):
        return str(VisitState.labels[value])

    def render_next_planned(self, value):
        return _date(value)

    def value_next_planned(self, value):
        return value
