"""Wagtail pages of the public site, and the record of material downloads.

The tree: HomePage → ToolkitIndexPage (national material), NewsIndexPage,
EHealthTypeIndexPage, StandardPage, and one CoalitionSectionPage per coalition, which its
leads edit and which holds its own toolkits, news and pages.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from coalition.validators import validate_plausible_date
from content.blocks import BaseStreamBlock

IMAGE_MODEL = "wagtailimages.Image"
SHORT_RICH = ["bold", "italic", "ol", "ul", "link"]


def _image_fk(label):
    return models.ForeignKey(
        IMAGE_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class SitePage(Page):
    """What every page template shows around its content: the site's own menu and
    the way back up the tree."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from content import selectors

        ctx = super().get_context(request, *args, **kwargs)
        ctx["links"] = selectors.section_links()
        ctx["ancestors"] = list(self.get_ancestors().filter(depth__gt=2).live())
        return ctx


class HomePage(SitePage):
    """The public front page of an installation."""

    intro = RichTextField(_("introductie"), blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content.ToolkitIndexPage",
        "content.NewsIndexPage",
        "content.EHealthTypeIndexPage",
        "content.StandardPage",
        "content.CoalitionSectionPage",
    ]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("startpagina")

    def get_context(self, request, *args, **kwargs):
        from content import selectors

        ctx = super().get_context(request, *args, **kwargs)
        ctx.update(selectors.home_page_context(request=request))
        return ctx


class CoalitionSectionPage(SitePage):
    """A coalition's own part of the site: its leads may edit everything below it."""

    coalition = models.OneToOneField(
        "coalition.Coalition",
        verbose_name=_("coalitie"),
        on_delete=models.PROTECT,
        related_name="content_section",
    )
    intro = RichTextField(_("introductie"), blank=True, features=SHORT_RICH)

    parent_page_types = ["content.HomePage"]
    subpage_types = [
        "content.ToolkitIndexPage",
        "content.NewsIndexPage",
        "content.StandardPage",
    ]
    # Created by content.services.section_create, with its editors group.
    is_creatable = False

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("coalitiesectie")
        verbose_name_plural = _("coalitiesecties")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["children"] = self.get_children().live().public().specific()
        return ctx


class ToolkitIndexPage(SitePage):
    intro = RichTextField(_("introductie"), blank=True, features=SHORT_RICH)

    parent_page_types = ["content.HomePage", "content.CoalitionSectionPage"]
    subpage_types = ["content.ToolkitPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("overzicht toolkits")
        verbose_name_plural = _("overzichten toolkits")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        toolkits = (
            ToolkitPage.objects.child_of(self)
            .live()
            .select_related("cover_image")
            .order_by("path")
        )
        if not request.user.is_authenticated:
            toolkits = toolkits.public()
        audience = request.GET.get("doelgroep", "")
        if audience in ToolkitPage.Audience.values:
            toolkits = toolkits.filter(audience=audience)
        ctx["toolkits"] = toolkits
        if self.depth == 3:  # the national overview lists the sections' toolkits too
            from content import selectors

            ctx["section_toolkits"] = selectors.section_toolkits(
                user=request.user,
                audience=audience if audience in ToolkitPage.Audience.values else "",
            )
        ctx["audiences"] = ToolkitPage.Audience.choices
        ctx["audience"] = audience
        return ctx


class ToolkitPage(SitePage):
    """Communication material for one purpose: the items to download and how to use
    them with patients."""

    class Audience(models.TextChoices):
        STAFF = "staff", _("praktijkmedewerkers")
        PATIENTS = "patients", _("patiënten")

    purpose = models.TextField(
        _("doel"), help_text=_("Waarvoor de praktijk dit materiaal gebruikt.")
    )
    audience = models.CharField(_("doelgroep"), max_length=10, choices=Audience.choices)
    cover_image = _image_fk(_("omslagafbeelding"))
    items = StreamField(
        BaseStreamBlock(),
        verbose_name=_("materiaal"),
        blank=True,
    )
    usage = RichTextField(
        _("zo gebruikt u het in de praktijk"), blank=True, features=SHORT_RICH
    )
    highlight = models.BooleanField(_("uitlichten op de startpagina"), default=False)

    parent_page_types = ["content.ToolkitIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("purpose"), FieldPanel("audience"), FieldPanel("highlight")],
            heading=_("Over deze toolkit"),
        ),
        FieldPanel("cover_image"),
        FieldPanel("items"),
        FieldPanel("usage"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("purpose"),
        index.SearchField("items"),
        index.SearchField("usage"),
        index.FilterField("audience"),
    ]

    class Meta:
        verbose_name = _("toolkit")
        verbose_name_plural = _("toolkits")

    def get_context(self, request, *args, **kwargs):
        from content import selectors

        ctx = super().get_context(request, *args, **kwargs)
        ctx["private_collection_ids"] = selectors.private_collection_ids()
        return ctx


class NewsIndexPage(SitePage):
    intro = RichTextField(_("introductie"), blank=True, features=SHORT_RICH)

    parent_page_types = ["content.HomePage", "content.CoalitionSectionPage"]
    subpage_types = ["content.ArticlePage"]

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("nieuwsoverzicht")
        verbose_name_plural = _("nieuwsoverzichten")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        articles = (
            ArticlePage.objects.child_of(self)
            .live()
            .prefetch_related("tags")
            .order_by("-date", "-pk")
        )
        if not request.user.is_authenticated:
            articles = articles.public()
        tag = request.GET.get("tag", "")
        if tag:
            articles = articles.filter(tags__slug=tag)
        ctx["articles"] = articles[:50]
        ctx["tag"] = tag
        return ctx


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "content.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(SitePage):
    """News and good practice from practices and the coalition."""

    class Kind(models.TextChoices):
        NEWS = "news", _("nieuws")
        GOOD_PRACTICE = "good_practice", _("goed voorbeeld")

    date = models.DateField(
        _("datum"), default=timezone.localdate, validators=[validate_plausible_date]
    )
    kind = models.CharField(
        _("soort"), max_length=16, choices=Kind.choices, default=Kind.NEWS
    )
    intro = models.TextField(_("samenvatting"), max_length=500)
    image = _image_fk(_("afbeelding"))
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)
    tags = ClusterTaggableManager(
        through=ArticlePageTag, blank=True, verbose_name=_("trefwoorden")
    )

    parent_page_types = ["content.NewsIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("kind"), FieldPanel("tags")],
            heading=_("Gegevens"),
        ),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = _("artikel")
        verbose_name_plural = _("artikelen")


class EHealthTypeIndexPage(SitePage):
    intro = RichTextField(_("introductie"), blank=True, features=SHORT_RICH)

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.EHealthTypePage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("overzicht e-healthtypen")
        verbose_name_plural = _("overzichten e-healthtypen")

    def get_context(self, request, *args, **kwargs):
        ctx = super().get_context(request, *args, **kwargs)
        ctx["types"] = (
            EHealthTypePage.objects.child_of(self).live().public().order_by("path")
        )
        return ctx


class EHealthTypePage(SitePage):
    """One kind of e-health, described the same way for every kind."""

    summary = models.TextField(_("in het kort"), max_length=400)
    what_it_is = RichTextField(_("wat het is"), features=SHORT_RICH)
    for_whom = RichTextField(_("voor wie"), features=SHORT_RICH)
    how_it_works = RichTextField(_("hoe het werkt"), features=SHORT_RICH)
    costs = RichTextField(_("kosten"), features=SHORT_RICH)
    benefits_practice = RichTextField(
        _("voordelen voor de praktijk"), features=SHORT_RICH
    )
    benefits_patient = RichTextField(
        _("voordelen voor de patiënt"), features=SHORT_RICH
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("meer informatie"), blank=True)

    parent_page_types = ["content.EHealthTypeIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("what_it_is"),
        FieldPanel("for_whom"),
        FieldPanel("how_it_works"),
        FieldPanel("costs"),
        FieldPanel("benefits_practice"),
        FieldPanel("benefits_patient"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("what_it_is"),
        index.SearchField("for_whom"),
        index.SearchField("how_it_works"),
        index.SearchField("costs"),
        index.SearchField("benefits_practice"),
        index.SearchField("benefits_patient"),
    ]

    class Meta:
        verbose_name = _("e-healthtype")
        verbose_name_plural = _("e-healthtypen")

    @property
    def sections(self) -> list[tuple[str, str]]:
        """The six fixed questions, in reading order, for the template."""
        return [
            (_("Wat het is"), self.what_it_is),
            (_("Voor wie"), self.for_whom),
            (_("Hoe het werkt"), self.how_it_works),
            (_("Kosten"), self.costs),
            (_("Voordelen voor de praktijk"), self.benefits_practice),
            (_("Voordelen voor de patiënt"), self.benefits_patient),
        ]


class StandardPage(SitePage):
    intro = models.TextField(_("samenvatting"), blank=True, max_length=500)
    body = StreamField(BaseStreamBlock(), verbose_name=_("inhoud"), blank=True)

    parent_page_types = [
        "content.HomePage",
        "content.CoalitionSectionPage",
        "content.StandardPage",
    ]
    subpage_types = ["content.StandardPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standaardpagina")
        verbose_name_plural = _("standaardpagina's")


# --- use of material ------------------------------------------------------------------


class DocumentDownload(models.Model):
    """One download of a document. Counted per month; the practice is recorded when a
    practice user downloads (evidence that the practice informs its patients)."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="downloads",
    )
    month = models.DateField(_("maand"), help_text=_("Eerste dag van de maand."))
    downloaded_at = models.DateTimeField(_("gedownload op"), default=timezone.now)
    practice = models.ForeignKey(
        "practices.Practice",
        verbose_name=_("praktijk"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="document_downloads",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        ordering = ["-downloaded_at"]
        indexes = [
            models.Index(fields=["document", "month"]),
            models.Index(fields=["practice", "document"]),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} · {self.month:%Y-%m}"
