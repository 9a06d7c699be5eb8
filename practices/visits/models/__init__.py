"""Practice visits, their follow-up actions and the bottlenecks they bring up.

A visit is planned, then held; its feedback reaches the practice only once a lead shares
it. What the practice looked like on the day (rollout, training, questionnaire figures)
is kept with the visit as a JSON snapshot, so a later change does not rewrite history.

These models lived in the practices app until issue 12; they moved without moving data,
so each keeps its table name (`practices_…`) in `Meta.db_table`.
"""

from __future__ import annotations

from practices.visits.models.bottlenecks import Bottleneck, CoalitionReply, VendorAnswer
from practices.visits.models.notices import VisitNotice
from practices.visits.models.visits import (
    FollowUpAction,
    Visit,
    VisitQuerySet,
    VisitReply,
)

__all__ = [
    "Visit",
    "VisitQuerySet",
    "VisitReply",
    "FollowUpAction",
    "Bottleneck",
    "VendorAnswer",
    "CoalitionReply",
    "VisitNotice",
]
