"""Pages of the training app. Thin: scope via coalition.access, read via selectors,
write via services."""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.views import View
from django.views.generic import (
    CreateView,
    DetailView,
    FormView,
    TemplateView,
    UpdateView,
)
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin, SingleTableView

from coalition import access
from coalition.exports import ExportMixin, TableExporter
from coalition.forms import add_service_errors
from coalition.models import Role
from coalition.views import RoleRequiredMixin, ScopedObjectMixin
from coalition.xlsx import xlsx_response
from training import exports, ical, selectors, services
from training.filters import CoverageFilterSet, PublicSessionFilterSet, SessionFilterSet
from training.forms import (
    AttendanceForm,
    CourseForm,
    RegistrationForm,
    SessionForm,
    SessionMessageForm,
)
from training.models import Registration, Session
from training.tables import (
    CourseTable,
    CoverageTable,
    PublicSessionTable,
    RegistrationTable,
    SessionTable,
)

WORKERS = frozenset({Role.LEAD, Role.TRAINER, Role.PRACTICE, Role.OFFICE})
PLANNERS = frozenset({Role.LEAD, Role.TRAINER})


class TrainingTabsMixin:
    """What the Scholing tabs need on every page of the app."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.setdefault("can_plan", access.can_plan_training(user))
        ctx.setdefault("can_see_sessions", access.can_see_training_sessions(user))
        ctx.setdefault("can_see_courses", access.can_see_courses(user))
        ctx.setdefault("can_see_coverage", access.can_see_coverage(user))
        ctx.setdefault("can_have_feed", access.can_have_trainer_feed(user))
        ctx.setdefault("can_register_staff", access.can_register_staff(user))
        ctx.setdefault("session_list_kind", access.session_list_kind(user))
        return ctx


class PublicHeaderMixin:
    """Public training pages wear the site's public header (menu and search), the
    same as the Wagtail pages."""

    def get_context_data(self, **kwargs):
        from content.selectors import section_links

        ctx = super().get_context_data(**kwargs)
        ctx["links"] = section_links()
        return ctx


# --- public calendar ------------------------------------------------------------------


class PublicSessionListView(
    PublicHeaderMixin, TrainingTabsMixin, SingleTableMixin, FilterView
):
    """The public calendar of upcoming sessions (no login)."""

    table_class = PublicSessionTable
    filterset_class = PublicSessionFilterSet
    template_name = "training/public_list.html"
    paginate_by = 25

    def get_queryset(self):
        return selectors.public_calendar()


class PublicSessionDetailView(PublicHeaderMixin, TrainingTabsMixin, DetailView):
    """Every session keeps its public page, past ones too (marked held or
    cancelled): the link is in confirmation e-mails and calendar files."""

    template_name = "training/public_detail.html"
    context_object_name = "session"

    def get_object(self, queryset=None):
        return access.get_or_404(
            selectors.with_seats(access.public_sessions()), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        s = self.object
        ctx["free"] = max(0, s.capacity - s.n_confirmed)
        ctx["can_register"] = access.can_register_for(self.request.user, s)
        ctx["can_manage"] = access.can_manage_session(self.request.user, s)
        ctx["is_past"] = s.ends_at < timezone.now()
        return ctx


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


class CalendarFeedView(View):
    """All public sessions as an iCalendar feed (including recent ones and
    cancellations, so subscribed calendars update)."""

    def get(self, request):
        since = timezone.now() - timedelta(days=90)
        sessions = (
            access.public_sessions()
            .filter(ends_at__gte=since)
            .select_related("course")
            .order_by("starts_at")
        )
        return _ics_response(
            ical.calendar(sessions, name=_("Scholingsagenda")), "scholing.ics"
        )


class TrainerFeedView(View):
    """The sessions one trainer gives (public facts only; no registrations), at the
    feed's secret address; a renewed address makes the old one answer 404."""

    def get(self, request, token):
        feed = access.get_or_404(
            access.public_trainer_feeds().select_related("user"), token=token
        )
        trainer = feed.user
        sessions = (
            selectors.trainer_sessions(trainer)
            .select_related("course")
            .order_by("starts_at")
        )
        name = _("Scholing door %(name)s") % {"name": trainer}
        return _ics_response(ical.calendar(sessions, name=name), "scholing-trainer.ics")


class TrainerFeedManageView(TrainingTabsMixin, RoleRequiredMixin, TemplateView):
    """The trainer's own feed address, and the button that renews it."""

    allowed_roles = frozenset({Role.TRAINER})
    template_name = "training/trainer_feed.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        feed = services.trainer_feed_get(user=self.request.user)
        ctx["feed"] = feed
        ctx["feed_url"] = self.request.build_absolute_uri(feed.get_absolute_url())
        return ctx

    def post(self, request):
        services.trainer_feed_renew(user=request.user)
        messages.success(
            request,
            _(
                "Uw agenda-adres is vernieuwd. Het oude adres werkt niet meer; "
                "abonneer uw agenda opnieuw met het nieuwe adres."
            ),
        )
        return redirect("training:trainer_feed_manage")


class SessionIcsView(View):
    def get(self, request, pk):
        session = access.get_or_404(
            access.public_sessions().select_related("course"), pk=pk
        )
        return _ics_response(
            ical.calendar([session], name=session.course.title), f"sessie-{pk}.ics"
        )


# --- sessions (logged in) -------------------------------------------------------------


class SessionListView(
    TrainingTabsMixin, RoleRequiredMixin, SingleTableMixin, FilterView
):
    """'Scholing': a trainer's own sessions, a lead's coalition, a practice user's
    sessions to register staff for."""

    allowed_roles = WORKERS
    table_class = SessionTable
    filterset_class = SessionFilterSet
    template_name = "training/session_list.html"
    paginate_by = 25

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
            ctx["attendance_form"] = AttendanceForm(registrations=confirmed)
            ctx["attendance_open"] = (
                timezone.localdate(session.starts_at) <= timezone.localdate()
            )
        return ctx


class AttendanceView(RoleRequiredMixin, SessionManageMixin, View):
    allowed_roles = PLANNERS

    def post(self, request, pk):
        session = self.get_session()
        registrations = selectors.session_registrations(request.user, session).filter(
            status=Registration.Status.CONFIRMED
        )
        form = AttendanceForm(request.POST, registrations=registrations)
        form.is_valid()
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


# --- registrations --------------------------------------------------------------------


class SessionObjectMixin(ScopedObjectMixin):
    """A session the user sees, with its seat counts (404 outside the scope)."""

    def get_visible_queryset(self) -> QuerySet[Session]:
        return selectors.with_seats(access.visible_sessions(self.request.user))

    @property
    def session(self) -> Session:
        return self.object


class RegistrationCreateView(
    SessionObjectMixin, TrainingTabsMixin, RoleRequiredMixin, FormView
):
    """Register staff for a session: a practice user for their practice, a lead for
    any practice of the coalition."""

    allowed_roles = frozenset({Role.LEAD, Role.PRACTICE})
    form_class = RegistrationForm
    template_name = "training/register.html"

    def object_allowed(self, obj: Session) -> bool:
        return access.can_register_for(self.request.user, obj)

    def get_form_kwargs(self):
        practices = access.registrable_practices(
            self.request.user, self.session
        ).order_by("name")
        return {**super().get_form_kwargs(), "practices": practices}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        session = self.session
        ctx["session"] = session
        ctx["free"] = max(0, session.capacity - session.n_confirmed)
        ctx["mine"] = list(
            selectors.session_registrations(self.request.user, session).active()
        )
        return ctx

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            registration = services.registration_create(
                session=self.session,
                practice=data["practice"],
                name=data["name"],
                email=data["email"],
                role=data["role"],
                by=self.request.user,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        if registration.status == Registration.Status.CONFIRMED:
            messages.success(
                self.request,
                _("%(name)s is aangemeld; de bevestiging is per e-mail verstuurd.")
                % {"name": registration.name},
            )
        else:
            messages.warning(
                self.request,
                _(
                    "De sessie is vol: %(name)s staat op de wachtlijst en krijgt "
                    "bericht zodra er een plaats vrijkomt."
                )
                % {"name": registration.name},
            )
        return redirect("training:register", pk=self.session.pk)


def _safe_next(request, default: str) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if next_url.startswith("/scholing/") and "//" not in next_url:
        return next_url
    return default


class RegistrationCancelView(TrainingTabsMixin, RoleRequiredMixin, TemplateView):
    """Giving up a place asks first: GET shows what will happen, the POST of that
    page (with its confirm field) cancels and tells the person by e-mail."""

    allowed_roles = WORKERS
    template_name = "training/registration_cancel.html"

    def get_registration(self) -> Registration:
        registration = access.get_or_404(
            access.visible_registrations(self.request.user).select_related(
                "session__course", "practice"
            ),
            pk=self.kwargs["pk"],
        )
        if not access.can_cancel_registration(self.request.user, registration):
            raise PermissionDenied
        return registration

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        registration = kwargs.get("registration") or self.get_registration()
        ctx["registration"] = registration
        ctx["session"] = registration.session
        ctx["next"] = _safe_next(self.request, registration.session.get_manage_url())
        ctx["frees_place"] = registration.status == Registration.Status.CONFIRMED
        return ctx

    def post(self, request, pk):
        registration = self.get_registration()
        back = _safe_next(request, registration.session.get_manage_url())
        if registration.status == Registration.Status.CANCELLED:
            return redirect(back)
        if request.POST.get("confirm") != "yes":
            return self.render_to_response(
                self.get_context_data(registration=registration)
            )
        try:
            promoted = services.registration_cancel(registration=registration)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "De aanmelding van %(name)s is geannuleerd; %(name)s krijgt "
                    "hiervan bericht per e-mail."
                )
                % {"name": registration.name},
            )
            if promoted and access.can_manage_session(
                request.user, registration.session
            ):
                messages.info(
                    request,
                    _("%(name)s is van de wachtlijst geplaatst en heeft bericht.")
                    % {"name": promoted.name},
                )
        return redirect(back)


class CertificateView(RoleRequiredMixin, View):
    """A certificate for someone who attended: for the trainer, the lead and the
    person's own practice."""

    allowed_roles = WORKERS

    def get(self, request, pk):
        registration = access.get_or_404(
            access.visible_registrations(request.user).select_related(
                "session__course__coalition", "practice"
            ),
            pk=pk,
        )
        if registration.attendance != Registration.Attendance.ATTENDED:
            raise Http404
        pdf = exports.certificate_pdf(
            registration, base_url=request.build_absolute_uri("/")
        )
        name = f"certificaat-{slugify(registration.name)}-{registration.session_id}.pdf"
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# --- messages to participants ---------------------------------------------------------


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


# --- a practice's team ----------------------------------------------------------------


class TeamTrainingView(TrainingTabsMixin, RoleRequiredMixin, TemplateView):
    """Our team's training: who is registered, waiting (and where in line), who
    attended, and their certificates."""

    allowed_roles = frozenset({Role.PRACTICE, Role.LEAD, Role.OFFICE})
    template_name = "training/team_training.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        practice = access.get_or_404(
            access.team_training_practices(self.request.user), pk=self.kwargs["pk"]
        )
        ctx["practice"] = practice
        ctx["team"] = selectors.team_training(practice)
        ctx["coverage"] = selectors.coverage_for_practice(practice)
        return ctx


# --- courses --------------------------------------------------------------------------


class CourseListView(
    TrainingTabsMixin, RoleRequiredMixin, ExportMixin, SingleTableView
):
    allowed_roles = frozenset({Role.LEAD, Role.TRAINER, Role.OFFICE})
    export_name = _l("cursussen")
    table_class = CourseTable
    template_name = "training/course_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.courses_for(self.request.user)


class CourseCreateView(RoleRequiredMixin, CreateView):
    allowed_roles = PLANNERS
    form_class = CourseForm
    template_name = "training/course_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            services.course_save(course=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De cursus is opgeslagen."))
        return redirect("training:course_list")


class CourseUpdateView(CourseCreateView, UpdateView):
    def get_object(self, queryset=None):
        course = access.get_or_404(
            access.visible_courses(self.request.user), pk=self.kwargs["pk"]
        )
        if not access.can_manage_course(self.request.user, course):
            raise PermissionDenied
        return course


# --- coverage -------------------------------------------------------------------------


class CoverageListView(
    TrainingTabsMixin, RoleRequiredMixin, SingleTableMixin, FilterView
):
    """Practices and the roles they have trained; the gaps can be invited."""

    allowed_roles = frozenset({Role.LEAD, Role.OFFICE})
    table_class = CoverageTable
    filterset_class = CoverageFilterSet
    template_name = "training/coverage_list.html"
    paginate_by = 50

    def get_queryset(self):
        practices = access.visible_practices(self.request.user).filter(is_active=True)
        return selectors.practices_with_coverage(practices).order_by("name")

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        if not kwargs["data"]:
            kwargs["data"] = {"gaps": "true"}
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        practices = access.visible_practices(self.request.user)
        ctx["summary"] = selectors.coverage_summary(practices)
        ctx["can_invite"] = bool(access.scope(self.request.user).lead_coalitions)
        return ctx


class CoverageInviteView(RoleRequiredMixin, View):
    allowed_roles = frozenset({Role.LEAD})

    def post(self, request, pk=None):
        visible = access.visible_practices(request.user).filter(is_active=True)
        if pk is not None:
            practices = [access.get_or_404(visible, pk=pk)]
        else:
            practices = list(selectors.practices_with_gaps(visible))
        sent, failed = 0, []
        for practice in practices:
            if not access.can_invite_for_coverage(request.user, practice):
                raise PermissionDenied
            try:
                sent += services.coverage_invite(practice=practice, by=request.user)
            except ValidationError as exc:
                failed.append(f"{practice.name}: {' '.join(exc.messages)}")
        for message in failed[:5]:
            messages.error(request, message)
        if sent:
            messages.success(
                request, _("%(n)d uitnodiging(en) verstuurd.") % {"n": sent}
            )
        elif not failed:
            messages.info(
                request,
                _(
                    "Er is niets nieuws te versturen: deze uitnodigingen gingen al eerder."
                ),
            )
        next_url = request.POST.get("next", "")
        if next_url.startswith("/") and not next_url.startswith("//"):
            return redirect(next_url)
        return redirect("training:coverage")
