"""What the questionnaire pages share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse

from coalition import access
from coalition.models import Role
from coalition.views import RoleRequiredMixin, ScopedObjectMixin
from surveys.models import Questionnaire

STAFF = frozenset({Role.LEAD, Role.OFFICE})


# The version of the answer a page started from, sent with every save of it.
BASE_FIELD = "_base"


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class QuestionnaireMixin(RoleRequiredMixin, ScopedObjectMixin):
    """Loads the questionnaire from the user's visible set (404 outside it, and where
    the user may not follow its progress); `manage` pages are its leads' (403)."""

    allowed_roles = STAFF
    manage = False

    def get_visible_queryset(self) -> QuerySet[Questionnaire]:
        return access.visible_questionnaires(self.request.user)

    def object_allowed(self, obj: Questionnaire) -> bool:
        user = self.request.user
        return access.can_see_survey_progress(user, obj) and (
            not self.manage or access.can_manage_questionnaire(user, obj)
        )

    def object_refused(self, obj: Questionnaire) -> HttpResponse:
        if not access.can_see_survey_progress(self.request.user, obj):
            raise Http404
        raise PermissionDenied

    @property
    def questionnaire(self) -> Questionnaire:
        return self.object

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["questionnaire"] = self.questionnaire
        ctx["can_manage"] = access.can_manage_questionnaire(
            self.request.user, self.questionnaire
        )
        return ctx
