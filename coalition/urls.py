from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from coalition import audit_views, auth_views, views
from content import admin_views as content_admin_views

# One way in: allauth's login (with its MFA step and rate limits). The login, logout and
# password views that Wagtail and Django's admin bring along are replaced here, before
# their own patterns, so that no second login form exists.
auth_redirects = [
    re_path(r"^cms/login/$", auth_views.to_login),
    re_path(r"^cms/logout/$", auth_views.LogoutView.as_view()),
    re_path(r"^cms/password_reset/", auth_views.to_password_reset),
    re_path(r"^django-admin/login/$", auth_views.to_login),
    re_path(r"^django-admin/logout/$", auth_views.LogoutView.as_view()),
    re_path(r"^django-admin/password_change/", auth_views.to_password_change),
    re_path(r"^_util/login/$", auth_views.to_login),
]

urlpatterns = [
    *auth_redirects,
    path("health/", views.health, name="health"),
    path(".well-known/security.txt", audit_views.security_txt, name="security_txt"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("django-admin/", admin.site.urls),
    # Wagtail's external-link chooser answered a post without its field with a 500.
    path(
        "cms/choose-external-link/",
        content_admin_views.external_link_chooser,
        name="wagtailadmin_choose_page_external_link",
    ),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("coalition.urls_app")),
    path("praktijken/", include("practices.urls")),
    path("bezoeken/", include("practices.visits.urls")),
    path("scholing/", include("training.urls")),
    path("vragenlijsten/", include("surveys.urls")),
    path("inhoud/", include("content.urls")),
    path("huisarts-online/", include("practices.public_urls")),
]

if settings.SERVE_MEDIA:
    from content.views import serve_public_media

    # Images only: documents go through Wagtail's view with its privacy check.
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", serve_public_media)]

# Wagtail serves every other path: the public site.
urlpatterns += [path("", include(wagtail_urls))]
