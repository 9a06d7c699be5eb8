"""The content demo: complete, and the same after a second run."""

from __future__ import annotations

import datetime as dt

import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page

from coalition.demo import content as demo
from content.models import ArticlePage, EHealthTypePage, ToolkitPage
from tests.content.factories import ensure_home

pytestmark = pytest.mark.django_db


def counts():
    return (
        Page.objects.count(),
        get_document_model().objects.count(),
        get_image_model().objects.count(),
    )


def test_demo_content_complete_and_idempotent(coalition, client):
    ensure_home()
    demo.load(today=dt.date(2026, 11, 23))
    first = counts()
    demo.load(today=dt.date(2026, 11, 23))
    assert counts() == first

    assert EHealthTypePage.objects.live().count() == 7
    assert ArticlePage.objects.live().count() == 3
    toolkit = ToolkitPage.objects.get(slug="communicatietoolkit")
    kinds = [block.block_type for block in toolkit.items]
    assert kinds.count("document") == 3 and "infographic" in kinds
    assert ToolkitPage.objects.filter(slug="animatie-patientenportaal").exists()

    documents = {d.title: d for d in get_document_model().objects.all()}
    flyer = documents["Wachtkamerflyer: uw huisarts, ook online"]
    assert flyer.file.read(5) == b"%PDF-"
    letter = documents["Informatiebrief voor patiënten (sjabloon)"]
    assert CollectionViewRestriction.objects.filter(
        collection=letter.collection
    ).exists()
    assert client.get(letter.url).status_code == 302
    infographic = get_image_model().objects.get(title="Infographic: aanbod en gebruik")
    assert infographic.file.read(8) == b"\x89PNG\r\n\x1a\n"
    assert client.get(toolkit.url).status_code == 200
