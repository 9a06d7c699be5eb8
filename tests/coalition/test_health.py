"""/health/: database and broker reachable → 200; otherwise 503."""

from __future__ import annotations

import pytest

from tests.conftest import requires_broker

pytestmark = pytest.mark.django_db


def test_health_ok_with_the_embedded_defaults(client, settings):
    settings.CELERY_BROKER_URL = None
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "broker": "in-process"},
    }


def test_health_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["broker"].startswith("error")


def test_health_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise ConnectionError("database down")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"].startswith("error")


@requires_broker
def test_health_ok_with_the_real_broker(client, settings):
    """In CI's second pass CELERY_BROKER_URL points at the machine's Redis."""
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"] == "ok"


def test_health_is_not_redirected_to_https(client, settings):
    """A load balancer probes over plain HTTP; every other page goes to HTTPS."""
    settings.SECURE_SSL_REDIRECT = True
    settings.CELERY_BROKER_URL = None
    assert client.get("/health/").status_code == 200
    assert client.get("/accounts/login/").status_code == 301
