"""Sessions (logged in): list, plan, manage, attendance, messages."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, FormView, UpdateView
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from coalition import access
from coalition.exports import TableExporter
from coalition.forms import add_service_errors
from coalition.views import RoleRequiredMixin
from coalition.xlsx import xlsx_response
from training import selectors, services
from training.filters import SessionFilterSet
from training.forms import AttendanceForm, SessionForm, SessionMessageForm
from training.models import Registration, Session
from training.tables import RegistrationTable, SessionTable
from training.views.base import PLANNERS, WORKERS, SessionObjectMixin, TrainingTabsMixin


class SessionListView(
    TrainingTabsMixin, RoleRequiredMixin, SingleTableMixin, FilterView
):
    """'Scholing': a trainer's own sessions, a lead's coalition, a practice user's
    sessions to register staff for."""

    allowed_roles = WORKERS
    table_class = SessionTable
    filterset_class = SessionFilterSet
    template_name = "training/session_list.html"
    table_pagination = {"per_page": 25}

    def get_queryset(self):
        return selectors.session_list(self.request.user)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if kwargs["data"] is None or not kwargs["data"]:
            kwargs["data"] = {"period": "upcoming"}
        return kwargs


class SessionManageMixin:
    """The session, only for those who may manage it (others get 404 or 403)."""

    def get_session(self) -> Session:
        session = access.get_or_404(
            access.visible_sessions(self.request.user).select_related(
                "course__coalition"
            ),
            pk=self.kwargs["pk"],
        )
        if not access.can_manage_session(self.request.user, session):
            raise PermissionDenied
        return session


class SessionCreateView(RoleRequiredMixin, CreateView):
    allowed_roles = PLANNERS
    form_class = SessionForm
    template_name = "training/session_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        course = data.pop("course")
        trainers = list(data.pop("trainers"))
        user = self.request.user
        if not access.can_manage_course(user, course):
            raise PermissionDenied
        try:
            session = services.session_create(
                course=course, trainers=trainers, by=user, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De sessie is aangemaakt."))
        return redirect(session.get_manage_url())


class SessionUpdateView(RoleRequiredMixin, SessionManageMixin, UpdateView):
    allowed_roles = PLANNERS
    form_class = SessionForm
    template_name = "training/session_form.html"

    def get_object(self, queryset=None):
        return self.get_session()

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        trainers = list(data.pop("trainers"))
        # The form has set the values on the instance; the service re-applies them on
        # the locked row.
        original = Session.objects.get(pk=self.object.pk)
        try:
            services.session_update(session=original, trainers=trainers, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De sessie is bijgewerkt."))
        return redirect(self.object.get_manage_url())


class SessionCancelView(RoleRequiredMixin, SessionManageMixin, View):
    allowed_roles = PLANNERS

    def post(self, request, pk):
        session = self.get_session()
        try:
            services.session_cancel(session=session)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "De sessie is geannuleerd; alle aangemelde deelnemers krijgen bericht."
                ),
            )
        return redirect(session.get_manage_url())


class SessionDetailView(TrainingTabsMixin, RoleRequiredMixin, DetailView):
    """A session with the registrations the user may see; trainers and leads also
    keep attendance here."""

    allowed_roles = WORKERS
    template_name = "training/session_detail.html"
    context_object_name = "session"

    def get_object(self, queryset=None):
        return access.get_or_404(
            selectors.with_seats(access.visible_sessions(self.request.user)),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        session = self.object
        registrations = selectors.session_registrations(user, session)
        table = RegistrationTable(registrations, request=self.request)
        RequestConfig(self.request, paginate=False).configure(table)
        can_manage = access.can_manage_session(user, session)
        ctx.update(
            table=table,
            can_manage=can_manage,
            can_register=access.can_register_for(user, session),
            can_cancel_rows=can_manage or bool(access.scope(user).practice_ids),
            now=timezone.now(),
            free=max(0, session.capacity - session.n_confirmed),
        )
        if can_manage:
            confirmed = [r for r in registrations if r.status == r.Status.CONFIRMED]
            if "attendance_form" not in ctx:
                ctx["attendance_form"] = AttendanceForm(registrations=confirmed)
            ctx["attendance_open"] = (
                timezone.localdate(session.starts_at) <= timezone.localdate()
            )
        return ctx


class AttendanceView(SessionManageMixin, SessionDetailView):
    """Saves the attendance; a form with errors comes back on the session's page."""

    allowed_roles = PLANNERS
    http_method_names = ["post"]

    def post(self, request, pk):
        session = self.get_session()
        registrations = selectors.session_registrations(request.user, session).filter(
            status=Registration.Status.CONFIRMED
        )
        form = AttendanceForm(request.POST, registrations=registrations)
        if not form.is_valid():
            self.object = self.get_object()
            return self.render_to_response(
                self.get_context_data(attendance_form=form), status=400
            )
        saved, errors = 0, []
        for r in form.registrations:
            value = form.cleaned_data.get(f"attendance_{r.pk}")
            notes = form.cleaned_data.get(f"notes_{r.pk}", "")
            if not value:
                continue
            try:
                services.registration_set_attendance(
                    registration=r, attendance=value, notes=notes
                )
                saved += 1
            except ValidationError as exc:
                errors.extend(exc.messages)
        for message in dict.fromkeys(errors):
            messages.error(request, message)
        if saved:
            messages.success(
                request,
                _("Aanwezigheid opgeslagen voor %(n)d deelnemer(s).") % {"n": saved},
            )
        return redirect(session.get_manage_url() + "#aanwezigheid")


class AttendeeExportView(RoleRequiredMixin, SessionManageMixin, View):
    allowed_roles = PLANNERS

    def get(self, request, pk):
        session = self.get_session()
        table = RegistrationTable(
            selectors.session_registrations(request.user, session).active()
        )
        content = TableExporter(table).xlsx(title=_("Deelnemers"))
        local = timezone.localtime(session.starts_at)
        name = f"deelnemers-{slugify(session.course.title)}-{local:%Y%m%d}"
        return xlsx_response(content, name=name, dated=False)


class SessionMessageView(
    SessionObjectMixin, TrainingTabsMixin, RoleRequiredMixin, FormView
):
    """Write to a session's confirmed people, its waitlist or both; the messages
    sent stay listed here."""

    allowed_roles = PLANNERS
    form_class = SessionMessageForm
    template_name = "training/session_messages.html"

    def object_allowed(self, obj: Session) -> bool:
        return access.can_message_participants(self.request.user, obj)

    def get_initial(self):
        return {**super().get_initial(), "key": uuid.uuid4().hex}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["session"] = self.session
        ctx["sent"] = list(
            access.visible_sent_messages(self.request.user, self.session)
            .select_related("sent_by")
            .order_by("-sent_at", "-pk")
        )
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            message, sent_now = services.session_message_send(
                session=self.session,
                audience=data["audience"],
                subject=data["subject"],
                body=data["body"],
                by=self.request.user,
                key=data["key"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        if sent_now:
            messages.success(
                self.request,
                _("Het bericht is verstuurd aan %(n)d deelnemer(s).")
                % {"n": message.recipients},
            )
        else:
            messages.info(
                self.request, _("Dit bericht was al verstuurd; het ging niet nog eens.")
            )
        return redirect("training:session_messages", pk=self.session.pk)
