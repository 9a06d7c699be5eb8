"""Pages of visits, follow-up actions and bottlenecks. Thin: scope via coalition.access,
read via selectors, write via services.

One module per area; this package re-exports the views for practices.visits.urls.
"""

from __future__ import annotations

from practices.visits.views.base import (
    LEADS,
    READERS,
    STAFF,
    CoalitionColumnMixin,
    ListPageMixin,
    visit_url,
)
from practices.visits.views.bottlenecks import (
    BottleneckCreateView,
    BottleneckDetailView,
    BottleneckInboxView,
    BottleneckListView,
    BottleneckOverviewView,
    BottleneckPassOnView,
    BottleneckResolveView,
    BottleneckUpdateView,
    BottleneckVendorReplyView,
)
from practices.visits.views.planning import (
    BulkPlanView,
    CalendarView,
    YearlyView,
)
from practices.visits.views.visits import (
    ActionCompleteView,
    ActionCreateView,
    ActionListView,
    BottleneckFromVisitView,
    VisitCancelView,
    VisitCreateView,
    VisitDetailView,
    VisitListView,
    VisitObjectMixin,
    VisitPostMixin,
    VisitReplyView,
    VisitShareView,
    VisitUpdateView,
)

__all__ = [
    "READERS",
    "STAFF",
    "LEADS",
    "visit_url",
    "ListPageMixin",
    "CoalitionColumnMixin",
    "VisitListView",
    "VisitCreateView",
    "VisitObjectMixin",
    "VisitUpdateView",
    "VisitDetailView",
    "VisitPostMixin",
    "VisitShareView",
    "VisitCancelView",
    "VisitReplyView",
    "ActionCreateView",
    "BottleneckFromVisitView",
    "ActionCompleteView",
    "ActionListView",
    "YearlyView",
    "BulkPlanView",
    "CalendarView",
    "BottleneckListView",
    "BottleneckInboxView",
    "BottleneckCreateView",
    "BottleneckUpdateView",
    "BottleneckDetailView",
    "BottleneckPassOnView",
    "BottleneckResolveView",
    "BottleneckVendorReplyView",
    "BottleneckOverviewView",
]
