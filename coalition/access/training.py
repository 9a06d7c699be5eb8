"""Training: courses, sessions, registrations, trainer feeds, coverage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from coalition.access.practices import visible_practices
from coalition.access.scoping import scope
from coalition.models import Coalition, Role, User

if TYPE_CHECKING:
    from typing import Any

    from django.db.models import Model

    from coalition.access.scoping import AnyUser
    from practices.models import Practice
    from training.models import (
        Course,
        Registration,
        Session,
        SessionMessage,
        TrainerFeed,
    )


# --- training (issue 5) ---------------------------------------------------------------


def _trainer_session_ids(user: AnyUser) -> QuerySet[Model, dict[str, Any]]:
    """Sessions the user gives (a subquery; trainers only)."""
    from training.models import Session

    return Session.trainers.through.objects.filter(
        user_id=user.pk, session__course__coalition__in=scope(user).trainer_coalitions
    ).values("session_id")


def visible_courses(user: AnyUser) -> QuerySet[Course]:
    """Leads, trainers and practice users see their coalition's courses; office all."""
    from training.models import Course

    s = scope(user)
    if s.office:
        return Course.objects.all()
    return Course.objects.filter(
        coalition__in=s.lead_coalitions | s.trainer_coalitions | s.practice_coalitions
    )


def public_sessions() -> QuerySet[Session]:
    """What anyone, visitors included, may see: every session, past ones too (their
    links are in confirmation e-mails and calendar files; the page says it was held)."""
    from training.models import Session

    return Session.objects.all()


def visible_sessions(user: AnyUser) -> QuerySet[Session]:
    """The sessions a user works with: leads their coalition's, trainers the ones they
    give, practice users their coalition's; office all; anyone else the public ones."""
    from training.models import Session

    s = scope(user)
    if s.office:
        return Session.objects.all()
    if not (s.lead_coalitions or s.trainer_coalitions or s.practice_coalitions):
        return public_sessions()
    condition = Q(course__coalition__in=s.lead_coalitions | s.practice_coalitions)
    if s.trainer_coalitions:
        condition |= Q(pk__in=_trainer_session_ids(user))
    return Session.objects.filter(condition)


def visible_registrations(user: AnyUser) -> QuerySet[Registration]:
    """A trainer sees only their own sessions' registrations, a practice user only their
    own practice's staff, a lead their coalition's; the office all."""
    from training.models import Registration

    s = scope(user)
    if s.office:
        return Registration.objects.all()
    condition = Q(session__course__coalition__in=s.lead_coalitions) | Q(
        practice__in=s.practice_ids
    )
    if s.trainer_coalitions:
        condition |= Q(session__in=_trainer_session_ids(user))
    return Registration.objects.filter(condition)


def public_trainer_feeds() -> QuerySet[TrainerFeed]:
    """Feeds of active trainers; reached only through their secret token."""
    from training.models import TrainerFeed

    return TrainerFeed.objects.filter(
        user__is_active=True, user__memberships__role=Role.TRAINER
    ).distinct()


def trainers_of(coalitions: QuerySet[Coalition]) -> QuerySet[User]:
    """The trainers of these coalitions (whom a session can be given by)."""
    return User.objects.filter(
        memberships__role=Role.TRAINER, memberships__coalition__in=coalitions
    ).distinct()


def training_coalitions(user: AnyUser) -> QuerySet[Coalition]:
    """Coalitions in which the user may plan courses and sessions (leads, trainers)."""
    s = scope(user)
    return Coalition.objects.filter(pk__in=s.lead_coalitions | s.trainer_coalitions)


def can_see_training_sessions(user: AnyUser) -> bool:
    """The logged-in "Sessies" list: leads, trainers, practice users and the office."""
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.trainer_coalitions or s.practice_ids)


def can_see_courses(user: AnyUser) -> bool:
    s = scope(user)
    return s.office or bool(s.lead_coalitions or s.trainer_coalitions)


def can_plan_training(user: AnyUser) -> bool:
    s = scope(user)
    return bool(s.lead_coalitions or s.trainer_coalitions)


def can_manage_session(user: AnyUser, session: Session) -> bool:
    """Leads manage their coalition's sessions; a trainer the sessions they give."""
    s = scope(user)
    coalition_id = session.course.coalition_id
    if coalition_id in s.lead_coalitions:
        return True
    return (
        coalition_id in s.trainer_coalitions
        and session.trainers.filter(pk=user.pk).exists()
    )


def can_manage_course(user: AnyUser, course: Course) -> bool:
    s = scope(user)
    return course.coalition_id in (s.lead_coalitions | s.trainer_coalitions)


def registrable_practices(user: AnyUser, session: Session) -> QuerySet[Practice]:
    """Practices for which the user may register staff on this session."""
    from practices.models import Practice

    s = scope(user)
    coalition_id = session.course.coalition_id
    qs = Practice.objects.filter(coalition_id=coalition_id, is_active=True)
    if coalition_id in s.lead_coalitions:
        return qs
    return qs.filter(pk__in=s.practice_ids)


def can_register_for(user: AnyUser, session: Session) -> bool:
    s = scope(user)
    coalition_id = session.course.coalition_id
    return coalition_id in (s.lead_coalitions | s.practice_coalitions)


def can_cancel_registration(user: AnyUser, registration: Registration) -> bool:
    s = scope(user)
    return registration.practice_id in s.practice_ids or can_manage_session(
        user, registration.session
    )


def can_message_participants(user: AnyUser, session: Session) -> bool:
    """Only the session's own trainers and the lead of its coalition write to its
    participants (not the office, not another coalition)."""
    return can_manage_session(user, session)


def visible_sent_messages(user: AnyUser, session: Session) -> QuerySet[SessionMessage]:
    """The messages sent to a session's participants, for those who may send them."""
    from training.models import SessionMessage

    if not can_message_participants(user, session):
        return SessionMessage.objects.none()
    return SessionMessage.objects.filter(session=session)


def team_training_practices(user: AnyUser) -> QuerySet[Practice]:
    """Practices whose team training a user may see: their own practice, a lead's
    coalition's practices, all for the office (the practice page's scope)."""
    return visible_practices(user)


def can_have_trainer_feed(user: AnyUser) -> bool:
    return bool(scope(user).trainer_coalitions)


def can_see_coverage(user: AnyUser) -> bool:
    s = scope(user)
    return s.office or bool(s.lead_coalitions)


def can_invite_for_coverage(user: AnyUser, practice: Practice) -> bool:
    return practice.coalition_id in scope(user).lead_coalitions


def session_list_kind(user: AnyUser) -> str:
    """What the logged-in session list is to this user, for its heading: "given" (a
    trainer's own sessions), "register" (a practice registering its staff) or "all"
    (a lead's or the office's coalition-wide list)."""
    roles = scope(user).roles
    if Role.TRAINER in roles and Role.LEAD not in roles:
        return "given"
    if Role.PRACTICE in roles and Role.LEAD not in roles:
        return "register"
    return "all"


def can_register_staff(user: AnyUser) -> bool:
    """A practice registers its own staff for sessions (the session list says how)."""
    return Role.PRACTICE in scope(user).roles
