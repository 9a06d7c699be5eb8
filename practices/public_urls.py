"""The public practice pages (no login): see practices.public_views."""

from django.urls import path

from practices import public_views

app_name = "practices_public"

urlpatterns = [
    path("", public_views.FinderView.as_view(), name="finder"),
    path("<slug:slug>/", public_views.PublicPracticeView.as_view(), name="page"),
    path(
        "<slug:slug>/afdrukken/",
        public_views.PublicPracticePrintView.as_view(),
        name="print",
    ),
]
