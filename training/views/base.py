"""What the training pages share: roles, the tabs and the public header."""

from __future__ import annotations

from django.db.models import QuerySet

from coalition import access
from coalition.models import Role
from coalition.views import ScopedObjectMixin
from training import selectors
from training.models import Session

WORKERS = frozenset({Role.LEAD, Role.TRAINER, Role.PRACTICE, Role.OFFICE})


PLANNERS = frozenset({Role.LEAD, Role.TRAINER})


class TrainingTabsMixin:
    """What the Scholing tabs need on every page of the app."""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        ctx.setdefault("can_plan", access.can_plan_training(user))
        ctx.setdefault("can_see_sessions", access.can_see_training_sessions(user))
        ctx.setdefault("can_see_courses", access.can_see_courses(user))
        ctx.setdefault("can_see_coverage", access.can_see_coverage(user))
        ctx.setdefault("can_have_feed", access.can_have_trainer_feed(user))
        ctx.setdefault("can_register_staff", access.can_register_staff(user))
        ctx.setdefault("session_list_kind", access.session_list_kind(user))
        return ctx


class PublicHeaderMixin:
    """Public training pages wear the site's public header (menu and search), the
    same as the Wagtail pages."""

    def get_context_data(self, **kwargs):
        from content.selectors import section_links

        ctx = super().get_context_data(**kwargs)
        ctx["links"] = section_links()
        return ctx


class SessionObjectMixin(ScopedObjectMixin):
    """A session the user sees, with its seat counts (404 outside the scope)."""

    def get_visible_queryset(self) -> QuerySet[Session]:
        return selectors.with_seats(access.visible_sessions(self.request.user))

    @property
    def session(self) -> Session:
        return self.object
