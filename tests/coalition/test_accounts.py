"""Accounts: login by e-mail, MFA for leads, trainers and the office, rate limits,
passwords, sessions, invitations."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

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


def test_a_removed_authenticator_counts_from_the_next_request(client_for, lead):
    """Whether MFA is set up comes with the memberships, read again on every request:
    an authenticator removed mid-session sends the lead to set it up at once."""
    from allauth.mfa.models import Authenticator

    client = client_for(lead)
    assert client.get("/start/").status_code == 200
    Authenticator.objects.filter(user=lead).delete()
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"].startswith(TOTP_SETUP)


def test_roles_and_mfa_set_up_come_in_one_query(client_for, lead):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(lead)
    client.get("/start/")
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/start/").status_code == 200
    mfa = [q["sql"] for q in ctx.captured_queries if '"mfa_authenticator"' in q["sql"]]
    assert len(mfa) == 1
    assert 'FROM "coalition_membership"' in mfa[0]


def test_trainer_must_set_up_mfa_too(client, trainer):
    login(client, trainer.email)
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"].startswith(TOTP_SETUP)


@pytest.mark.parametrize("fixture", ["practice_user", "funder"])
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


# --- the login limit: per account and address (issue 14.7) ----------------------------


def test_failures_for_made_up_accounts_do_not_lock_out_a_real_user(
    client, practice_user
):
    for n in range(8):
        login(client, f"verzonnen{n}@example.test", "wrong-password")
    login(client, practice_user.email)
    assert client.session["_auth_user_id"] == str(practice_user.pk)


def test_failures_from_one_address_do_not_lock_the_account_elsewhere(
    client, practice_user
):
    for _ in range(6):
        client.post(
            "/accounts/login/",
            {"login": practice_user.email, "password": "wrong-password"},
            REMOTE_ADDR="203.0.113.66",
        )
    # The attacker's address is locked, even with the right password ...
    client.post(
        "/accounts/login/",
        {"login": practice_user.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.66",
    )
    assert "_auth_user_id" not in client.session
    # ... the user at their own address is not.
    client.post(
        "/accounts/login/",
        {"login": practice_user.email, "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
    )
    assert client.session["_auth_user_id"] == str(practice_user.pk)


def test_x_forwarded_for_is_ignored_without_a_trusted_proxy(client, practice_user):
    for n in range(6):
        client.post(
            "/accounts/login/",
            {"login": practice_user.email, "password": "wrong-password"},
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    login(client, practice_user.email)
    assert "_auth_user_id" not in client.session


def test_behind_the_proxy_each_client_address_counts_apart(
    client, settings, practice_user
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(6):
        client.post(
            "/accounts/login/",
            {"login": practice_user.email, "password": "wrong-password"},
            # The attacker's own first entry is not believed: the proxy's is last.
            HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.66",
            **proxy,
        )
    client.post(
        "/accounts/login/",
        {"login": practice_user.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    assert client.session["_auth_user_id"] == str(practice_user.pk)


def test_password_spraying_from_one_address_is_stopped(client, practice_user):
    for n in range(30):
        login(client, f"verzonnen{n}@example.test", "wrong-password")
    login(client, practice_user.email)
    assert "_auth_user_id" not in client.session


def test_the_second_step_is_throttled(client, lead, mfa_user):
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    secret = generate_totp_secret()
    TOTP.activate(lead, secret)
    login(client, lead.email)
    for _ in range(5):
        client.post("/accounts/2fa/authenticate/", {"code": "000000"})
        assert "_auth_user_id" not in client.session
    counter = next(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counter))
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert "_auth_user_id" not in client.session
    assert re.search(r"[Tt]e veel", response.content.decode())


# --- passwords and sessions (issue 14.14) ---------------------------------------------


@pytest.mark.parametrize(
    ("password", "message"),
    [("kort-wacht1", "password_too_short"), ("password1234", "password_too_common")],
)
def test_password_rules(practice_user, password, message):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        validate_password(password, practice_user)
    assert [e.code for e in exc.value.error_list] == [message]
    validate_password("een-lang-en-eigen-zinnetje", practice_user)


def test_session_key_rotates_at_login(client, practice_user):
    client.get("/accounts/login/")
    before = client.session.session_key
    login(client, practice_user.email)
    assert client.session["_auth_user_id"] == str(practice_user.pk)
    assert client.session.session_key != before


def test_password_change_ends_the_other_sessions(practice_user):
    elsewhere = Client()
    login(elsewhere, practice_user.email)
    here = Client()
    login(here, practice_user.email)
    new = "een-nieuw-lang-wachtwoord"
    response = here.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    assert here.get("/start/").status_code == 200
    assert elsewhere.get("/start/").status_code == 302


def test_deactivated_user_is_logged_out_at_once(client_for, practice_user):
    client = client_for(practice_user)
    assert client.get("/start/").status_code == 200
    practice_user.is_active = False
    practice_user.save(update_fields=["is_active"])
    response = client.get("/start/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_idle_session_ends(client_for, practice_user, settings):
    import time_machine

    settings.SESSION_IDLE_MINUTES = 30
    with time_machine.travel("2026-03-02 09:00 +0100", tick=False) as traveller:
        client = client_for(practice_user)
        assert client.get("/start/").status_code == 200
        traveller.shift(29 * 60)
        assert client.get("/start/").status_code == 200
        # Activity keeps it alive; 31 idle minutes end it.
        traveller.shift(29 * 60)
        assert client.get("/start/").status_code == 200
        key = client.session.session_key
        traveller.shift(31 * 60)
        assert client.get("/start/").status_code == 302
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=key).exists()


# --- invitations never take over an existing account (issue 14.8) ---------------------


def _invite(client, *, email, role, coalition, practice=None):
    data = {"email": email, "role": role, "coalition": coalition.pk}
    if practice is not None:
        data["practice"] = practice.pk
    return client.post("/gebruikers/uitnodigen/", data)


def _accept_link(message) -> str:
    link = re.search(r"https?://\S+(/uitnodiging/\S+/)", message.body)
    assert link, message.body
    return link.group(1)


def test_inviting_another_coalitions_practice_user_needs_their_acceptance(
    client_for, lead, other_coalition, django_capture_on_commit_callbacks
):
    from tests.factories import PracticeFactory

    theirs = user_with_role(
        Role.PRACTICE,
        practice=PracticeFactory(coalition=other_coalition),
        email="elders@b.example.test",
    )
    client = client_for(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client,
            email="Elders@B.example.test",
            role=Role.FUNDER,
            coalition=lead.memberships.get().coalition,
        )
    assert response.status_code == 302
    # Nothing changed on the account: no role in the lead's coalition.
    assert list(
        Membership.objects.filter(user=theirs).values_list("role", flat=True)
    ) == [Role.PRACTICE]
    assert len(mail.outbox) == 1
    path = _accept_link(mail.outbox[0])

    # The lead (or anyone else) cannot accept it for them.
    assert client.post(path).status_code == 400
    assert not Membership.objects.filter(user=theirs, role=Role.FUNDER).exists()

    # The owner, logged in, sees the offer and accepts it.
    owner = Client()
    owner.force_login(theirs)
    assert "Uitnodiging aannemen" in owner.get(path).content.decode()
    assert owner.post(path).status_code == 302
    assert Membership.objects.filter(
        user=theirs, role=Role.FUNDER, coalition=lead.memberships.get().coalition
    ).exists()
    # Once.
    assert owner.post(path).status_code == 400


def test_the_accept_link_needs_a_login(client, lead, practice_user):
    from coalition import services

    services.user_invite(
        by=lead,
        email=practice_user.email,
        role=Role.TRAINER,
        coalition=lead.memberships.get().coalition,
    )
    response = client.get("/uitnodiging/abc/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_tampered_link_is_refused(client_for, practice_user):
    client = client_for(practice_user)
    response = client.post("/uitnodiging/eyJ1IjoxfQ:1abc:def/")
    assert response.status_code == 400
    assert "niet (meer) geldig" in response.content.decode()


def test_the_office_account_is_never_invited(
    client_for, lead, office, django_capture_on_commit_callbacks
):
    client = client_for(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client,
            email=office.email,
            role=Role.TRAINER,
            coalition=lead.memberships.get().coalition,
        )
    # The lead sees the usual answer (the account's existence is not told) ...
    assert response.status_code == 302
    # ... and nothing is sent or changed.
    assert len(mail.outbox) == 0
    assert list(
        Membership.objects.filter(user=office).values_list("role", flat=True)
    ) == [Role.OFFICE]
