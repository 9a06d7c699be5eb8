"""Models of the practices app, split by subject so each stays readable:
registry (practices, contacts), rollout (services, steps, history) and visits."""

from practices.models.registry import Practice, PracticeContact, PracticeQuerySet
from practices.models.visits import (
    Bottleneck,
    FollowUpAction,
    Visit,
    VisitNotice,
    VisitReply,
)

__all__ = [
    "Bottleneck",
    "FollowUpAction",
    "Practice",
    "PracticeContact",
    "PracticeQuerySet",
    "Visit",
    "VisitNotice",
    "VisitReply",
]
