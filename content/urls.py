from django.urls import path

from content import views

app_name = "content"

urlpatterns = [
    path("materiaal/", views.ToolkitsRedirectView.as_view(), name="toolkits"),
    path("zoeken/", views.SearchView.as_view(), name="search"),
    path("gebruik/", views.MaterialUsageView.as_view(), name="usage_report"),
]
