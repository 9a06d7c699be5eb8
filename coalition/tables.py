from __future__ import annotations

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from coalition.models import Membership


class MembershipTable(tables.Table):
    user = tables.Column(
        verbose_name=_("Gebruiker"), order_by=("user__last_name", "user__email")
    )
    email = tables.Column(verbose_name=_("E-mail"), accessor="user__email")
    role = tables.Column(verbose_name=_("Rol"))
    coalition = tables.Column(verbose_name=_("Coalitie"))
    practice = tables.Column(verbose_name=_("Praktijk"))
    last_login = tables.DateTimeColumn(
        verbose_name=_("Laatst ingelogd"),
        accessor="user__last_login",
        format="j b Y H:i",
    )

    class Meta:
        model = Membership
        fields = ("user", "email", "role", "coalition", "practice", "last_login")
        order_by = "email"
