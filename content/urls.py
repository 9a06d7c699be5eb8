from django.urls import path

from content import views

app_name = "content"

urlpatterns = [
    path("materiaal/", views.ToolkitsRedirectView.as_view(), name="toolkits"),
    path("zoeken/", views.SearchView.as_view(), name="search"),
    path("gebruik/", views.MaterialUsageView.as_view(), name="usage_report"),
    path(
        "materiaal/collecties/",
        views.SectionCollectionsView.as_view(),
        name="section_collections",
    ),
    path(
        "materiaal/collecties/<int:pk>/alleen-leden/",
        views.CollectionMembersOnlyView.as_view(),
        name="collection_members_only",
    ),
]
