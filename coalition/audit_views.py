"""The audit log page (leads: their coalition; office: all) and /.well-known/security.txt."""

from __future__ import annotations

from datetime import timedelta

import django_filters
import django_tables2 as tables
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from coalition import access
from coalition.models import AuditEvent


class AuditEventFilterSet(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        field_name="created", lookup_expr="date__gte", label=_("Vanaf datum")
    )
    date_to = django_filters.DateFilter(
        field_name="created", lookup_expr="date__lte", label=_("Tot en met datum")
    )
    user = django_filters.CharFilter(
        field_name="user_email", lookup_expr="icontains", label=_("Gebruiker (e-mail)")
    )
    event = django_filters.ChoiceFilter(
        choices=AuditEvent.Event.choices, label=_("Gebeurtenis")
    )
    outcome = django_filters.ChoiceFilter(
        choices=AuditEvent.Outcome.choices, label=_("Uitkomst")
    )

    class Meta:
        model = AuditEvent
        fields = ["date_from", "date_to", "user", "event", "outcome"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            css = "form-select" if name in ("event", "outcome") else "form-control"
            field.widget.attrs["class"] = css
            if name.startswith("date_"):
                field.widget.input_type = "date"


class AuditEventTable(tables.Table):
    created = tables.DateTimeColumn(
        verbose_name=_("Tijdstip"), format="j-n-Y H:i:s", linkify=False
    )
    user_email = tables.Column(verbose_name=_("Gebruiker"))
    role = tables.Column(verbose_name=_("Rol"))
    organisation = tables.Column(verbose_name=_("Namens"))
    event = tables.Column(verbose_name=_("Gebeurtenis"))
    object_type = tables.Column(verbose_name=_("Soort gegeven"))
    object_id = tables.Column(verbose_name=_("Nummer"))
    outcome = tables.Column(verbose_name=_("Uitkomst"))
    client_address = tables.Column(verbose_name=_("Adres"))
    request_id = tables.Column(verbose_name=_("Verzoek-id"))

    class Meta:
        model = AuditEvent
        fields = (
            "created",
            "user_email",
            "role",
            "organisation",
            "event",
            "object_type",
            "object_id",
            "outcome",
            "client_address",
            "request_id",
        )
        order_by = "-created"


class AuditLogView(SingleTableMixin, FilterView):
    """Read only: there is no view that changes or removes a row."""

    table_class = AuditEventTable
    filterset_class = AuditEventFilterSet
    template_name = "coalition/audit_log.html"
    table_pagination = {"per_page": 50}
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        if not access.can_read_audit_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return access.visible_audit_events(self.request.user)


@login_not_required
@require_GET
def security_txt(request: HttpRequest) -> HttpResponse:
    """RFC 9116: where to report a security problem."""
    expires = timezone.now().replace(microsecond=0) + timedelta(days=365)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_URL.rstrip('/')}/.well-known/security.txt",
    ]
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )
