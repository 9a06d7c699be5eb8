"""StreamField blocks. Every page body uses BaseStreamBlock, so an editor meets the same
choices everywhere: text, a document to download, an infographic, a video."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class DocumentItemBlock(blocks.StructBlock):
    """A file to download; the page shows its format and size beside the link."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Titel"),
        required=False,
        help_text=_("Leeg laten om de titel van het document te gebruiken."),
    )
    description = blocks.TextBlock(label=_("Omschrijving"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "content/blocks/document_item.html"


class InfographicBlock(blocks.StructBlock):
    """An image that carries information, so its text alternative is required."""

    image = ImageChooserBlock(label=_("Afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("Tekstalternatief"),
        max_length=300,
        help_text=_("Wat de afbeelding laat zien, voor wie haar niet kan zien."),
    )
    caption = blocks.CharBlock(label=_("Bijschrift"), required=False)
    long_description = blocks.RichTextBlock(
        label=_("Uitgebreide beschrijving"),
        required=False,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("De informatie uit de afbeelding als tekst (aanbevolen)."),
    )

    class Meta:
        icon = "image"
        label = _("Infographic")
        template = "content/blocks/infographic.html"


class VideoBlock(blocks.StructBlock):
    """A video or animation served from our own site, always with a transcript."""

    title = blocks.CharBlock(label=_("Titel"))
    video = DocumentChooserBlock(
        label=_("Videobestand (MP4)"),
        required=False,
    )
    animation = ImageChooserBlock(
        label=_("Animatie of stilstaand beeld"),
        required=False,
        help_text=_("Een geanimeerde GIF of een beeld uit de video."),
    )
    transcript = blocks.RichTextBlock(
        label=_("Uitgeschreven tekst"),
        features=["bold", "italic", "ol", "ul", "link"],
    )

    class Meta:
        icon = "media"
        label = _("Video of animatie")
        template = "content/blocks/video.html"


class TextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Tekst")
        template = "content/blocks/text.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Tussenkop"), icon="title", template="content/blocks/heading.html"
    )
    text = TextBlock(features=["h3", "bold", "italic", "ol", "ul", "link"])
    document = DocumentItemBlock()
    infographic = InfographicBlock()
    video = VideoBlock()
