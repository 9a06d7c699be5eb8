"""Wagtail's admin answers a malformed or empty post with its form again or a 400,
never a 500 (issue 14, hole 5)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(lead, client_for):
    client = Client(raise_request_exception=True)  # a 500 fails with its traceback
    client.cookies = client_for(lead).cookies
    return client


def test_an_empty_post_to_the_external_link_chooser_shows_the_form_again(editor):
    url = reverse("wagtailadmin_choose_page_external_link")
    assert url == "/cms/choose-external-link/"
    response = editor.post(url)
    assert response.status_code == 200
    answer = response.json()
    assert answer["step"] == "external_link"  # the form again, not a chosen link
    assert "error-message" in answer["html"]  # "this field is required"


def test_the_external_link_chooser_still_chooses_a_link(editor):
    response = editor.post(
        "/cms/choose-external-link/",
        {
            "external-link-chooser-url": "https://example.nl/folder",
            "external-link-chooser-link_text": "Folder",
        },
    )
    answer = response.json()
    assert answer["step"] == "external_link_chosen"
    assert answer["result"]["url"] == "https://example.nl/folder"
    assert answer["result"]["title"] == "Folder"


def test_the_chooser_is_for_editors_only(practice_user, client_for):
    response = client_for(practice_user).post("/cms/choose-external-link/")
    assert response.status_code == 403
