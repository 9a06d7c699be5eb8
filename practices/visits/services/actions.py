"""Writes of follow-up actions: agreed at a visit, completed later."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from coalition.models import User
from practices.visits.models import (
    FollowUpAction,
    Visit,
)
from practices.visits.services.common import _check_visitors

if TYPE_CHECKING:
    pass


# --- follow-up actions ----------------------------------------------------------------


@transaction.atomic
def action_create(
    *,
    by: User,
    visit: Visit,
    description: str,
    owner: str,
    due_on: dt.date,
    owner_user: User | None = None,
) -> FollowUpAction:
    if owner == FollowUpAction.Owner.LEAD:
        owner_user = owner_user or by
        _check_visitors(visit.practice, [owner_user])
    else:
        owner_user = None
    action = FollowUpAction(
        visit=visit,
        description=(description or "").strip(),
        owner=owner,
        owner_user=owner_user,
        due_on=due_on,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_complete(
    *, by: User, action: FollowUpAction, done_on: dt.date | None = None
) -> FollowUpAction:
    action = FollowUpAction.objects.select_for_update().get(pk=action.pk)
    if action.done_on:
        return action
    action.done_on = done_on or timezone.localdate()
    action.full_clean()
    action.save(update_fields=["done_on"])
    return action
