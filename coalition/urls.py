from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from coalition import audit_views, views

urlpatterns = [
    path("health/", views.health, name="health"),
    path(".well-known/security.txt", audit_views.security_txt, name="security_txt"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("coalition.urls_app")),
    path("praktijken/", include("practices.urls")),
    path("bezoeken/", include("practices.visits.urls")),
    path("scholing/", include("training.urls")),
    path("vragenlijsten/", include("surveys.urls")),
    path("inhoud/", include("content.urls")),
]

if settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            r"^media/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Wagtail serves every other path: the public site.
urlpatterns += [path("", include(wagtail_urls))]
