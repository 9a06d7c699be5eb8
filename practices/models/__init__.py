"""Models of the practices app, split by subject so each stays readable:
registry (practices, contacts), rollout (services, steps, history) and visits."""

from practices.models.registry import Practice, PracticeContact, PracticeQuerySet

__all__ = ["Practice", "PracticeContact", "PracticeQuerySet"]
