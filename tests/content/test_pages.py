"""Every page type can be created in the Wagtail admin and rendered (Wagtail's helpers)."""

from __future__ import annotations

import datetime as dt

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from coalition.models import User
from content.models import (
    ArticlePage,
    CoalitionSectionPage,
    EHealthTypeIndexPage,
    EHealthTypePage,
    HomePage,
    NewsIndexPage,
    StandardPage,
    ToolkitIndexPage,
    ToolkitPage,
)
from content.services import section_create
from tests.content.factories import add_page, ensure_home, make_document, make_image
from tests.factories import CoalitionFactory


class PageTypeTests(WagtailPageTestCase):
    def setUp(self):
        self.home = ensure_home()
        self.admin = User.objects.create_superuser(
            email="beheer@example.test", password="x-wachtwoord-1"
        )
        self.client.force_login(self.admin)

    def test_tree_rules(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                ToolkitIndexPage,
                NewsIndexPage,
                EHealthTypeIndexPage,
                StandardPage,
                CoalitionSectionPage,
            },
        )
        self.assertAllowedParentPageTypes(ToolkitPage, {ToolkitIndexPage})
        self.assertAllowedParentPageTypes(ArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(EHealthTypeIndexPage, {EHealthTypePage})
        self.assertCanNotCreateAt(HomePage, ToolkitPage)
        self.assertCanNotCreateAt(Page, ToolkitPage)

    def test_create_and_render_every_page_type(self):
        doc = make_document("Wachtkamerflyer", "wachtkamerflyer.pdf")
        image = make_image()
        self.assertCanCreate(
            self.home,
            ToolkitIndexPage,
            nested_form_data({"title": "Materiaal", "intro": rich_text("<p>x</p>")}),
        )
        index = ToolkitIndexPage.objects.get(slug="materiaal")
        self.assertCanCreate(
            index,
            ToolkitPage,
            nested_form_data(
                {
                    "title": "Communicatietoolkit",
                    "purpose": "Patiënten informeren over het portaal.",
                    "audience": "patients",
                    "cover_image": "",
                    "usage": rich_text("<p>Leg de flyer bij de balie.</p>"),
                    "items": streamfield(
                        [
                            (
                                "document",
                                {"document": doc.pk, "title": "", "description": ""},
                            ),
                            (
                                "infographic",
                                {
                                    "image": image.pk,
                                    "alt_text": "Drie staven: wens, aanbod, gebruik",
                                    "caption": "",
                                    "long_description": rich_text(""),
                                },
                            ),
                            (
                                "video",
                                {
                                    "title": "Uitleg",
                                    "video": "",
                                    "animation": "",
                                    "transcript": rich_text("<p>Zo logt u in.</p>"),
                                },
                            ),
                            ("text", rich_text("<p>Tekst</p>")),
                        ]
                    ),
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            NewsIndexPage,
            nested_form_data({"title": "Nieuws", "intro": rich_text("")}),
        )
        news = NewsIndexPage.objects.get(slug="nieuws")
        self.assertCanCreate(
            news,
            ArticlePage,
            nested_form_data(
                {
                    "title": "Afspraken alleen online",
                    "date": "2025-09-15",
                    "kind": "good_practice",
                    "tags": "afspraken",
                    "intro": "Een goed voorbeeld.",
                    "image": "",
                    "body": streamfield([("heading", "Kop")]),
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            EHealthTypeIndexPage,
            nested_form_data({"title": "E-health", "intro": rich_text("")}),
        )
        ehealth = EHealthTypeIndexPage.objects.get()
        sections = {
            name: rich_text(f"<p>{name}</p>")
            for name in (
                "what_it_is",
                "for_whom",
                "how_it_works",
                "costs",
                "benefits_practice",
                "benefits_patient",
            )
        }
        self.assertCanCreate(
            ehealth,
            EHealthTypePage,
            nested_form_data(
                {
                    "title": "Telemonitoring",
                    "summary": "Thuis meten.",
                    "body": streamfield([]),
                    **sections,
                }
            ),
        )
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data(
                {"title": "Over ons", "intro": "", "body": streamfield([])}
            ),
        )

        toolkit = ToolkitPage.objects.get()
        self.assertEqual(toolkit.items[0].value["document"], doc)
        self.assertEqual(
            toolkit.items[1].value["alt_text"], "Drie staven: wens, aanbod, gebruik"
        )
        section = section_create(
            coalition=CoalitionFactory(name="Coalitie A", slug="a")
        )
        pages = [
            self.home,
            index,
            toolkit,
            news,
            ArticlePage.objects.get(),
            ehealth,
            EHealthTypePage.objects.get(),
            StandardPage.objects.get(),
            section,
        ]
        for page in pages:
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)

        self.client.logout()
        html = self.client.get(toolkit.url).content.decode()
        self.assertIn("PDF", html)  # the format beside the download
        self.assertIn(f"{len(doc.file.read())}\xa0bytes", html)  # and its size
        self.assertIn('alt="Drie staven: wens, aanbod, gebruik"', html)
        self.assertIn("Zo logt u in.", html)  # the transcript

    def test_infographic_needs_a_text_alternative(self):
        from django.core.exceptions import ValidationError

        from content.blocks import InfographicBlock

        block = InfographicBlock()
        value = block.to_python({"image": make_image().pk, "alt_text": ""})
        with self.assertRaises(ValidationError):
            block.clean(value)


def test_article_tags_and_date_render(client, db):
    home = ensure_home()
    news = add_page(home, NewsIndexPage(title="Nieuws", slug="nieuws"))
    article = ArticlePage(
        title="E-consult binnen een werkdag",
        slug="e-consult",
        date=dt.date(2025, 10, 6),
        intro="Antwoord binnen één werkdag.",
    )
    news.add_child(instance=article)
    article.tags.add("e-consult")
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "6 okt. 2025" in html  # one Dutch style (issue 10.20)
    assert "?tag=e-consult" in html
    listing = client.get(news.url + "?tag=e-consult").content.decode()
    assert "E-consult binnen een werkdag" in listing
