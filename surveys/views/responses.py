"""A response: read and reopen (leads), fill in (practice users)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from coalition import access
from coalition.models import Role
from coalition.views import RoleRequiredMixin, ScopedObjectMixin
from surveys import selectors, services
from surveys.forms import ReopenForm
from surveys.models import Question, Questionnaire, Response
from surveys.views.base import BASE_FIELD, _error_text


class ResponseMixin(LoginRequiredMixin, ScopedObjectMixin):
    def get_visible_queryset(self) -> QuerySet[Response]:
        return access.visible_responses(self.request.user).select_related(
            "practice__member_organisation", "submitted_by"
        )

    @property
    def response_obj(self) -> Response:
        return self.object


class ResponseDetailView(ResponseMixin, DetailView):
    template_name = "surveys/response_detail.html"
    context_object_name = "response_obj"

    def get_object(self, queryset=None):
        return self.response_obj

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        r = self.response_obj
        ctx["state"] = selectors.response_form_state(r, editable=False)
        ctx["events"] = r.events.select_related("by")
        ctx["can_reopen"] = r.is_submitted and access.can_reopen_response(
            self.request.user, r
        )
        ctx["can_fill"] = access.can_fill_response(self.request.user, r)
        ctx["can_continue"] = (
            ctx["can_fill"]
            and not r.is_submitted
            and r.questionnaire.accepts_answers_on(timezone.localdate())
        )
        ctx["reopen_form"] = ReopenForm()
        return ctx


class ResponseReopenView(ResponseMixin, FormView):
    form_class = ReopenForm
    template_name = "surveys/response_reopen.html"

    def post(self, request, *args, **kwargs):
        if not access.can_reopen_response(request.user, self.response_obj):
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not access.can_reopen_response(request.user, self.response_obj):
            raise PermissionDenied
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "response_obj": self.response_obj}

    def form_valid(self, form):
        try:
            services.response_reopen(
                response=self.response_obj,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Het antwoord is heropend."))
        return redirect("surveys:response_detail", pk=self.response_obj.pk)


class MyQuestionnairesView(RoleRequiredMixin, TemplateView):
    allowed_roles = frozenset({Role.PRACTICE})
    template_name = "surveys/my_questionnaires.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        practices = access.visible_practices(user).filter(
            pk__in=access.scope(user).practice_ids
        )
        ctx["practices"] = [
            {
                "practice": p,
                "open": selectors.practice_open_responses(p),
                "past": list(
                    access.visible_responses(user)
                    .filter(practice=p)
                    .exclude(questionnaire__status=Questionnaire.Status.OPEN)
                    .order_by("-questionnaire__year", "-questionnaire__quarter")
                ),
            }
            for p in practices
        ]
        return ctx


class ResponseStartView(RoleRequiredMixin, View):
    allowed_roles = frozenset({Role.PRACTICE})

    def post(self, request, pk, practice_pk):
        questionnaire = access.get_or_404(
            access.visible_questionnaires(request.user), pk=pk
        )
        practice = access.get_or_404(
            access.visible_practices(request.user).filter(
                pk__in=access.scope(request.user).practice_ids
            ),
            pk=practice_pk,
        )
        try:
            response = services.response_start(
                questionnaire=questionnaire, practice=practice
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
            return redirect("surveys:my")
        return redirect("surveys:response_form", pk=response.pk)


class FillMixin(ResponseMixin):
    """Only the practice's own users fill in; leads are sent to the read-only view."""

    def get_visible_queryset(self) -> QuerySet[Response]:
        return access.visible_responses(self.request.user)

    def object_allowed(self, obj: Response) -> bool:
        return access.can_fill_response(self.request.user, obj)

    def object_refused(self, obj: Response) -> HttpResponse:
        return redirect("surveys:response_detail", pk=obj.pk)

    def editable(self) -> bool:
        r = self.response_obj
        return not r.is_submitted and r.questionnaire.accepts_answers_on(
            timezone.localdate()
        )


class ResponseFormView(FillMixin, TemplateView):
    template_name = "surveys/response_form.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["response_obj"] = self.response_obj
        ctx.setdefault(
            "state",
            selectors.response_form_state(self.response_obj, editable=self.editable()),
        )
        return ctx

    def _unconfirmed_warnings(self, response: Response) -> list:
        """Warnings the person has not yet confirmed at ‘Versturen’ (none once ticked)."""
        if _confirmed(self.request):
            return []
        state = selectors.response_form_state(response, editable=True)
        return selectors.response_warnings(state)

    def post(self, request, *args, **kwargs):
        """Save every field; ‘submit’ also checks, asks to confirm warnings, and locks."""
        r = self.response_obj
        questions = list(r.questionnaire.questions.all())
        data = {
            q.code: (
                request.POST.getlist(q.code)
                if q.kind == Question.Kind.MULTIPLE
                else request.POST.get(q.code)
            )
            for q in questions
            if q.code in request.POST or q.kind == Question.Kind.MULTIPLE
        }
        bases = {
            q.code: request.POST[f"{BASE_FIELD}-{q.code}"]
            for q in questions
            if f"{BASE_FIELD}-{q.code}" in request.POST
        }
        try:
            errors = (
                services.answers_save(response=r, data=data, bases=bases)
                if data
                else {}
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
            return redirect("surveys:response_form", pk=r.pk)
        overrides = {code: (str(data[code] or ""), msg) for code, msg in errors.items()}
        if errors:
            messages.error(request, _("Niet alle antwoorden zijn goed ingevuld."))
        elif request.POST.get("action") == "submit" and not (
            warnings := self._unconfirmed_warnings(r)
        ):
            try:
                services.response_submit(response=r, by=request.user)
            except ValidationError as exc:
                required = (
                    {k: " ".join(v) for k, v in exc.message_dict.items()}
                    if hasattr(exc, "error_dict")
                    else {}
                )
                if not required:
                    messages.error(request, _error_text(exc))
                    return redirect("surveys:response_form", pk=r.pk)
                messages.error(
                    request,
                    _("Nog niet verstuurd: %(n)s verplichte vragen zijn leeg.")
                    % {"n": len(required)},
                )
                state = selectors.response_form_state(
                    r, editable=True, required_errors=required
                )
                return self.render_to_response(self.get_context_data(state=state))
            messages.success(request, _("Dank u wel! Uw antwoorden zijn ingestuurd."))
            return redirect("surveys:response_detail", pk=r.pk)
        elif request.POST.get("action") == "submit":
            state = selectors.response_form_state(r, editable=True)
            return self.render_to_response(
                self.get_context_data(state=state, confirm_warnings=warnings)
            )
        else:
            messages.success(request, _("Uw antwoorden zijn opgeslagen."))
        if errors:
            state = selectors.response_form_state(r, editable=True, overrides=overrides)
            return self.render_to_response(self.get_context_data(state=state))
        return redirect("surveys:response_form", pk=r.pk)


def _confirmed(request) -> bool:
    return request.POST.get("confirm_warnings") == "1"


class AnswerSaveView(FillMixin, View):
    """htmx: save one answer as it is typed; answer with the field and its message."""

    def post(self, request, pk, code):
        r = self.response_obj
        question = access.get_or_404(
            r.questionnaire.questions.select_related("show_if"), code=code
        )
        raw = (
            request.POST.getlist(code)
            if question.kind == Question.Kind.MULTIPLE
            else request.POST.get(code, "")
        )
        error = ""
        conflict = None
        base = request.POST.get(BASE_FIELD)
        try:
            services.answer_save(response=r, question=question, raw=raw, base=base)
        except services.AnswerConflict as exc:
            conflict = exc
        except ValidationError as exc:
            error = _error_text(exc)
        state = selectors.field_state(
            r,
            question,
            raw=raw if isinstance(raw, str) else None,
            error=error,
            saved=True,
            conflict=conflict,
        )
        related = []
        for other_code in selectors.RELATED_WARNINGS.get(code, []):
            other = (
                r.questionnaire.questions.select_related("show_if")
                .filter(code=other_code)
                .first()
            )
            if other is not None:
                related.append(selectors.field_state(r, other))
        from django.template.loader import render_to_string

        html = render_to_string(
            "surveys/includes/field.html",
            {"f": state, "response_obj": r, "editable": self.editable()},
            request=request,
        )
        for other in related:
            html += render_to_string(
                "surveys/includes/field.html",
                {
                    "f": other,
                    "response_obj": r,
                    "editable": self.editable(),
                    "oob": True,
                },
                request=request,
            )
        # 200 even for an invalid value: the field itself shows the message.
        return HttpResponse(html)
