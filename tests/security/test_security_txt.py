"""RFC 9116: /.well-known/security.txt names the operator's security contact."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_security_txt_names_the_contact_and_expires_in_the_future(client, settings):
    settings.SECURITY_CONTACT = "beveiliging@coalitie.example.test"
    r = client.get("/.well-known/security.txt")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/plain")
    fields = dict(
        line.split(": ", 1) for line in r.content.decode().splitlines() if line
    )
    assert fields["Contact"] == "mailto:beveiliging@coalitie.example.test"
    expires = dt.datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=dt.UTC
    )
    assert timezone.now() < expires < timezone.now() + dt.timedelta(days=366)
    assert fields["Canonical"].endswith("/.well-known/security.txt")


def test_security_txt_only_answers_get(client):
    assert client.post("/.well-known/security.txt").status_code == 405
