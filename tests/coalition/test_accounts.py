"""Accounts: login by e-mail, MFA for leads and the office, rate limits, invitations."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from coalition.models import EmailMessage, Membership, Role, User
from tests.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db

TOTP_SETUP = "/accounts/2fa/totp/activate/"


def login(client, email, password=PASSWORD):
    return client.post("/accounts/login/", {"login": email, "password": password})


@pytest.mark.parametrize("role", [Role.LEAD, Role.OFFICE])
def test_mfa_is_required_before_any_page(client, coalition, role):
    user = user_with_role(role, coalition=coalition if role == Role.LEAD else None)
    response = login(client, user.email)
    assert response.status_code == 302
    for url in ("/start/", "/coalities/", "/cms/", "/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(TOTP_SETUP), url
    # Setting up MFA (after confirming the password once more), logging out and the
    # health check stay reachable.
    setup = client.get(TOTP_SETUP, follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    assert client.get("/health/").status_code == 200


def test_lead_with_totp_must_enter_the_code_at_login(client, lead, mfa_user):
    mfa_user(lead)
    response = login(client, lead.email)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    # Not logged in until the code is given.
    assert client.get("/start/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_lead_with_totp_reaches_pages(client_for, lead):
    assert client_for(lead).get("/start/").status_code == 200


@pytest.mark.parametrize("fixture", ["practice_user", "trainer", "funder"])
def test_mfa_not_forced_on_other_roles(request, client, fixture):
    user = request.getfixturevalue(fixture)
    login(client, user.email)
    assert client.get("/start/").status_code == 200


def test_demo_users_exempt_only_when_the_setting_allows(client, settings, coalition):
    lead = user_with_role(Role.LEAD, coalition=coalition, is_demo=True)
    settings.MFA_EXEMPT_DEMO_USERS = True
    login(client, lead.email)
    assert client.get("/start/").status_code == 200
    settings.MFA_EXEMPT_DEMO_USERS = False
    assert client.get("/start/")["Location"].startswith(TOTP_SETUP)


def test_login_is_by_email_and_rate_limited(client, practice_user):
    for _ in range(5):
        response = login(client, practice_user.email, "wrong-password")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    # The sixth attempt is refused even with the right password.
    response = login(client, practice_user.email)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)
    assert re.search(r"[Tt]e veel", response.content.decode())


def test_signup_is_closed(client):
    """Nobody signs up alone: a lead invites people."""
    response = client.post(
        "/accounts/signup/",
        {"email": "self@example.test", "password1": "x" * 12, "password2": "x" * 12},
    )
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert not User.objects.filter(email="self@example.test").exists()


def test_password_reset_sends_an_email(client, practice_user):
    response = client.post("/accounts/password/reset/", {"email": practice_user.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert practice_user.email in mail.outbox[0].to


def test_lead_invites_a_practice_user_with_a_one_time_link(
    client_for, lead, practice, django_capture_on_commit_callbacks
):
    client = client_for(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/gebruikers/uitnodigen/",
            {
                "email": "Nieuw@Praktijk.example.test",
                "first_name": "Nina",
                "last_name": "Nieuw",
                "role": Role.PRACTICE,
                "coalition": practice.coalition.pk,
                "practice": practice.pk,
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@praktijk.example.test")
    assert not user.has_usable_password()
    assert Membership.objects.filter(
        user=user, role=Role.PRACTICE, practice=practice
    ).exists()
    assert len(mail.outbox) == 1
    link = re.search(
        r"https?://\S+/accounts/password/reset/key/\S+", mail.outbox[0].body
    )
    assert link, mail.outbox[0].body
    path = "/" + link.group(0).split("/", 3)[3]

    visitor = client.__class__()
    page = visitor.get(path, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else path
    new_password = "een-nieuw-wachtwoord-42"
    done = visitor.post(
        form_url, {"password1": new_password, "password2": new_password}
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    # The link works once.
    again = visitor.get(path, follow=True)
    assert "password1" not in again.content.decode()


def test_invite_is_refused_for_another_coalition(client_for, lead, other_coalition):
    client = client_for(lead)
    response = client.post(
        "/gebruikers/uitnodigen/",
        {
            "email": "x@example.test",
            "role": Role.TRAINER,
            "coalition": other_coalition.pk,
        },
    )
    assert response.status_code == 200  # the form shows the error
    assert not User.objects.filter(email="x@example.test").exists()
    assert EmailMessage.objects.count() == 0


def test_practice_role_needs_a_practice(client_for, lead, coalition):
    client = client_for(lead)
    response = client.post(
        "/gebruikers/uitnodigen/",
        {"email": "p@example.test", "role": Role.PRACTICE, "coalition": coalition.pk},
    )
    assert "Kies de praktijk" in response.content.decode()
    assert not User.objects.filter(email="p@example.test").exists()
