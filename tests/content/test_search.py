"""Search over pages and documents handles Dutch words."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import StandardPage, ToolkitIndexPage, ToolkitPage
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


def _queries(client, word: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/inhoud/zoeken/", {"q": word}).content.decode()
    return len(ctx.captured_queries), html


def test_search_results_take_the_same_queries_whatever_the_mix_of_page_types(
    client, toolkit
):
    """Each result shows its own summary (a toolkit's purpose, a page's plain or rich
    introduction), read in the one query that finds the results: a search that finds
    three page types asks the database no more than one that finds one."""
    home = ensure_home()
    add_page(
        home,
        StandardPage(
            title="Afspraken over de wachtkamer",
            slug="afspraken",
            intro="Wat de praktijken in Noord & Oost afspraken over de wachtkamer.",
        ),
    )
    index = ToolkitIndexPage.objects.get()
    index.intro = "<p>Alles voor de <b>wachtkamer</b> van de praktijk.</p>"
    index.save_revision().publish()
    _queries(client, "poster")  # caches (site root, content types) warm
    one_type, html = _queries(client, "poster")
    assert "Communicatietoolkit" in html and "Afspraken" not in html
    three_types, html = _queries(client, "wachtkamer")
    assert three_types == one_type
    assert "Materiaal voor de wachtkamer van de praktijk" in html  # the purpose
    assert "Wat de praktijken in Noord &amp; Oost afspraken" in html  # plain intro
    assert "Alles voor de wachtkamer van de praktijk." in html  # rich intro, no tags
