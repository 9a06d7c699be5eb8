"""Cards on the start pages: a practice sees its questionnaire, a lead the response."""

from __future__ import annotations

from surveys import selectors
from surveys.models import Questionnaire


def practice_panel(request, practice) -> dict | None:
    items = selectors.practice_open_responses(practice)
    if not items:
        return None
    return {"practice": practice, "items": items}


def lead_panel(request, coalition) -> dict | None:
    questionnaires = list(
        selectors.questionnaires_with_counts(
            Questionnaire.objects.filter(coalition=coalition).exclude(
                status=Questionnaire.Status.DRAFT
            )
        ).order_by("-year", "-quarter")[:2]
    )
    if not questionnaires:
        return None
    return {"coalition": coalition, "questionnaires": questionnaires}
