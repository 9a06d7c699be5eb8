"""Tables of the coalition administration (issue 11, parts 1, 3 and 8); each list's
download (`?export=xlsx`) comes from these columns."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from coalition.models import Coalition, FrameworkAgreement, Grant, MemberOrganisation
from coalition.tables import DateColumn, NumberColumn


class MemberOrganisationTable(tables.Table):
    name = tables.Column(
        verbose_name=_("Lidorganisatie"),
        linkify=("coalition:member_org_detail", {"pk": tables.A("pk")}),
    )
    coalition = tables.Column(verbose_name=_("Coalitie"))
    kind = tables.Column(verbose_name=_("Soort"))
    contact_name = tables.Column(verbose_name=_("Contactpersoon"))
    contact_email = tables.Column(verbose_name=_("E-mail"))
    contact_phone = tables.Column(verbose_name=_("Telefoon"))
    n_practices = NumberColumn(verbose_name=_("Praktijken"))
    n_patients = NumberColumn(verbose_name=_("Patiënten"), default=0)
    ended_on = DateColumn(verbose_name=_("Lid tot en met"), default="")

    class Meta:
        model = MemberOrganisation
        fields = (
            "name",
            "coalition",
            "kind",
            "contact_name",
            "contact_email",
            "contact_phone",
            "n_practices",
            "n_patients",
            "ended_on",
        )
        order_by = ("ended_on", "name")
        attrs = {"class": "table table-sm table-hover align-middle"}
        row_attrs = {
            "class": lambda record: "text-body-secondary" if record.ended_on else ""
        }


class FrameworkAgreementTable(tables.Table):
    vendor = tables.Column(
        verbose_name=_("Leverancier"),
        linkify=("coalition:agreement_edit", {"pk": tables.A("pk")}),
        order_by=("vendor__name",),
    )
    coalition = tables.Column(verbose_name=_("Coalitie"))
    starts = DateColumn(verbose_name=_("Ingangsdatum"))
    ends = DateColumn(verbose_name=_("Einddatum"), default="")
    products = tables.Column(
        verbose_name=_("Producten"), orderable=False, empty_values=()
    )
    notes = tables.Column(verbose_name=_("Opmerkingen"), orderable=False)

    class Meta:
        model = FrameworkAgreement
        fields = ("vendor", "coalition", "starts", "ends", "products", "notes")
        order_by = ("vendor", "-starts")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_products(self, record):
        names = [f"{p.product} {p.version}" for p in record.products.all()]
        if not names:
            return "—"
        return format_html_join(", ", "{}", ((n,) for n in names))

    def value_products(self, record):
        return ", ".join(f"{p.product} {p.version}" for p in record.products.all())


class GrantTable(tables.Table):
    funder = tables.Column(
        verbose_name=_("Financier"),
        linkify=("coalition:grant_edit", {"pk": tables.A("pk")}),
        order_by=("funder__name",),
    )
    coalition = tables.Column(verbose_name=_("Coalitie"))
    reference = tables.Column(verbose_name=_("Kenmerk"))
    amount = NumberColumn(verbose_name=_("Bedrag (€)"), decimals=2)
    starts = DateColumn(verbose_name=_("Begin"))
    ends = DateColumn(verbose_name=_("Einde"))
    committed_practices = NumberColumn(verbose_name=_("Toegezegde praktijken"))
    committed_patients = NumberColumn(verbose_name=_("Toegezegde patiënten"))

    class Meta:
        model = Grant
        fields = (
            "funder",
            "coalition",
            "reference",
            "amount",
            "starts",
            "ends",
            "committed_practices",
            "committed_patients",
        )
        order_by = ("-starts",)
        attrs = {"class": "table table-sm table-hover align-middle"}


class OfficeCoalitionTable(tables.Table):
    name = tables.Column(
        verbose_name=_("Coalitie"),
        linkify=("coalition:office_coalition_detail", {"slug": tables.A("slug")}),
    )
    region = tables.Column(verbose_name=_("Regio"))
    province = tables.Column(verbose_name=_("Provincie"))
    n_members = NumberColumn(verbose_name=_("Lidorganisaties"))
    leads = tables.Column(
        verbose_name=_("Projectleiders"), orderable=False, empty_values=()
    )
    contact_email = tables.Column(verbose_name=_("E-mail projectbureau"))

    class Meta:
        model = Coalition
        fields = ("name", "region", "province", "n_members", "leads", "contact_email")
        order_by = ("name",)
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_leads(self, record):
        leads = [m.user for m in record.lead_memberships]
        if not leads:
            return format_html('<span class="text-danger">{}</span>', _("geen"))
        return format_html_join(
            ", ",
            "{} &lt;{}&gt;",
            ((u.get_full_name() or u.email, u.email) for u in leads),
        )

    def value_leads(self, record):
        return ", ".join(
            f"{m.user.get_full_name() or m.user.email} <{m.user.email}>"
            for m in record.lead_memberships
        )
