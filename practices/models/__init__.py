"""Models of the practices app, split by subject so each stays readable:
registry (practices, contacts), rollout (services, steps, history), change proposals
and public page views. The visits have an app of their own: `practices.visits`."""

from practices.models.registry import Practice, PracticeContact, PracticeQuerySet
from practices.models.rollout import (
    DeadlineState,
    Reason,
    Rollout,
    RolloutChange,
    ServiceDeadline,
    Step,
)

__all__ = [
    "DeadlineState",
    "Practice",
    "PracticeContact",
    "PracticeQuerySet",
    "Reason",
    "Rollout",
    "RolloutChange",
    "ServiceDeadline",
    "Step",
]

from practices.models.proposals import ChangeProposal  # noqa: E402
from practices.models.public import PublicPageViews  # noqa: E402

__all__ += ["ChangeProposal", "PublicPageViews"]
