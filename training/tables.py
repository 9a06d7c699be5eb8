"""Lists of the training app (django-tables2); the attendee export uses these columns."""

from __future__ import annotations

import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coalition.models import StaffRole
from coalition.tables import DateTimeColumn
from training.models import Course, Registration, Session
from training.selectors import role_required


def _when(value) -> str:
    local = timezone.localtime(value)
    return f"{date_format(local, 'D')} {date_format(local, 'SHORT_DATETIME_FORMAT')}"


class SessionTable(tables.Table):
    course = tables.Column(
        verbose_name=_("Cursus"),
        linkify=lambda record: record.get_manage_url(),
        order_by=("course__title", "starts_at"),
    )
    starts_at = tables.Column(verbose_name=_("Wanneer"))
    mode = tables.Column(verbose_name=_("Vorm"))
    trainers = tables.Column(
        verbose_name=_("Trainers"), empty_values=(), orderable=False
    )
    seats = tables.Column(
        verbose_name=_("Bezet"), empty_values=(), order_by=("n_confirmed",)
    )
    n_waitlisted = tables.Column(verbose_name=_("Wachtlijst"))
    status = tables.Column(verbose_name=_("Status"))

    class Meta:
        model = Session
        fields = ("course", "starts_at", "mode", "trainers", "seats", "n_waitlisted")
        sequence = ("course", "starts_at", "mode", "trainers", "seats", "n_waitlisted")
        order_by = "starts_at"
        attrs = {"class": "table table-sm align-middle"}

    def render_starts_at(self, value):
        return _when(value)

    def render_trainers(self, record):
        return ", ".join(str(t) for t in record.trainers.all()) or "—"

    def render_seats(self, record):
        return f"{record.n_confirmed} / {record.capacity}"

    def render_status(self, record, value):
        css = {
            Session.Status.PLANNED: "text-bg-primary",
            Session.Status.HELD: "text-bg-secondary",
            Session.Status.CANCELLED: "text-bg-danger",
        }[record.status]
        return format_html('<span class="badge {}">{}</span>', css, value)


class PublicSessionTable(tables.Table):
    course = tables.Column(
        verbose_name=_("Cursus"),
        linkify=lambda record: record.get_absolute_url(),
        orderable=False,
    )
    starts_at = tables.Column(verbose_name=_("Wanneer"), orderable=False)
    audience = tables.Column(
        verbose_name=_("Voor"), accessor="course", empty_values=(), orderable=False
    )
    mode = tables.Column(verbose_name=_("Vorm"), orderable=False)
    location = tables.Column(
        verbose_name=_("Waar"), accessor="address", empty_values=(), orderable=False
    )
    free = tables.Column(
        verbose_name=_("Vrije plaatsen"), empty_values=(), orderable=False
    )

    class Meta:
        model = Session
        fields = ("course", "starts_at", "audience", "mode", "location", "free")
        attrs = {"class": "table align-middle"}

    def render_starts_at(self, value):
        return _when(value)

    def render_audience(self, record):
        return ", ".join(record.course.audience_labels())

    def render_location(self, record):
        if record.mode == Session.Mode.ONLINE:
            return _("online (link na aanmelding)")
        return record.address

    def render_free(self, record):
        if record.status == Session.Status.CANCELLED:
            return format_html(
                '<span class="badge text-bg-danger">{}</span>', _("geannuleerd")
            )
        free = max(0, record.capacity - record.n_confirmed)
        if free == 0:
            return format_html(
                '<span class="badge text-bg-warning">{}</span>', _("vol — wachtlijst")
            )
        return free


class RegistrationTable(tables.Table):
    """The registrations of one session; also the columns of the attendee export."""

    name = tables.Column(verbose_name=_("Naam"))
    email = tables.EmailColumn(verbose_name=_("E-mail"))
    role = tables.Column(verbose_name=_("Functie"))
    practice = tables.Column(verbose_name=_("Praktijk"), accessor="practice__name")
    status = tables.Column(verbose_name=_("Status"))
    attendance = tables.Column(verbose_name=_("Aanwezigheid"))
    notes = tables.Column(verbose_name=_("Notities"), visible=False)
    created = DateTimeColumn(verbose_name=_("Aangemeld op"))
    actions = tables.TemplateColumn(
        template_name="training/includes/registration_actions.html",
        verbose_name=_("Acties"),
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        model = Registration
        fields = (
            "name",
            "email",
            "role",
            "practice",
            "status",
            "attendance",
            "notes",
            "created",
        )
        sequence = (
            "name",
            "email",
            "role",
            "practice",
            "status",
            "attendance",
            "notes",
            "created",
            "actions",
        )
        orderable = False
        attrs = {"class": "table table-sm align-middle"}


class CourseTable(tables.Table):
    title = tables.Column(
        verbose_name=_("Titel"),
        linkify=("training:course_update", {"pk": tables.A("pk")}),
    )
    audience = tables.Column(
        verbose_name=_("Doelgroep"), accessor="pk", empty_values=(), orderable=False
    )
    duration_hours = tables.Column(verbose_name=_("Uren"))
    accreditation_points = tables.Column(verbose_name=_("Accreditatiepunten"))
    is_required_module = tables.BooleanColumn(
        verbose_name=_("Verplichte module"), yesno=("ja", "nee")
    )
    n_sessions = tables.Column(verbose_name=_("Sessies"))

    class Meta:
        model = Course
        fields = (
            "title",
            "audience",
            "duration_hours",
            "accreditation_points",
            "is_required_module",
            "n_sessions",
        )
        order_by = "title"
        attrs = {"class": "table table-sm align-middle"}

    def render_audience(self, record):
        return ", ".join(record.audience_labels())


class RoleCoverageColumn(tables.Column):
    """Trained people of one role: a green count, "missing" when required, else "—"."""

    def __init__(self, role: str, **kwargs):
        self.role = role
        super().__init__(
            verbose_name=StaffRole(role).label,
            accessor=f"trained_{role}",
            empty_values=(),
            orderable=False,
            **kwargs,
        )

    def render(self, record, value):
        required = role_required(record, self.role)
        if value:
            return format_html(
                '<span class="badge text-bg-success">{} {}</span>',
                value,
                gettext("getraind"),
            )
        if required:
            return format_html(
                '<span class="badge text-bg-danger">{}</span>', gettext("ontbreekt")
            )
        return format_html(
            '<span class="text-body-secondary">{}</span>', gettext("niet in dienst")
        )

    def value(self, record, value):
        return value


class CoverageInviteColumn(tables.Column):
    """A lead's button inviting the practice's missing roles; nothing where the table
    says the viewer cannot invite (`CoverageTable.can_invite`, the view's decision).

    Written here, not as a template per row: 50 template renderings were a fifth of
    the coverage list at national scale (issue 15)."""

    def __init__(self, **kwargs):
        super().__init__(
            verbose_name=_("Uitnodigen"),
            accessor="pk",
            empty_values=(),
            orderable=False,
            exclude_from_export=True,
            **kwargs,
        )

    def render(self, record, table):
        if not table.can_invite:
            return ""
        return format_html(
            '<form method="post" action="{}" class="d-inline">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="next" value="{}">'
            '<button type="submit" class="btn btn-sm btn-outline-primary">{}'
            '<span class="visually-hidden"> — {}</span></button></form>',
            reverse("training:coverage_invite", args=[record.pk]),
            get_token(table.request),
            table.request.get_full_path(),
            gettext("Ontbrekende rollen uitnodigen"),
            record.name,
        )


class CoverageTable(tables.Table):
    """Practices with their trained roles; the action column invites the missing ones."""

    name = tables.Column(
        verbose_name=_("Praktijk"),
        linkify=("practices:detail", {"pk": tables.A("pk")}),
    )
    city = tables.Column(verbose_name=_("Plaats"))
    trained_gp = RoleCoverageColumn(StaffRole.GP)
    trained_nurse_practitioner = RoleCoverageColumn(StaffRole.NURSE_PRACTITIONER)
    trained_manager = RoleCoverageColumn(StaffRole.MANAGER)
    trained_assistant = RoleCoverageColumn(StaffRole.ASSISTANT)
    actions = CoverageInviteColumn()

    class Meta:
        order_by = "name"
        attrs = {"class": "table table-sm align-middle"}

    def __init__(self, *args, can_invite: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.can_invite = can_invite
