"""Members-only pages and documents, and the download counter."""

from __future__ import annotations

import pytest
from django.utils import timezone

from content import services
from content.models import DocumentDownload, StandardPage
from tests.content.factories import add_page, ensure_home, make_document, toolkit_site

pytestmark = pytest.mark.django_db


def test_private_page_sends_visitor_to_login_and_serves_practice_user(
    client, client_for, practice_user
):
    page = add_page(ensure_home(), StandardPage(title="Voor leden", slug="voor-leden"))
    services.page_make_private(page=page)

    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/voor-leden/")

    response = client_for(practice_user).get(page.url)
    assert response.status_code == 200
    assert "Voor leden" in response.content.decode()


def test_private_document_sends_visitor_to_login_and_serves_practice_user(
    client, client_for, practice_user
):
    site = toolkit_site()
    letter = site["letter"]

    response = client.get(letter.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not DocumentDownload.objects.exists()  # a refused request is no download

    response = client_for(practice_user).get(letter.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_toolkit_page_marks_members_only_material(client):
    site = toolkit_site()
    html = client.get(site["toolkit"].url).content.decode()
    assert "Alleen voor leden" in html
    assert "Inloggen en downloaden" in html
    assert f'href="{site["flyer"].url}" download' in html


def test_download_counted_once_with_the_practice(client_for, practice_user, practice):
    flyer = toolkit_site()["flyer"]
    client = client_for(practice_user)

    response = client.get(flyer.url)
    assert response.status_code == 200
    b"".join(response.streaming_content)

    row = DocumentDownload.objects.get()
    assert row.document == flyer
    assert row.practice == practice
    assert row.month == timezone.localdate().replace(day=1)

    # the browser revalidating its cached copy is not a second download
    again = client.get(flyer.url, HTTP_IF_NONE_MATCH=f'"{flyer.file_hash}"')
    assert again.status_code == 304
    assert DocumentDownload.objects.count() == 1

    client.get(flyer.url)
    assert DocumentDownload.objects.filter(practice=practice).count() == 2


def test_visitor_download_counted_without_practice(client):
    flyer = toolkit_site()["flyer"]
    assert client.get(flyer.url).status_code == 200
    row = DocumentDownload.objects.get()
    assert row.practice is None and row.user is None


def test_markup_document_is_never_shown_inline(client):
    """Should an HTML or SVG file ever be stored, it is served as an opaque
    attachment with a CSP that forbids everything."""
    for name, data in (
        ("pagina.html", b"<html><script>alert(1)</script></html>"),
        ("plaatje.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>"),
    ):
        doc = make_document(name, name, data)
        response = client.get(doc.url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Content-Security-Policy"] == "default-src 'none'"
        assert response["X-Content-Type-Options"] == "nosniff"
