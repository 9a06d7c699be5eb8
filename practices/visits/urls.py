from django.urls import path

from practices.visits import vendor_views, views

app_name = "visits"

urlpatterns = [
    path("", views.VisitListView.as_view(), name="visit_list"),
    path("nieuw/", views.VisitCreateView.as_view(), name="visit_create"),
    path("jaarplanning/", views.YearlyView.as_view(), name="yearly"),
    path("jaarplanning/plannen/", views.BulkPlanView.as_view(), name="plan_bulk"),
    path("kalender/", views.CalendarView.as_view(), name="calendar"),
    path("<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("<int:pk>/bewerken/", views.VisitUpdateView.as_view(), name="visit_update"),
    path("<int:pk>/delen/", views.VisitShareView.as_view(), name="visit_share"),
    path("<int:pk>/reageren/", views.VisitReplyView.as_view(), name="visit_reply"),
    path(
        "<int:pk>/laten-vervallen/",
        views.VisitCancelView.as_view(),
        name="visit_cancel",
    ),
    path("<int:pk>/acties/", views.ActionCreateView.as_view(), name="action_create"),
    path(
        "<int:pk>/knelpunten/",
        views.BottleneckFromVisitView.as_view(),
        name="visit_bottleneck_create",
    ),
    path("acties/", views.ActionListView.as_view(), name="action_list"),
    path(
        "acties/<int:pk>/afronden/",
        views.ActionCompleteView.as_view(),
        name="action_complete",
    ),
    path("knelpunten/", views.BottleneckListView.as_view(), name="bottleneck_list"),
    path(
        "knelpunten/nieuw/",
        views.BottleneckCreateView.as_view(),
        name="bottleneck_create",
    ),
    path(
        "knelpunten/programmabureau/",
        views.BottleneckInboxView.as_view(),
        name="bottleneck_inbox",
    ),
    path(
        "knelpunten/overzicht/",
        views.BottleneckOverviewView.as_view(),
        name="bottleneck_overview",
    ),
    path(
        "knelpunten/<int:pk>/",
        views.BottleneckDetailView.as_view(),
        name="bottleneck_detail",
    ),
    path(
        "knelpunten/<int:pk>/bewerken/",
        views.BottleneckUpdateView.as_view(),
        name="bottleneck_update",
    ),
    path(
        "knelpunten/<int:pk>/doorgeven/",
        views.BottleneckPassOnView.as_view(),
        name="bottleneck_pass_on",
    ),
    path(
        "knelpunten/<int:pk>/oplossen/",
        views.BottleneckResolveView.as_view(),
        name="bottleneck_resolve",
    ),
    path(
        "knelpunten/<int:pk>/reactie-leverancier/",
        views.BottleneckVendorReplyView.as_view(),
        name="bottleneck_vendor_reply",
    ),
    # A vendor's user (issue 16): what was passed on to their vendor, and answering.
    path("leverancier/", vendor_views.VendorHomeView.as_view(), name="vendor_home"),
    path(
        "leverancier/knelpunten/<int:pk>/",
        vendor_views.VendorBottleneckView.as_view(),
        name="vendor_bottleneck",
    ),
]
