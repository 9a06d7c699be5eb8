"""The login, password and sign-up pages speak as the platform (issue 10.16): "Inloggen",
the "u" register, no link to a closed registration, why someone was sent to log in, and
e-mails that name the platform and link to SITE_URL."""

from __future__ import annotations

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db

PAGES = [
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/signup/",
]
INFORMAL = re.compile(r"\b(je|jij|jouw|jou)\b", re.I)


@pytest.mark.parametrize("url", PAGES)
def test_pages_use_inloggen_and_u(client, url):
    html = client.get(url).content.decode()
    main = html.split("<main", 1)[1]
    assert "Aanmelden" not in main, url
    assert not INFORMAL.search(re.sub(r"<[^>]+>", " ", main)), url
    assert "Inloggen" in main or "inloggen" in main, url


def test_login_page_has_no_signup_link_and_labels(client):
    html = client.get("/accounts/login/").content.decode()
    assert "/accounts/signup/" not in html
    assert "Registreren" not in html
    assert re.search(r'<label[^>]*for="id_login"[^>]*>\s*E-mail', html)
    assert re.search(r'<label[^>]*for="id_password"[^>]*>\s*Wachtwoord', html)
    assert "Voor deze pagina moet u ingelogd zijn" not in html


def test_login_page_says_why_when_a_page_needs_a_login(client):
    response = client.get("/start/", follow=True)
    html = response.content.decode()
    assert "Voor deze pagina moet u ingelogd zijn" in html
    assert 'name="next" value="/start/"' in html


def test_reset_email_names_the_platform_and_site_url(client, settings, practice_user):
    settings.SITE_URL = "https://platform.example.nl"
    client.post(
        "/accounts/password/reset/",
        {"email": practice_user.email},
        HTTP_HOST="127.0.0.1",
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "127.0.0.1" not in message.body + message.subject
    assert settings.WAGTAIL_SITE_NAME in message.body
    assert settings.WAGTAIL_SITE_NAME in message.subject
    assert "https://platform.example.nl/accounts/password/reset/key/" in message.body
    assert not INFORMAL.search(message.body)
    assert "Hello" not in message.body
