"""One way in (issue 14.1): allauth's login with its MFA step and rate limit. Wagtail's
and Django's own login views are not mounted; logout ends the server session."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.urls import Resolver404, resolve

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

OTHER_LOGIN_URLS = [
    "/cms/login/",
    "/_util/login/",
    "/django-admin/login/",
    "/cms/password_reset/",
]


@pytest.mark.parametrize("url", OTHER_LOGIN_URLS)
def test_other_login_forms_never_log_in_with_a_password(client, lead, mfa_user, url):
    mfa_user(lead)
    for data in (
        {"username": lead.email, "password": PASSWORD},
        {"login": lead.email, "password": PASSWORD},
        {"email": lead.email, "password": PASSWORD},
    ):
        response = client.post(f"{url}?next=/cms/", data)
        assert "_auth_user_id" not in client.session, url
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/"), url
    assert client.get("/cms/").status_code == 302


@pytest.mark.parametrize("url", ["/cms/login/", "/_util/login/"])
def test_other_login_urls_send_to_allauth_keeping_next(client, url):
    response = client.get(f"{url}?next=/cms/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fcms%2Fpages%2F"


def test_wagtail_admin_sends_visitor_to_allauth_login(client):
    response = client.get("/cms/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/cms/")


def test_the_other_login_views_are_not_mounted():
    from django.contrib.auth.views import LoginView
    from wagtail.admin.views.account import LoginView as WagtailLoginView

    for url in OTHER_LOGIN_URLS:
        try:
            match = resolve(url)
        except Resolver404:
            continue
        view_class = getattr(match.func, "view_class", None)
        assert view_class not in (LoginView, WagtailLoginView), url
        assert not (view_class and issubclass(view_class, LoginView)), url


def test_lead_with_mfa_is_asked_for_the_code_after_the_password(client, lead, mfa_user):
    mfa_user(lead)
    client.get("/cms/login/?next=/cms/", follow=True)
    response = client.post(
        "/accounts/login/?next=/cms/", {"login": lead.email, "password": PASSWORD}
    )
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", ["/cms/logout/", "/django-admin/logout/"])
def test_get_logout_does_nothing_and_post_ends_the_server_session(
    client_for, lead, url
):
    client = client_for(lead)
    key = client.session.session_key
    response = client.get(url)
    assert Session.objects.filter(session_key=key).exists()
    assert client.get("/start/").status_code == 200
    assert response.status_code in (200, 302, 405)

    response = client.post(url)
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    # The old cookie, replayed, is anonymous.
    replay = client.__class__()
    replay.cookies["sessionid"] = key
    assert replay.get("/start/").status_code == 302


def test_accounts_logout_ends_the_server_session(client_for, practice_user):
    client = client_for(practice_user)
    key = client.session.session_key
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()


@pytest.mark.parametrize("fixture", ["practice_user", "trainer", "funder"])
def test_cms_is_403_for_logged_in_users_without_cms_rights(
    request, client_for, fixture
):
    """No loop /cms/ → login → /cms/ for a user who is logged in but no editor."""
    client = client_for(request.getfixturevalue(fixture))
    for url in ("/cms/", "/cms/pages/", "/django-admin/"):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Geen toegang" in response.content.decode()


def test_cms_opens_for_a_lead(client_for, lead):
    assert client_for(lead).get("/cms/").status_code == 200


def test_cms_opens_for_the_office(client_for, office):
    """Issue 11.9: the programme office edits the national pages."""
    client = client_for(office)
    assert client.get("/cms/").status_code == 200
    assert client.get("/django-admin/").status_code == 403


def test_wrong_passwords_on_the_old_paths_count_for_the_lock(client, practice_user):
    """The old login paths post nowhere: after five failures at allauth's form, the
    right password is refused there too (there is no second form to try)."""
    for _ in range(5):
        client.post(
            "/accounts/login/",
            {"login": practice_user.email, "password": "fout-wachtwoord-9"},
        )
    for url in OTHER_LOGIN_URLS:
        client.post(url, {"username": practice_user.email, "password": PASSWORD})
    client.post(
        "/accounts/login/", {"login": practice_user.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
