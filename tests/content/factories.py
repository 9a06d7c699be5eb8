"""Small builders for content tests: a home page, documents, images, toolkits."""

from __future__ import annotations

import io

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from content import services
from content.models import HomePage, ToolkitIndexPage, ToolkitPage

PDF = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)


def ensure_home() -> HomePage:
    """The home page the data migration makes; rebuilt after a flushing test."""
    home = HomePage.objects.order_by("path").first()
    if home is not None:
        return home
    locale, _ = Locale.objects.get_or_create(language_code="nl")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    home = HomePage(title="Online inzage in de huisartsenzorg", slug="home")
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    return home


def make_document(
    title: str, filename: str = "flyer.pdf", data: bytes = PDF, *, collection=None
):
    Document = get_document_model()
    doc = Document(title=title, collection=collection or services.root_collection())
    doc.file.save(filename, ContentFile(data), save=False)
    doc._set_document_file_metadata()
    doc.save()
    return doc


def make_image(title: str = "Infographic"):
    from PIL import Image as PILImage

    buf = io.BytesIO()
    PILImage.new("RGB", (40, 30), "#0b5ed7").save(buf, format="PNG")
    Image = get_image_model()
    image = Image(title=title, collection=services.root_collection())
    image.file.save(
        "info.png", ImageFile(io.BytesIO(buf.getvalue()), name="info.png"), save=False
    )
    image._set_image_file_metadata()
    image.save()
    return image


def add_page(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def toolkit_site(*, private_letter: bool = True) -> dict:
    """A toolkit index with one toolkit: a public flyer and a members-only letter."""
    home = ensure_home()
    index = add_page(home, ToolkitIndexPage(title="Materiaal", slug="materiaal"))
    flyer = make_document("Wachtkamerflyer", "wachtkamerflyer.pdf")
    members = services.collection_get_or_create(name="Alleen voor leden")
    if private_letter:
        services.collection_make_private(collection=members)
    letter = make_document("Informatiebrief", "informatiebrief.pdf", collection=members)
    toolkit = add_page(
        index,
        ToolkitPage(
            title="Communicatietoolkit",
            slug="communicatietoolkit",
            audience=ToolkitPage.Audience.PATIENTS,
            purpose="Patiënten vertellen over het portaal in de wachtkamer.",
            highlight=True,
            items=[
                ("document", {"document": flyer, "title": "", "description": ""}),
                ("document", {"document": letter, "title": "", "description": ""}),
                ("text", RichText("<p>Bespreek het portaal met uw patiënten.</p>")),
            ],
        ),
    )
    return {
        "home": home,
        "index": index,
        "toolkit": toolkit,
        "flyer": flyer,
        "letter": letter,
    }
