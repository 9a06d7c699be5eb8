"""The vendor administration's tables."""

from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy

from coalition.models import Certification, Vendor
from coalition.tables import DateColumn, DateTimeColumn, NumberColumn


class VendorAdminTable(tables.Table):
    name = tables.Column(
        verbose_name=gettext_lazy("Naam"),
        linkify=("coalition:vendor_admin_detail", {"pk": tables.A("pk")}),
    )
    kind = tables.Column(verbose_name=gettext_lazy("Soort"))
    website = tables.Column(verbose_name=gettext_lazy("Website"))
    n_versions = NumberColumn(verbose_name=gettext_lazy("Productversies"))
    n_proposed = NumberColumn(verbose_name=gettext_lazy("Voorgestelde certificeringen"))

    class Meta:
        model = Vendor
        fields = ("name", "kind", "website", "n_versions", "n_proposed")
        order_by = "name"


class CertificationTable(tables.Table):
    vendor = tables.Column(
        verbose_name=gettext_lazy("Leverancier"),
        accessor="product_version__vendor__name",
        linkify=(
            "coalition:vendor_admin_detail",
            {"pk": tables.A("product_version__vendor_id")},
        ),
    )
    product_version = tables.Column(verbose_name=gettext_lazy("Productversie"))
    standard = tables.Column(verbose_name=gettext_lazy("Standaard"))
    since = DateColumn(verbose_name=gettext_lazy("Sinds"))
    source = tables.Column(verbose_name=gettext_lazy("Bron"))
    status = tables.Column(verbose_name=gettext_lazy("Status"))
    proposed_for = tables.Column(verbose_name=gettext_lazy("Voorgesteld vanuit"))
    decided_at = DateTimeColumn(verbose_name=gettext_lazy("Beoordeeld op"))

    class Meta:
        model = Certification
        fields = (
            "vendor",
            "product_version",
            "standard",
            "since",
            "source",
            "status",
            "proposed_for",
            "decided_at",
        )
        order_by = ("status", "vendor")
