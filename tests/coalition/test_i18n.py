"""The language switch: Dutch by default, English when chosen (catalogs per app)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.utils import translation

pytestmark = pytest.mark.django_db


def choose_english(client):
    """Choose English the way the switch in the header does."""
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/start/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client


def text(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("app", ["coalition", "practices", "training", "surveys"])
def test_every_app_has_an_english_catalog(app):
    """Each app's catalog is compiled and used: a label of that app is English."""
    labels = {
        "coalition": ("Leveranciers", "Vendors"),
        "practices": ("Knelpunten", "Bottlenecks"),
        "training": ("Scholing", "Training"),
        "surveys": ("Vragenlijsten", "Questionnaires"),
    }
    dutch, english = labels[app]
    with translation.override("en"):
        assert translation.gettext(dutch) == english
    with translation.override("nl"):
        assert translation.gettext(dutch) == dutch


def test_content_catalog_is_english():
    with translation.override("en"):
        assert translation.gettext("Laatste nieuws") == "Latest news"


def test_practice_user_start_page_in_english(client_for, practice_user, practice):
    client = choose_english(client_for(practice_user))
    html = text(client.get("/start/"))
    assert 'lang="en"' in html
    assert "Welcome" in html
    assert f"Your practice: {practice.name}" in html
    assert "AGB code" in html
    assert "Log out" in html
    assert "Welkom" not in html
    assert "Uw praktijk" not in html
    assert "Uitloggen" not in html


def test_lead_start_page_in_english(client_for, lead):
    client = choose_english(client_for(lead))
    html = text(client.get("/start/"))
    assert "Welcome" in html
    assert "active practices" in html
    assert "framework agreements" in html
    assert "Welkom" not in html
    assert "actieve praktijken" not in html
    assert "raamovereenkomsten" not in html


def test_login_page_in_english(client):
    choose_english(client)
    html = text(client.get("/accounts/login/"))
    assert "Skip to content" in html
    assert "Log in" in html
    assert "Naar de inhoud" not in html
    assert "Inloggen" not in html


def test_dutch_is_the_default(client, client_for, lead):
    login = text(client.get("/accounts/login/"))
    assert "Naar de inhoud" in login
    assert "Skip to content" not in login

    html = text(client_for(lead).get("/start/"))
    assert 'lang="nl"' in html
    assert "Welkom" in html
    assert "actieve praktijken" in html
    assert "Welcome" not in html
    assert "active practices" not in html


def test_switching_back_to_dutch(client_for, practice_user):
    client = choose_english(client_for(practice_user))
    assert "Welcome" in text(client.get("/start/"))
    client.post("/i18n/setlang/", {"language": "nl", "next": "/start/"})
    html = text(client.get("/start/"))
    assert "Welkom" in html
    assert "Welcome" not in html
