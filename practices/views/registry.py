"""The registry in xlsx: import (plan, preview, confirm) and the template."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from coalition import access
from coalition.models import Role
from coalition.views import RoleRequiredMixin
from coalition.xlsx import xlsx_response
from practices import imports, services
from practices.forms import RegistryUploadForm
from practices.views.base import LEAD_OR_OFFICE

SESSION_KEY = "practices_registry_import"


class RegistryImportView(RoleRequiredMixin, TemplateView):
    """Upload → preview (nothing written) → confirm."""

    allowed_roles = frozenset({Role.LEAD})
    template_name = "practices/registry_import.html"

    def coalitions(self):
        return access.managed_coalitions(self.request.user).order_by("name")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("form", RegistryUploadForm(coalitions=self.coalitions()))
        return ctx

    def post(self, request):
        if "confirm" in request.POST:
            return self.confirm(request)
        form = RegistryUploadForm(
            request.POST, request.FILES, coalitions=self.coalitions()
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        coalition = form.cleaned_data["coalition"]
        upload = form.cleaned_data["file"]
        plan = services.registry_import(
            coalition=coalition, file=upload, commit=False, name=upload.name
        )
        token = ""
        previous = request.session.pop(SESSION_KEY, None)
        if previous:  # an earlier preview that was never confirmed
            default_storage.delete(previous["path"])
        if plan.valid:
            token = uuid.uuid4().hex
            upload.seek(0)
            path = default_storage.save(f"registry-imports/{token}.xlsx", upload)
            request.session[SESSION_KEY] = {
                "token": token,
                "path": path,
                "coalition": coalition.pk,
            }
        return self.render_to_response(
            self.get_context_data(
                form=form, plan=plan, token=token, coalition=coalition
            )
        )

    def confirm(self, request):
        stored = request.session.get(SESSION_KEY) or {}
        if (
            not stored
            or stored.get("token") != request.POST.get("token")
            # removed by the periodic clean-up of stale previews
            or not default_storage.exists(stored["path"])
        ):
            messages.error(
                request, _("Deze import is verlopen; upload het bestand opnieuw.")
            )
            return redirect("practices:import")
        coalition = access.get_or_404(self.coalitions(), pk=stored["coalition"])
        with default_storage.open(stored["path"], "rb") as f:
            plan = services.registry_import(
                coalition=coalition, file=f, commit=True, by=request.user
            )
        default_storage.delete(stored["path"])
        del request.session[SESSION_KEY]
        if not plan.committed:
            return self.render_to_response(
                self.get_context_data(plan=plan, coalition=coalition)
            )
        messages.success(
            request,
            _(
                "Import voltooid: %(new)s nieuw, %(changed)s gewijzigd, %(same)s ongewijzigd."
            )
            % {"new": plan.n_new, "changed": plan.n_changed, "same": plan.n_unchanged},
        )
        return redirect(reverse("practices:list") + f"?coalition={coalition.slug}")


class RegistryTemplateView(RoleRequiredMixin, View):
    allowed_roles = LEAD_OR_OFFICE

    def get(self, request):
        return xlsx_response(
            imports.registry_template(), name="praktijkregister-sjabloon", dated=False
        )
