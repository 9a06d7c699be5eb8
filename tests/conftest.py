"""Shared fixtures: small and explicit. Big data sets belong to the test that needs them."""

from __future__ import annotations

import pytest
from django.conf import settings

from coalition.models import Role
from tests.factories import CoalitionFactory, PracticeFactory, user_with_role

requires_postgres = pytest.mark.skipif(
    not settings.USING_POSTGRES, reason="needs PostgreSQL (runs in CI's second pass)"
)
requires_broker = pytest.mark.skipif(
    not settings.CELERY_BROKER_URL,
    reason="needs a real broker (runs in CI's second pass)",
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate limits live in the cache: every test starts with none used."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def coalition(db):
    return CoalitionFactory(name="Coalitie A", slug="coalitie-a")


@pytest.fixture
def other_coalition(db):
    return CoalitionFactory(name="Coalitie B", slug="coalitie-b")


@pytest.fixture
def practice(coalition):
    return PracticeFactory(coalition=coalition)


@pytest.fixture
def lead(coalition):
    return user_with_role(Role.LEAD, coalition=coalition, email="lead@a.example.test")


@pytest.fixture
def other_lead(other_coalition):
    return user_with_role(
        Role.LEAD, coalition=other_coalition, email="lead@b.example.test"
    )


@pytest.fixture
def practice_user(practice):
    return user_with_role(
        Role.PRACTICE, practice=practice, email="praktijk@a.example.test"
    )


@pytest.fixture
def trainer(coalition):
    return user_with_role(
        Role.TRAINER, coalition=coalition, email="trainer@a.example.test"
    )


@pytest.fixture
def funder(coalition):
    return user_with_role(
        Role.FUNDER, coalition=coalition, email="funder@a.example.test"
    )


@pytest.fixture
def office(db):
    return user_with_role(Role.OFFICE, email="office@example.test")


@pytest.fixture
def mfa_user():
    """Give a user a TOTP authenticator, as if they set up their app."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    def _activate(user):
        return TOTP.activate(user, generate_totp_secret())

    return _activate


@pytest.fixture
def client_for(client, mfa_user):
    """A test client logged in as `user` (with MFA set up and passed where required)."""

    def _login(user):
        from coalition.middleware import has_totp, mfa_required

        if mfa_required(user) and not has_totp(user):
            mfa_user(user)
        client.force_login(user)
        return client

    return _login
