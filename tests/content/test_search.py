"""Search over pages and documents handles Dutch words."""

from __future__ import annotations

import pytest

from content.models import ToolkitIndexPage, ToolkitPage
from content.search_backend import dutch_stem, fts5_query, variants
from tests.content.factories import add_page, ensure_home, make_document

pytestmark = pytest.mark.django_db


def test_dutch_stems():
    assert dutch_stem("wachtkamers") == "wachtkamer"
    assert dutch_stem("praktijken") == "praktijk"
    assert {"afsprak", "afspraak"} <= variants("afspraken")
    assert "afsprak" in variants("afspraak")
    assert "brief" in variants("brieven")
    assert fts5_query("de flyers") == '("de") AND ("flyer"*)'


@pytest.fixture
def toolkit():
    index = add_page(
        ensure_home(), ToolkitIndexPage(title="Materiaal", slug="materiaal")
    )
    return add_page(
        index,
        ToolkitPage(
            title="Communicatietoolkit",
            slug="communicatietoolkit",
            audience=ToolkitPage.Audience.PATIENTS,
            purpose="Materiaal voor de wachtkamer van de praktijk: een flyer en een "
            "poster over de afspraak online.",
        ),
    )


@pytest.mark.parametrize("word", ["wachtkamers", "praktijken", "Wachtkamer"])
def test_search_finds_toolkit_by_dutch_word(client, toolkit, word):
    html = client.get("/inhoud/zoeken/", {"q": word}).content.decode()
    assert "Communicatietoolkit" in html, word
    assert "0 resultaten" not in html


def test_search_finds_documents_but_not_unrelated(client, toolkit):
    make_document("Wachtkamerflyer voor patiënten", "flyer.pdf")
    html = client.get("/inhoud/zoeken/", {"q": "patiënten"}).content.decode()
    assert "Wachtkamerflyer voor patiënten" in html
    html = client.get("/inhoud/zoeken/", {"q": "telemonitoring"}).content.decode()
    assert "Communicatietoolkit" not in html
    assert "0 resultaten" in html
