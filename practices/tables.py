"""The practice list's table; its columns are also what "download this list" writes."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from coalition.models import Service, Vendor
from coalition.tables import DateColumn, NumberColumn
from practices.models import DeadlineState, Practice, Step
from practices.selectors import PRIMARY_SERVICE

STATE_CLASSES = {
    DeadlineState.LIVE_ON_TIME: "text-bg-success",
    DeadlineState.LIVE_LATE: "text-bg-info",
    DeadlineState.ON_TRACK: "text-bg-light border",
    DeadlineState.AT_RISK: "text-bg-warning",
    DeadlineState.OVERDUE: "text-bg-danger",
}


def state_badge(value: str | None):
    if not value:
        return "—"
    state = DeadlineState(value)
    return format_html(
        '<span class="badge {}">{}</span>', STATE_CLASSES[state], state.label
    )


# Shown from 1400 px on; below that the practice page has them (10.19: the list fits
# a 1280 px screen without sideways scrolling).
WIDE_ONLY = "d-none d-xxl-table-cell"


class PracticeTable(tables.Table):
    region_label = _("Praktijken")

    select = tables.CheckBoxColumn(
        accessor="pk",
        attrs={
            "th__input": {
                "data-check-all": "input[name=pk]",
                "aria-label": _("Alle praktijken op deze pagina selecteren"),
            },
            # The bulk form reads `pk`; without this the boxes were named `select`.
            "td__input": {"name": "pk", "aria-label": _("Selecteren")},
        },
        orderable=False,
        exclude_from_export=True,
    )
    name = tables.Column(
        verbose_name=_("Naam"),
        linkify=("practices:detail", {"pk": tables.A("pk")}),
    )
    coalition = tables.Column(verbose_name=_("Coalitie"), order_by=("coalition__name",))
    agb_code = tables.Column(verbose_name=_("AGB-code"))
    city = tables.Column(verbose_name=_("Plaats"))
    member_organisation = tables.Column(
        verbose_name=_("Lidorganisatie"),
        order_by=("member_organisation__name",),
        attrs={"th": {"class": WIDE_ONLY}, "td": {"class": WIDE_ONLY}},
    )
    his_vendor = tables.Column(verbose_name=_("HIS"), order_by=("his_vendor__name",))
    portal_vendor = tables.Column(
        verbose_name=_("Portaal"), order_by=("portal_vendor__name",)
    )
    cohort = tables.Column(
        verbose_name=_("Cohort"),
        attrs={"th": {"class": WIDE_ONLY}, "td": {"class": WIDE_ONLY}},
    )
    list_size = NumberColumn(
        verbose_name=_("Patiënten"),
        attrs={
            "th": {"class": f"text-end {WIDE_ONLY}"},
            "td": {"class": f"text-end {WIDE_ONLY}"},
        },
    )
    technically_ready = tables.BooleanColumn(
        verbose_name=_("Technisch gereed"), yesno=(_("ja"), _("nee"))
    )
    rollout_step = tables.Column(verbose_name=_("Stap"), order_by=("rollout_step",))
    rollout_planned = DateColumn(
        verbose_name=_("Gepland live"),
        order_by=("rollout_planned",),
        attrs={"td": {"class": "text-nowrap"}},
    )
    deadline_state = tables.Column(
        verbose_name=_("Deadlinestatus"), order_by=("deadline_rank", "name")
    )

    class Meta:
        model = Practice
        fields = (
            "select",
            "name",
            "coalition",
            "agb_code",
            "city",
            "member_organisation",
            "his_vendor",
            "portal_vendor",
            "cohort",
            "list_size",
            "technically_ready",
            "rollout_step",
            "rollout_planned",
            "deadline_state",
        )
        order_by = "name"
        attrs = {"class": "table table-sm table-hover align-middle table-fit"}
        empty_text = _("Geen praktijken gevonden met deze filters.")
        template_name = "practices/includes/table.html"

    def __init__(self, *args, service: str = PRIMARY_SERVICE, **kwargs):
        super().__init__(*args, **kwargs)
        label = Service(service).label
        self.columns["rollout_step"].column.verbose_name = _("Stap %(s)s") % {
            "s": label
        }
        self.columns["deadline_state"].column.verbose_name = _("Deadline %(s)s") % {
            "s": label
        }

    def render_rollout_step(self, value):
        return Step(value).label

    def value_rollout_step(self, value):
        return str(Step(value).label)

    def render_deadline_state(self, value):
        # One badge per state and table (the label translated once, not per row).
        badges = self.__dict__.setdefault("_state_badges", {})
        if value not in badges:
            badges[value] = state_badge(value)
        return badges[value]

    def value_deadline_state(self, value):
        return str(DeadlineState(value).label) if value else ""

    def value_technically_ready(self, value):
        return str(_("ja") if value else _("nee"))

    def value_member_organisation(self, value):
        return str(value)

    def value_coalition(self, value):
        return str(value)

    def value_his_vendor(self, value):
        return str(value) if value else ""

    def value_portal_vendor(self, value):
        return str(value) if value else ""


class VendorTable(tables.Table):
    region_label = _("Leveranciers")

    name = tables.Column(
        verbose_name=_("Naam"),
        linkify=("practices:vendor_detail", {"pk": tables.A("pk")}),
    )
    kind = tables.Column(verbose_name=_("Soort"))
    contact_name = tables.Column(verbose_name=_("Contactpersoon"))
    contact_email = tables.EmailColumn(verbose_name=_("E-mail"))
    n_practices = NumberColumn(verbose_name=_("Praktijken"))
    n_live = NumberColumn(verbose_name=_("Live (online inzage)"))

    class Meta:
        model = Vendor
        fields = (
            "name",
            "kind",
            "contact_name",
            "contact_email",
            "n_practices",
            "n_live",
        )
        order_by = "name"
        template_name = "practices/includes/table.html"
