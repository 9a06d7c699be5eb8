"""Pages of the training app. Thin: scope via coalition.access, read via selectors,
write via services.

One module per area; this package re-exports the views for training.urls.
"""

from __future__ import annotations

from training.views.base import (
    PLANNERS,
    WORKERS,
    PublicHeaderMixin,
    SessionObjectMixin,
    TrainingTabsMixin,
)
from training.views.courses import (
    CourseCreateView,
    CourseListView,
    CourseUpdateView,
    CoverageInviteView,
    CoverageListView,
    TeamTrainingView,
)
from training.views.public import (
    CalendarFeedView,
    PublicSessionDetailView,
    PublicSessionListView,
    SessionIcsView,
    TrainerFeedManageView,
    TrainerFeedView,
)
from training.views.registrations import (
    CertificateView,
    RegistrationCancelView,
    RegistrationCreateView,
)
from training.views.sessions import (
    AttendanceView,
    AttendeeExportView,
    SessionCancelView,
    SessionCreateView,
    SessionDetailView,
    SessionListView,
    SessionManageMixin,
    SessionMessageView,
    SessionUpdateView,
)

__all__ = [
    "WORKERS",
    "PLANNERS",
    "TrainingTabsMixin",
    "PublicHeaderMixin",
    "SessionObjectMixin",
    "PublicSessionListView",
    "PublicSessionDetailView",
    "CalendarFeedView",
    "TrainerFeedView",
    "TrainerFeedManageView",
    "SessionIcsView",
    "SessionListView",
    "SessionManageMixin",
    "SessionCreateView",
    "SessionUpdateView",
    "SessionCancelView",
    "SessionDetailView",
    "AttendanceView",
    "AttendeeExportView",
    "SessionMessageView",
    "RegistrationCreateView",
    "RegistrationCancelView",
    "CertificateView",
    "TeamTrainingView",
    "CourseListView",
    "CourseCreateView",
    "CourseUpdateView",
    "CoverageListView",
    "CoverageInviteView",
]
