from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView

from coalition import access, panels, selectors, services
from coalition.forms import InviteForm
from coalition.models import Role


class RoleRequiredMixin(LoginRequiredMixin):
    """Pages for some roles only; anyone else gets 403 (the page itself is no secret)."""

    allowed_roles: frozenset[str] = frozenset()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not (
            access.roles(request.user) & self.allowed_roles
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedObjectMixin:
    """The object a page is about, looked up in what the user may see.

    The view declares the visible queryset (from access), the URL keyword and
    optionally `object_allowed` (an access predicate). Outside the visible set the
    object does not exist (404); a visible object the predicate refuses answers
    `object_refused` (403 by default, 404 where the view hides it). The lookup runs in
    `dispatch`, before the handler, for logged-in users only (anyone else goes on to
    the login); the object is `self.object`.
    """

    lookup_field: str = "pk"
    lookup_url_kwarg: str = "pk"
    refused_status: int = 403
    object: Model

    def get_visible_queryset(self) -> QuerySet[Any]:
        raise NotImplementedError

    def object_allowed(self, obj: Any) -> bool:
        return True

    def object_refused(self, obj: Any) -> HttpResponse:
        if self.refused_status == 404:
            raise Http404
        raise PermissionDenied

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            self.object = access.get_or_404(
                self.get_visible_queryset(),
                **{self.lookup_field: kwargs[self.lookup_url_kwarg]},
            )
            if not self.object_allowed(self.object):
                return self.object_refused(self.object)
        return super().dispatch(request, *args, **kwargs)


class StartView(LoginRequiredMixin, TemplateView):
    """Each role's own start page: one section per capability the user has."""

    template_name = "coalition/start.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx["has_any_role"] = access.has_any_role(user)
        ctx["can_see_all_coalitions"] = access.can_see_all_coalitions(user)
        ctx["can_see_funded_coalitions"] = access.can_see_funded_coalitions(user)
        ctx["can_give_training"] = access.can_give_training(user)
        if access.can_see_lead_overview(user):
            ctx["lead_panels"] = [
                (
                    c,
                    selectors.coalition_overview(c),
                    panels.render_list("start:lead", self.request, c),
                )
                for c in access.managed_coalitions(user)
            ]
        if ctx["can_see_all_coalitions"]:
            ctx["office_coalitions"] = selectors.coalitions_side_by_side(
                access.visible_coalitions(user)
            )
            ctx["office_panels"] = panels.render_list("start:office", self.request)
        if ctx["can_see_funded_coalitions"]:
            funded = access.funded_coalitions(user)
            ctx["funder_coalitions"] = selectors.coalitions_side_by_side(funded)
            ctx["funder_grants"] = access.visible_grants(user).filter(
                coalition__in=access.funded_coalitions(user)
            )
            ctx["funder_panels"] = [
                panel
                for c in access.funded_coalitions(user)
                for panel in panels.render_list("start:funder", self.request, c)
            ]
        if access.can_see_own_practice(user):
            ctx["own_practices"] = [
                (p, panels.render_list("start:practice", self.request, p))
                for p in access.own_practices(user).select_related(
                    "member_organisation", "portal_vendor", "his_vendor"
                )
            ]
        if ctx["can_give_training"]:
            ctx["trainer_coalitions"] = access.trainer_coalitions(user)
            ctx["trainer_panels"] = panels.render_list("start:trainer", self.request)
        if access.can_see_vendor_inbox(user):
            ctx["vendor_panels"] = panels.render_list("start:vendor", self.request)
        return ctx


class CoalitionListView(RoleRequiredMixin, TemplateView):
    allowed_roles = frozenset({Role.LEAD, Role.OFFICE})
    template_name = "coalition/coalition_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["coalitions"] = selectors.coalitions_with_figures(
            access.visible_coalitions(self.request.user).filter(
                pk__in=access.report_coalitions(self.request.user)
            )
        )
        return ctx


class CoalitionDetailView(RoleRequiredMixin, DetailView):
    allowed_roles = frozenset({Role.LEAD, Role.OFFICE})
    template_name = "coalition/coalition_detail.html"
    context_object_name = "coalition"

    def get_object(self, queryset=None):
        user = self.request.user
        visible = access.visible_coalitions(user).filter(
            pk__in=access.report_coalitions(user)
        )
        return access.get_or_404(visible, slug=self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        c = self.object
        ctx["overview"] = selectors.coalition_overview(c)
        ctx["member_organisations"] = c.member_organisations.all()
        ctx["agreements"] = c.framework_agreements.select_related("vendor")
        return ctx


class InviteView(RoleRequiredMixin, FormView):
    # The office invites vendors' people only (issue 16; the form offers nothing else).
    allowed_roles = frozenset({Role.LEAD, Role.OFFICE})
    form_class = InviteForm
    template_name = "coalition/invite.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.user_invite(
                by=self.request.user,
                email=data["email"],
                role=data["role"],
                coalition=data.get("coalition"),
                practice=data.get("practice"),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
                vendor=data.get("vendor"),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Uitnodiging verstuurd naar %(email)s.") % {"email": data["email"]},
        )
        if not access.scope(self.request.user).lead_coalitions:
            return redirect("coalition:start")
        return redirect("coalition:user_list")


def health(request: HttpRequest) -> JsonResponse:
    """Is the database reachable, and the broker (when one is configured)?"""
    checks: dict[str, str] = {}
    ok = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - reported, not raised
        checks["database"] = f"error: {type(exc).__name__}"
        ok = False
    broker_url = settings.CELERY_BROKER_URL
    if not broker_url:
        checks["broker"] = "in-process"
    else:
        from kombu import Connection

        try:
            with Connection(broker_url, connect_timeout=2) as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            checks["broker"] = "ok"
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            checks["broker"] = f"error: {type(exc).__name__}"
            ok = False
    return JsonResponse(
        {"status": "ok" if ok else "unavailable", "checks": checks},
        status=200 if ok else 503,
    )
