"""Members-only documents (issue 14.2): served only through Wagtail's view with its
privacy check, stored under unguessable names, and for members of *that* coalition in
every door — download, search and the CMS chooser."""

from __future__ import annotations

import importlib
import re

import pytest
from django.urls import clear_url_caches

from coalition.models import Role
from content import services
from content.models import DocumentDownload
from tests.content.factories import ensure_home, make_document, make_image
from tests.factories import PracticeFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def private_docs(coalition, other_coalition):
    """Coalition A's members-only document, and a national members-only one."""
    ensure_home()
    services.section_create(coalition=coalition)
    services.section_create(coalition=other_coalition)
    own = services.collection_get_or_create(name=coalition.name)
    members_a = services.collection_get_or_create(name="Leden A", parent=own)
    services.collection_make_private(collection=members_a)
    national = services.collection_get_or_create(name="Alleen voor leden")
    services.collection_make_private(collection=national)
    return {
        "a": make_document(
            "Afsprakenlijst Coalitie A", "afspraken.pdf", collection=members_a
        ),
        "national": make_document(
            "Landelijke werkinstructie", "werkinstructie.pdf", collection=national
        ),
    }


@pytest.fixture
def media_served(settings):
    """The development set-up: Django serves MEDIA_ROOT (SERVE_MEDIA=1)."""
    import coalition.urls

    settings.SERVE_MEDIA = True
    importlib.reload(coalition.urls)
    clear_url_caches()
    yield
    settings.SERVE_MEDIA = False
    importlib.reload(coalition.urls)
    clear_url_caches()


def test_documents_are_stored_under_unguessable_names(private_docs):
    name = private_docs["a"].file.name
    assert re.fullmatch(r"documents/[0-9a-f]{32}/afspraken\.pdf", name), name
    # The download keeps the original name and goes through Wagtail's view.
    assert private_docs["a"].filename == "afspraken.pdf"
    assert private_docs["a"].url.startswith("/documents/")


def test_media_url_never_serves_documents(client, private_docs, media_served):
    doc = private_docs["a"]
    for path in (
        f"/media/{doc.file.name}",
        "/media/documents/afspraken.pdf",
        f"/media/images/../{doc.file.name}",
        f"/media/original_images/../{doc.file.name}",
    ):
        assert client.get(path).status_code == 404, path


def test_media_url_serves_images(client, media_served):
    image = make_image()
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("practice_a", 200),
        ("trainer_a", 200),
        ("lead_a", 200),
        ("office", 200),
        ("funder_a", 404),
        ("practice_b", 404),
        ("trainer_b", 404),
        ("lead_b", 404),
    ],
)
def test_coalition_document_is_for_members_of_that_coalition(
    client_for, coalition, other_coalition, private_docs, who, status
):
    role, _sep, which = who.partition("_")
    target = {"a": coalition, "b": other_coalition}.get(which)
    if role == "practice":
        user = user_with_role(Role.PRACTICE, practice=PracticeFactory(coalition=target))
    elif role == "office":
        user = user_with_role(Role.OFFICE)
    else:
        user = user_with_role(role, coalition=target)
    response = client_for(user).get(private_docs["a"].url)
    assert response.status_code == status
    if status == 404:
        assert not DocumentDownload.objects.exists()


def test_visitor_is_sent_to_login(client, private_docs):
    response = client.get(private_docs["a"].url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_national_members_only_is_for_members_not_funders(
    client_for, private_docs, practice_user, other_coalition, funder
):
    other_practice = user_with_role(
        Role.PRACTICE, practice=PracticeFactory(coalition=other_coalition)
    )
    url = private_docs["national"].url
    assert client_for(other_practice).get(url).status_code == 200
    assert client_for(funder).get(url).status_code == 404


def test_search_lists_a_coalitions_document_only_to_its_members(
    client_for, private_docs, practice_user, other_coalition
):
    other_practice = user_with_role(
        Role.PRACTICE, practice=PracticeFactory(coalition=other_coalition)
    )
    html = client_for(other_practice).get("/inhoud/zoeken/", {"q": "afsprakenlijst"})
    assert "Afsprakenlijst Coalitie A" not in html.content.decode()
    html = client_for(practice_user).get("/inhoud/zoeken/", {"q": "afsprakenlijst"})
    assert "Afsprakenlijst Coalitie A" in html.content.decode()


def test_cms_chooser_lists_only_the_leads_own_members_only_documents(
    client_for, private_docs, lead, other_lead
):
    html = client_for(other_lead).get("/cms/documents/chooser/").content.decode()
    assert "Landelijke werkinstructie" in html
    assert "Afsprakenlijst Coalitie A" not in html
    html = client_for(lead).get("/cms/documents/chooser/").content.decode()
    assert "Afsprakenlijst Coalitie A" in html
