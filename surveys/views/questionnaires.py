"""Leads and the programme office: questionnaires, invitations, progress, results."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView, TemplateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from coalition import access
from coalition.exports import ExportMixin
from coalition.models import Role
from coalition.views import RoleRequiredMixin
from coalition.xlsx import xlsx_response
from surveys import indicators, selectors, services
from surveys.exports import ResponsesExporter
from surveys.filters import (
    InvitePracticeFilterSet,
    QuestionnaireFilterSet,
    ResponseFilterSet,
)
from surveys.forms import (
    ImportForm,
    QuestionForm,
    QuestionnaireCreateForm,
    QuestionnaireEditForm,
)
from surveys.models import Question, Response
from surveys.tables import InvitePracticeTable, QuestionnaireTable, ResponseTable
from surveys.views.base import STAFF, QuestionnaireMixin, _error_text


class QuestionnaireListView(
    RoleRequiredMixin, ExportMixin, SingleTableMixin, FilterView
):
    allowed_roles = STAFF
    export_name = _l("vragenlijsten")
    table_class = QuestionnaireTable
    filterset_class = QuestionnaireFilterSet
    template_name = "surveys/questionnaire_list.html"
    table_pagination = {"per_page": 50}

    def get_queryset(self):
        return selectors.questionnaires_with_counts(
            access.visible_questionnaires(self.request.user)
        ).order_by("-year", "-quarter", "coalition__name")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["can_create"] = access.managed_coalitions(self.request.user).exists()
        return ctx


class QuestionnaireCreateView(RoleRequiredMixin, FormView):
    allowed_roles = frozenset({Role.LEAD})
    form_class = QuestionnaireCreateForm
    template_name = "surveys/questionnaire_form.html"

    def get_form_kwargs(self):
        user = self.request.user
        return {
            **super().get_form_kwargs(),
            "coalitions": access.managed_coalitions(user),
            "questionnaires": access.visible_questionnaires(user).filter(
                coalition__in=access.managed_coalitions(user)
            ),
        }

    def form_valid(self, form):
        d = form.cleaned_data
        common = {"year": d["year"], "quarter": d["quarter"], "opens": d["opens"],
                  "closes": d["closes"]}  # fmt: skip
        try:
            if d["start"] == form.Start.STANDARD:
                q = services.questionnaire_create_standard(
                    coalition=d["coalition"], **common
                )
            elif d["start"] == form.Start.COPY:
                q = services.questionnaire_copy(source=d["copy_from"], **common)
            else:
                q = services.questionnaire_create(coalition=d["coalition"], **common)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De vragenlijst is aangemaakt als concept."))
        return redirect("surveys:questionnaire_detail", pk=q.pk)


class QuestionnaireDetailView(QuestionnaireMixin, TemplateView):
    template_name = "surveys/questionnaire_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        q = self.questionnaire
        ctx["questions"] = q.questions.select_related("section", "show_if").order_by(
            "section__order", "section_id", "order", "pk"
        )
        ctx["progress"] = selectors.questionnaire_progress(q).total
        return ctx


class QuestionnaireEditView(QuestionnaireMixin, FormView):
    manage = True
    form_class = QuestionnaireEditForm
    template_name = "surveys/questionnaire_edit.html"

    def get_initial(self):
        q = self.questionnaire
        return {
            "title": q.title,
            "intro": q.intro,
            "opens": q.opens,
            "closes": q.closes,
            "reminder_days": ", ".join(str(d) for d in q.reminder_days or []),
        }

    def form_valid(self, form):
        try:
            services.questionnaire_update(
                questionnaire=self.questionnaire, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De vragenlijst is bijgewerkt."))
        return redirect("surveys:questionnaire_detail", pk=self.questionnaire.pk)


class QuestionnaireStatusView(QuestionnaireMixin, View):
    manage = True

    def post(self, request, *args, **kwargs):
        try:
            services.questionnaire_set_status(
                questionnaire=self.questionnaire, status=request.POST.get("status", "")
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            messages.success(request, _("De status is gewijzigd."))
        return redirect("surveys:questionnaire_detail", pk=self.questionnaire.pk)


class QuestionEditView(QuestionnaireMixin, FormView):
    """Add or change a question; only while the questionnaire is a draft."""

    manage = True
    form_class = QuestionForm
    template_name = "surveys/question_form.html"

    def get_question(self) -> Question:
        if "question_pk" not in self.kwargs:
            return Question(questionnaire=self.questionnaire)
        return access.get_or_404(
            self.questionnaire.questions.all(), pk=self.kwargs["question_pk"]
        )

    def get_form_kwargs(self):
        if not self.questionnaire.is_draft:
            raise PermissionDenied
        return {
            **super().get_form_kwargs(),
            "questionnaire": self.questionnaire,
            "instance": self.get_question(),
        }

    def form_valid(self, form):
        try:
            services.question_save(question=form.instance)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De vraag is opgeslagen."))
        return redirect("surveys:questionnaire_detail", pk=self.questionnaire.pk)


class InviteView(QuestionnaireMixin, SingleTableMixin, FilterView):
    """Pick practices with the filters; ‘invite’ invites exactly the filtered set."""

    manage = True
    filterset_class = InvitePracticeFilterSet
    template_name = "surveys/invite.html"

    def get_queryset(self):
        return (
            access.visible_practices(self.request.user)
            .filter(coalition=self.questionnaire.coalition_id, is_active=True)
            .select_related("member_organisation", "portal_vendor")
            .order_by("name")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["questionnaire"] = self.questionnaire
        return kwargs

    table_class = InvitePracticeTable

    def get_table_pagination(self, table):
        return {"per_page": 50}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["n_filtered"] = ctx["table"].paginator.count
        # The button counts the e-mails it sends: not yet invited, with an address.
        ctx["selection"] = selectors.invite_selection(
            self.questionnaire, self.object_list
        )
        return ctx

    def post(self, request, *args, **kwargs):
        filterset = InvitePracticeFilterSet(
            request.POST, queryset=self.get_queryset(), questionnaire=self.questionnaire
        )
        if not filterset.is_valid():
            messages.error(request, _("Controleer de filters."))
            return redirect(request.path)
        try:
            selection = selectors.invite_selection(self.questionnaire, filterset.qs)
            invited = services.responses_invite(
                questionnaire=self.questionnaire,
                practices=list(filterset.qs.filter(pk__in=selection.to_invite)),
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
            return redirect(request.path)
        messages.success(
            request,
            _("%(n)s praktijken uitgenodigd; de e-mails worden verstuurd.")
            % {"n": len(invited)},
        )
        return redirect("surveys:progress", pk=self.questionnaire.pk)


class ProgressView(QuestionnaireMixin, ExportMixin, SingleTableMixin, FilterView):
    """Invited, started, submitted — per member organisation and vendor, then per practice.

    A fixed number of queries at any size (asserted in the tests).
    """

    table_class = ResponseTable
    filterset_class = ResponseFilterSet
    template_name = "surveys/progress.html"
    table_pagination = {"per_page": 50}

    @property
    def export_name(self) -> str:
        return _("voortgang %(questionnaire)s") % {"questionnaire": self.questionnaire}

    def get_queryset(self):
        return (
            access.visible_responses(self.request.user)
            .filter(questionnaire=self.questionnaire)
            .select_related("practice__member_organisation", "practice__portal_vendor")
            .order_by("practice__name")
        )

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["questionnaire"] = self.questionnaire
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["progress"] = selectors.questionnaire_progress(self.questionnaire)
        if ctx["can_manage"] and self.questionnaire.accepts_answers_on(
            timezone.localdate()
        ):
            ctx["n_to_remind"] = selectors.reminder_selection(
                self.questionnaire, self.object_list, timezone.localdate()
            )
        return ctx


class ReminderSendView(QuestionnaireMixin, View):
    """‘Remind now’: the non-responders of the filtered set, never twice a day."""

    manage = True

    def post(self, request, *args, **kwargs):
        queryset = access.visible_responses(request.user).filter(
            questionnaire=self.questionnaire
        )
        filterset = ResponseFilterSet(
            request.POST, queryset=queryset, questionnaire=self.questionnaire
        )
        progress = reverse("surveys:progress", kwargs={"pk": self.questionnaire.pk})
        if not filterset.is_valid():
            messages.error(request, _("Controleer de filters."))
            return redirect(progress)
        try:
            sent = services.reminders_send_now(
                questionnaire=self.questionnaire,
                responses=filterset.qs,
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
        else:
            if sent:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s herinnering verstuurd.",
                        "%(n)s herinneringen verstuurd.",
                        sent,
                    )
                    % {"n": sent},
                )
            else:
                messages.info(
                    request,
                    _(
                        "Geen herinneringen verstuurd: wie nog niet instuurde, kreeg "
                        "vandaag al een herinnering (of heeft geen e-mailadres)."
                    ),
                )
        query = urlencode(
            {k: v for k, v in request.POST.items() if k in filterset.filters and v}
        )
        return redirect(f"{progress}?{query}" if query else progress)


class ResultsView(QuestionnaireMixin, TemplateView):
    """The indicators over the submitted responses, with median and quartiles."""

    template_name = "surveys/results.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        submitted = Response.objects.submitted().filter(
            questionnaire=self.questionnaire
        )
        ctx["results"] = list(indicators.compute(submitted).values())
        ctx["coverage"] = indicators.coverage(submitted)
        ctx["n_submitted"] = submitted.count()
        return ctx


class ExportView(QuestionnaireMixin, View):
    def get(self, request, *args, **kwargs):
        exporter = ResponsesExporter(self.questionnaire)
        return xlsx_response(exporter.render(), name=exporter.name, dated=False)


class ImportView(QuestionnaireMixin, FormView):
    """Upload → dry run with every error by row and column → confirm writes it all."""

    manage = True
    form_class = ImportForm
    template_name = "surveys/import.html"
    session_key = "surveys_import"

    def _path(self, token: str) -> str:
        return f"survey-imports/{self.questionnaire.pk}-{token}.xlsx"

    def form_valid(self, form):
        token = uuid.uuid4().hex
        path = default_storage.save(self._path(token), form.cleaned_data["file"])
        with default_storage.open(path, "rb") as f:
            report = services.responses_import(
                questionnaire=self.questionnaire,
                file=f,
                commit=False,
                by=self.request.user,
                submit_drafts=form.cleaned_data["submit_drafts"],
            )
        if report.ok:
            self.request.session[self.session_key] = {
                "token": token,
                "path": path,
                "submit_drafts": report.submit_drafts,
            }
        else:
            default_storage.delete(path)
        return self.render_to_response(
            self.get_context_data(
                form=form, report=report, token=token if report.ok else ""
            )
        )

    def post(self, request, *args, **kwargs):
        if "confirm" not in request.POST:
            return super().post(request, *args, **kwargs)
        pending = request.session.get(self.session_key) or {}
        if pending.get("token") != request.POST.get("token"):
            messages.error(
                request, _("Deze import is verlopen; upload het bestand opnieuw.")
            )
            return redirect(request.path)
        path = pending["path"]
        try:
            with default_storage.open(path, "rb") as f:
                report = services.responses_import(
                    questionnaire=self.questionnaire,
                    file=f,
                    commit=True,
                    by=request.user,
                    submit_drafts=bool(pending.get("submit_drafts")),
                )
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
            return redirect(request.path)
        finally:
            request.session.pop(self.session_key, None)
            default_storage.delete(path)
        if not report.ok:
            return self.render_to_response(
                self.get_context_data(form=ImportForm(), report=report, token="")
            )
        messages.success(
            request,
            _("%(n)s praktijken geïmporteerd (%(new)s nieuw, %(upd)s bijgewerkt).")
            % {"n": len(report.rows), "new": report.created, "upd": report.updated},
        )
        return redirect("surveys:progress", pk=self.questionnaire.pk)
