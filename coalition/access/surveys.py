"""Surveys: questionnaires and responses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from coalition.access.scoping import scope

if TYPE_CHECKING:
    from coalition.access.scoping import AnyUser
    from surveys.models import Questionnaire, Response


# --- surveys (issue 7) ----------------------------------------------------------------


def visible_questionnaires(user: AnyUser) -> QuerySet[Questionnaire]:
    """Leads: their coalitions' questionnaires; practice users: the ones put out to their
    practice's coalition (not drafts); office: all."""
    from surveys.models import Questionnaire

    s = scope(user)
    qs = Questionnaire.objects.select_related("coalition")
    if s.office:
        return qs
    return qs.filter(
        Q(coalition__in=s.lead_coalitions)
        | (
            Q(coalition__in=s.practice_coalitions)
            & ~Q(status=Questionnaire.Status.DRAFT)
        )
    )


def visible_responses(user: AnyUser) -> QuerySet[Response]:
    """A practice user sees only their own practice's responses; another practice's
    response does not exist for them (404). Leads: their coalitions'; office: all."""
    from surveys.models import Response

    s = scope(user)
    qs = Response.objects.select_related("questionnaire__coalition", "practice")
    if s.office:
        return qs
    return qs.filter(
        Q(questionnaire__coalition__in=s.lead_coalitions)
        | Q(practice__in=s.practice_ids)
    )


def can_manage_questionnaire(user: AnyUser, questionnaire: Questionnaire) -> bool:
    return questionnaire.coalition_id in scope(user).lead_coalitions


def can_fill_response(user: AnyUser, response: Response) -> bool:
    """Only the practice's own users fill in its questionnaire (not even its lead)."""
    return response.practice_id in scope(user).practice_ids


def can_reopen_response(user: AnyUser, response: Response) -> bool:
    return response.questionnaire.coalition_id in scope(user).lead_coalitions


def can_see_survey_progress(user: AnyUser, questionnaire: Questionnaire) -> bool:
    s = scope(user)
    return s.office or questionnaire.coalition_id in s.lead_coalitions
