"""What the training app registers: its menu items (coalition.navigation) and the cards
it puts on pages it does not own (coalition.panels). Called from TrainingConfig.ready()."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition import access, panels
from coalition import navigation as nav
from coalition.models import Role
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


def register() -> None:
    nav.register(
        nav.NavItem(
            _("Scholing"),
            "training:session_list",
            frozenset({Role.LEAD, Role.TRAINER, Role.PRACTICE, Role.OFFICE}),
            50,
        ),
        # Leads and the office reach the public calendar through the Scholing tabs;
        # their menu is full enough.
        nav.NavItem(
            _("Scholingsagenda"),
            "training:public_list",
            frozenset({Role.TRAINER, Role.PRACTICE, Role.FUNDER}),
            55,
        ),
    )
    panels.register(
        panels.Panel(
            slot="practice_detail",
            template="training/panels/practice_coverage.html",
            context=practice_coverage,
            order=30,
        ),
        panels.Panel(
            slot="start:practice",
            template="training/panels/practice_start.html",
            context=practice_start,
            order=30,
        ),
        panels.Panel(
            slot="start:lead",
            template="training/panels/lead_coverage.html",
            context=lead_coverage,
            order=30,
        ),
        panels.Panel(
            slot="start:trainer",
            template="training/panels/trainer_todo.html",
            context=trainer_todo,
            order=5,
        ),
        panels.Panel(
            slot="start:trainer",
            template="training/panels/trainer_sessions.html",
            context=trainer_sessions,
            order=10,
        ),
    )
