"""The users of a lead's coalition (issue 11.4): the list with role, practice, last
login and two-factor state; one person's page with their roles, what changed and the
actions a lead takes (change a role, move to another practice, deactivate, reactivate,
send the invitation again). Rules in `coalition.access` (block "users"), writes in
`coalition.services_users`.
"""

from __future__ import annotations

import django_tables2 as tables
from allauth.mfa.models import Authenticator
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import SingleTableView

from coalition import access
from coalition import services_users as services
from coalition.exports import ExportMixin
from coalition.forms import bootstrap
from coalition.models import Membership, Role, User, UserEvent
from coalition.tables import DateTimeColumn
from coalition.views import RoleRequiredMixin

LEAD_ONLY = frozenset({Role.LEAD})


def users_for(user: User):
    """The lead's users, each with their roles in the lead's coalitions prefetched
    (`managed`) and whether two-factor login is on (`has_mfa`)."""
    mine = Membership.objects.filter(
        coalition__in=access.scope(user).lead_coalitions
    ).select_related("coalition", "practice")
    return (
        access.admin_users(user)
        .annotate(
            has_mfa=Exists(
                Authenticator.objects.filter(
                    user=OuterRef("pk"), type=Authenticator.Type.TOTP
                )
            )
        )
        .prefetch_related(Prefetch("memberships", queryset=mine, to_attr="managed"))
    )


class UserAdminTable(tables.Table):
    name = tables.Column(
        verbose_name=gettext_lazy("Naam"),
        accessor="email",
        order_by=("last_name", "first_name", "email"),
        linkify=("coalition:user_admin_detail", {"pk": tables.A("pk")}),
    )
    email = tables.Column(verbose_name=gettext_lazy("E-mail"))
    roles = tables.Column(
        verbose_name=gettext_lazy("Rol"), empty_values=(), orderable=False
    )
    practices = tables.Column(
        verbose_name=gettext_lazy("Praktijk"), empty_values=(), orderable=False
    )
    last_login = DateTimeColumn(verbose_name=gettext_lazy("Laatst ingelogd"))
    has_mfa = tables.BooleanColumn(verbose_name=gettext_lazy("Tweestapsverificatie"))
    is_active = tables.BooleanColumn(verbose_name=gettext_lazy("Actief"))

    class Meta:
        model = User
        fields = (
            "name",
            "email",
            "roles",
            "practices",
            "last_login",
            "has_mfa",
            "is_active",
        )
        order_by = "name"

    def render_name(self, record):
        return record.get_full_name() or record.email

    def value_name(self, record):
        return record.get_full_name() or record.email

    def render_roles(self, record):
        labels = sorted({str(m.get_role_display()) for m in record.managed})
        return ", ".join(labels)

    def render_practices(self, record):
        names = sorted({m.practice.name for m in record.managed if m.practice})
        return format_html_join(", ", "{}", ((n,) for n in names)) or "—"

    def value_practices(self, record):
        return ", ".join(
            sorted({m.practice.name for m in record.managed if m.practice})
        )


class UserAdminListView(RoleRequiredMixin, ExportMixin, SingleTableView):
    allowed_roles = LEAD_ONLY
    table_class = UserAdminTable
    template_name = "coalition/users/user_list.html"
    table_pagination = {"per_page": 50}
    export_name = gettext_lazy("Gebruikers")

    def get_queryset(self):
        return users_for(self.request.user)


class MembershipForm(forms.Form):
    """One role of the person in one coalition: its role and (practice users) practice."""

    role = forms.ChoiceField(
        label=gettext_lazy("Rol"),
        choices=[c for c in Role.choices if c[0] != Role.OFFICE],
    )
    practice = forms.ModelChoiceField(
        label=gettext_lazy("Praktijk"),
        queryset=None,
        required=False,
        help_text=gettext_lazy("Alleen voor een praktijkgebruiker."),
    )

    def __init__(self, *args, user, membership: Membership, **kwargs):
        kwargs.setdefault(
            "initial", {"role": membership.role, "practice": membership.practice_id}
        )
        kwargs.setdefault("prefix", f"m{membership.pk}")
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["practice"].queryset = (
            access.visible_practices(user)
            .filter(coalition=membership.coalition_id, is_active=True)
            .order_by("name")
        )
        bootstrap(self)


class _UserMixin(RoleRequiredMixin):
    allowed_roles = LEAD_ONLY

    def get_target(self) -> User:
        return access.get_or_404(users_for(self.request.user), pk=self.kwargs["pk"])

    def done(self, message: str):
        messages.success(self.request, message)
        return redirect("coalition:user_admin_detail", pk=self.kwargs["pk"])


def user_history(user: User, coalitions) -> list[dict]:
    """What changed, newest first: the membership's history rows (role, practice) in
    the lead's coalitions and the account events."""
    rows = []
    history = list(
        Membership.history.filter(user_id=user.pk, coalition_id__in=coalitions)
        .select_related("history_user", "practice", "coalition")
        .order_by("history_date", "history_id")
    )
    previous: dict[int, object] = {}
    for h in history:
        before = previous.get(h.id)
        if h.history_type == "+":
            what = _("rol %(role)s toegekend") % {"role": h.get_role_display()}
        elif h.history_type == "-":
            what = _("rol %(role)s beëindigd") % {"role": h.get_role_display()}
        elif before is not None and before.role != h.role:
            what = _("rol gewijzigd van %(old)s in %(new)s") % {
                "old": before.get_role_display(),
                "new": h.get_role_display(),
            }
        elif before is not None and before.practice_id != h.practice_id:
            what = _("verhuisd van %(old)s naar %(new)s") % {
                "old": before.practice.name if before.practice else "—",
                "new": h.practice.name if h.practice else "—",
            }
        else:
            what = _("rol %(role)s opgeslagen") % {"role": h.get_role_display()}
        if h.practice_id and not (
            before is not None and before.practice_id != h.practice_id
        ):
            what = f"{what} ({h.practice.name})"
        previous[h.id] = h
        rows.append({"at": h.history_date, "by": h.history_user, "what": what})
    for event in UserEvent.objects.filter(user=user).select_related("by"):
        rows.append({"at": event.at, "by": event.by, "what": event.get_kind_display()})
    rows.sort(key=lambda r: r["at"], reverse=True)
    return rows


class UserAdminDetailView(_UserMixin, TemplateView):
    template_name = "coalition/users/user_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        lead = self.request.user
        target = self.get_target()
        ctx["person"] = target
        ctx["is_self"] = target.pk == lead.pk
        ctx["forms"] = kwargs.get("forms") or [
            MembershipForm(user=lead, membership=m) for m in target.managed
        ]
        ctx["can_deactivate"] = access.can_deactivate_user(lead, target)
        ctx["invitation_pending"] = (
            target.is_active
            and target.last_login is None
            and not target.has_usable_password()
        )
        ctx["history"] = user_history(target, access.scope(lead).lead_coalitions)
        return ctx


class MembershipChangeView(_UserMixin, View):
    """Save one role of the person: a changed role, or (same role) another practice."""

    http_method_names = ["post"]

    def post(self, request, pk: int, mpk: int):
        target = self.get_target()
        membership = next((m for m in target.managed if m.pk == mpk), None)
        if membership is None:
            return redirect("coalition:user_admin_detail", pk=pk)
        form = MembershipForm(request.POST, user=request.user, membership=membership)
        if form.is_valid():
            role, practice = form.cleaned_data["role"], form.cleaned_data["practice"]
            try:
                if role == membership.role == Role.PRACTICE:
                    services.membership_move_practice(
                        by=request.user, membership=membership, practice=practice
                    )
                    return self.done(_("Gebruiker verhuisd naar %s.") % practice)
                services.membership_change_role(
                    by=request.user, membership=membership, role=role, practice=practice
                )
                return self.done(_("Rol gewijzigd."))
            except ValidationError as exc:
                form.add_error(None, exc)
        view = UserAdminDetailView(request=request, kwargs=self.kwargs)
        forms_ = [
            form
            if m.pk == membership.pk
            else MembershipForm(user=request.user, membership=m)
            for m in target.managed
        ]
        return view.render_to_response(view.get_context_data(forms=forms_), status=400)


class _UserActionView(_UserMixin, View):
    http_method_names = ["post"]
    action = staticmethod(services.user_deactivate)
    message = ""

    def refusal(self, target: User) -> str:
        """Why the lead may not do this to this account ("" when they may)."""
        return ""

    def post(self, request, pk: int):
        target = self.get_target()
        if refusal := self.refusal(target):
            messages.error(request, refusal)
            return redirect("coalition:user_admin_detail", pk=pk)
        try:
            type(self).action(by=request.user, user=target)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
            return redirect("coalition:user_admin_detail", pk=pk)
        return self.done(str(self.message))


class UserDeactivateView(_UserActionView):
    action = staticmethod(services.user_deactivate)
    message = gettext_lazy("Account gedeactiveerd; de gebruiker is uitgelogd.")

    def refusal(self, target: User) -> str:
        if access.can_deactivate_user(self.request.user, target):
            return ""
        if target.pk == self.request.user.pk:
            return _("U kunt uw eigen account niet deactiveren.")
        return _(
            "Dit account heeft ook een rol buiten uw coalitie(s); vraag het "
            "programmabureau om het te deactiveren."
        )


class UserReactivateView(_UserActionView):
    action = staticmethod(services.user_reactivate)
    message = gettext_lazy("Account opnieuw geactiveerd.")

    def refusal(self, target: User) -> str:
        if not access.can_deactivate_user(self.request.user, target):
            raise PermissionDenied
        return ""


class UserResendInvitationView(_UserActionView):
    action = staticmethod(services.user_resend_invitation)
    message = gettext_lazy("Uitnodiging opnieuw verstuurd.")
