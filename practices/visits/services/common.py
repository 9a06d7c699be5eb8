"""What the visit services share: the site URL of a page, the one-row-per-submission
save, the conflict of two people saving one visit, and the checks of who may plan."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from coalition.models import User
from practices.visits import selectors
from practices.visits.models import (
    Visit,
)

if TYPE_CHECKING:
    from practices.models import Practice


def _url(name: str, **kwargs) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, kwargs=kwargs or None)


# --- one submission, one row ---------------------------------------------------------


class VisitConflict(ValidationError):
    """Someone else saved the visit after this form was opened; `current` is the visit
    as it is stored now, so the page can show what changed."""

    def __init__(self, current: Visit):
        super().__init__(
            _(
                "Iemand anders heeft dit bezoek opgeslagen nadat u het opende. Uw "
                "wijzigingen zijn niet opgeslagen. Hieronder staat wat nu is "
                "opgeslagen; neem over wat nodig is en sla opnieuw op."
            ),
            code="conflict",
        )
        self.current = current


def _save_once(obj, *, form_token: str | None, extra=None):
    """Save a new row carrying the form's one-time token; when the same form was
    submitted before (a double click), return the row it made instead.

    The unique token column decides, so two requests racing each other still make one
    row: the loser's insert fails and it returns the winner's row.
    """
    model = type(obj)
    if form_token:
        existing = model.objects.filter(form_token=form_token).first()
        if existing is not None:
            return existing, False
        obj.form_token = form_token
    try:
        with transaction.atomic():
            obj.save()
            if extra:
                extra(obj)
    except IntegrityError:
        if form_token:
            existing = model.objects.filter(form_token=form_token).first()
            if existing is not None:
                return existing, False
        raise
    return obj, True


def _check_visitors(practice: Practice, visitors: Iterable[User]) -> list[User]:
    visitors = list(visitors)
    allowed = set(
        selectors.lead_users([practice.coalition_id]).values_list("pk", flat=True)
    )
    wrong = [v for v in visitors if v.pk not in allowed]
    if wrong:
        raise ValidationError(
            {
                "visitors": _(
                    "Alleen projectleiders van de coalitie van deze praktijk kunnen "
                    "bezoeken: %(names)s."
                )
                % {"names": ", ".join(str(v) for v in wrong)}
            }
        )
    return visitors
