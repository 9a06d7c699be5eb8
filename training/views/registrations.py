"""Registrations: register staff, cancel, certificates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from coalition import access
from coalition.forms import add_service_errors
from coalition.models import Role
from coalition.views import RoleRequiredMixin
from training import exports, selectors, services
from training.forms import RegistrationForm
from training.models import Registration, Session
from training.views.base import WORKERS, SessionObjectMixin, TrainingTabsMixin


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
