"""Cards the training app puts on pages it does not own (see coalition.panels)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from coalition import access
from training import selectors
from training.models import Session


def practice_coverage(request: HttpRequest, practice) -> dict | None:
    """On the practice page: which roles have done the required module."""
    if (
        practice is None
        or not access.visible_practices(request.user).filter(pk=practice.pk).exists()
    ):
        return None
    return {
        "practice": practice,
        "coverage": selectors.coverage_for_practice(practice),
        "registrations": list(selectors.practice_registrations(practice)[:10]),
        "can_invite": access.can_invite_for_coverage(request.user, practice),
    }


def practice_start(request: HttpRequest, practice) -> dict | None:
    """On a practice user's start page: our registrations and our coverage."""
    if practice is None:
        return None
    return {
        "practice": practice,
        "coverage": selectors.coverage_for_practice(practice),
        "registrations": list(selectors.practice_registrations(practice)[:10]),
    }


def lead_coverage(request: HttpRequest, coalition) -> dict | None:
    """On the lead's start page: practices complete and with gaps, next sessions."""
    if coalition is None:
        return None
    practices = access.visible_practices(request.user).filter(coalition=coalition)
    upcoming = (
        access.visible_sessions(request.user)
        .filter(course__coalition=coalition, starts_at__gte=timezone.now())
        .filter(status=Session.Status.PLANNED)
    )
    return {
        "coalition": coalition,
        "summary": selectors.coverage_summary(practices),
        "n_upcoming": upcoming.count(),
    }


def trainer_sessions(request: HttpRequest, obj=None) -> dict | None:
    """On a trainer's start page: the next sessions they give."""
    return {
        "sessions": selectors.next_sessions_for_trainer(request.user),
        "trainer": request.user,
    }


def trainer_todo(request: HttpRequest, obj=None) -> dict | None:
    """On a trainer's start page: attendance still to mark, and this week's numbers."""
    return selectors.trainer_todo(request.user)
