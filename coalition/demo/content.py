"""Demo content: a communication toolkit with generated sample files, the seven
e-health types, three articles, and a section per coalition with its editors.

Idempotent: a page, document or image that exists already (by slug or title) is left
as it is, so an editor's changes survive a second run and counts stay equal.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page
from wagtail.rich_text import RichText

from coalition.demo.rows import clean_all
from coalition.models import Coalition
from content import services
from content.models import (
    ArticlePage,
    DocumentDownload,
    EHealthTypeIndexPage,
    EHealthTypePage,
    HomePage,
    NewsIndexPage,
    StandardPage,
    ToolkitIndexPage,
    ToolkitPage,
)

Document = get_document_model()
Image = get_image_model()

HOME_INTRO = (
    "<p>Sinds 1 juli 2020 hebben patiënten recht op elektronische inzage in hun "
    "huisartsdossier. In onze regio werken huisartsenpraktijken samen om dat goed te "
    "regelen, en om patiënten ook echt te laten gebruikmaken van het patiëntenportaal: "
    "inzage, e-consult, online afspraken en herhaalrecepten. Op deze website vindt u "
    "materiaal voor de praktijk, uitleg over e-health en de scholingsagenda.</p>"
)


def _log(stdout, text: str) -> None:
    if stdout is not None:
        stdout.write(f"  content: {text}")


# --- generated sample files -----------------------------------------------------------


def flyer_pdf() -> bytes:
    """The waiting-room flyer, rendered with WeasyPrint."""
    from weasyprint import HTML

    html = """<html lang="nl"><head><meta charset="utf-8"><style>
    @page { size: A5; margin: 14mm; }
    body { font-family: sans-serif; color: #1b2a41; }
    h1 { color: #0b5ed7; font-size: 22pt; margin: 0 0 6mm; }
    li { margin-bottom: 3mm; font-size: 12pt; }
    .tip { background: #e7f1ff; padding: 4mm; border-radius: 3mm; font-size: 11pt; }
    </style></head><body>
    <h1>Uw huisarts, ook online</h1>
    <p>Met het patiëntenportaal van onze praktijk regelt u veel zaken wanneer het u
    uitkomt, veilig vanaf uw telefoon of computer.</p>
    <ul>
      <li>Bekijk uw eigen dossier: uitslagen, medicatie en afspraken met de huisarts.</li>
      <li>Stel een vraag via het e-consult. U krijgt binnen één werkdag antwoord.</li>
      <li>Maak zelf een afspraak. Een deel van de afspraken is alleen online te boeken.</li>
      <li>Vraag uw herhaalrecept aan zonder te bellen.</li>
    </ul>
    <p class="tip">Hulp nodig bij het inloggen? Vraag het aan de assistente aan de balie.
    Zij laat u graag zien hoe het werkt.</p>
    </body></html>"""
    return HTML(string=html).write_pdf()


def poster_pdf() -> bytes:
    """A waiting-room poster (A3) with the same message in a few words."""
    from weasyprint import HTML

    html = """<html lang="nl"><head><meta charset="utf-8"><style>
    @page { size: A3; margin: 20mm; }
    body { font-family: sans-serif; text-align: center; color: #1b2a41; }
    h1 { font-size: 60pt; color: #0b5ed7; margin-top: 40mm; }
    p { font-size: 28pt; }
    </style></head><body>
    <h1>Kijk mee in uw dossier</h1>
    <p>Uitslagen, medicatie en afspraken: online, wanneer het u uitkomt.</p>
    <p>Vraag aan de balie hoe u begint.</p>
    </body></html>"""
    return HTML(string=html).write_pdf()


def letter_docx() -> bytes:
    """The information-letter template as a minimal Word document the practice edits."""
    paragraphs = [
        "[Naam praktijk]",
        "[Adres] · [Telefoon] · [Website]",
        "",
        "Beste patiënt,",
        "",
        "U kunt uw medisch dossier bij onze praktijk voortaan online inzien. Dat doet u "
        "in het patiëntenportaal [naam portaal], veilig ingelogd met DigiD. U ziet daar "
        "uitslagen van onderzoek, uw medicatie en wat de huisarts met u heeft "
        "afgesproken.",
        "",
        "In hetzelfde portaal kunt u een vraag stellen aan de huisarts (e-consult), een "
        "afspraak maken en een herhaalrecept aanvragen. Een vraag via het e-consult "
        "beantwoorden wij binnen één werkdag.",
        "",
        "Wilt u zich aanmelden? Dat kan via [link] of aan de balie. Heeft u hulp nodig, "
        "dan helpt onze assistente u op [dag en tijd] in de wachtkamer op weg.",
        "",
        "Met vriendelijke groet,",
        "[Naam huisarts(en)]",
    ]
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>'
        for p in paragraphs
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (
            ("[Content_Types].xml", content_types),
            ("_rels/.rels", rels),
            ("word/document.xml", document),
        ):
            info = zipfile.ZipInfo(name, date_time=(2020, 7, 1, 0, 0, 0))
            z.writestr(info, data)
    return buf.getvalue()


def infographic_png() -> bytes:
    """The infographic: what patients want, what practices offer, what is used."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5), dpi=110)
    labels = [
        "wil online zaken\nregelen met de huisarts",
        "van de huisartsen biedt\nminstens één online dienst",
        "van de patiënten\ngebruikt het echt",
    ]
    values = [60, 80, 8]
    colors = ["#6ea8fe", "#0b5ed7", "#dc3545"]
    ax.barh(labels[::-1], values[::-1], color=colors[::-1])
    for i, v in enumerate(values[::-1]):
        ax.text(v + 1.5, i, f"{v}%", va="center", fontsize=14, fontweight="bold")
    ax.set_xlim(0, 100)
    ax.set_xlabel("procent")
    ax.set_title("Online inzage: het aanbod is er, het gebruik nog niet", fontsize=13)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def animation_gif() -> bytes:
    """A short animation in four steps: from the flyer to the first e-consult."""
    from matplotlib import font_manager
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    # matplotlib ships DejaVu Sans, which has the letters Dutch needs (ë, é)
    face = font_manager.findfont("DejaVu Sans")
    title_font = ImageFont.truetype(face, 26)
    font = ImageFont.truetype(face, 20)

    steps = [
        "1. U leest de flyer in de wachtkamer",
        "2. U meldt zich aan bij de balie of online",
        "3. U logt in met DigiD",
        "4. U bekijkt uw dossier en stelt een vraag",
    ]
    frames = []
    for n in range(len(steps)):
        img = PILImage.new("RGB", (640, 360), "#f8f9fa")
        draw = ImageDraw.Draw(img)
        draw.rectangle([0, 0, 640, 64], fill="#0b5ed7")
        draw.text(
            (20, 16), "Zo werkt het patiëntenportaal", fill="white", font=title_font
        )
        for i, step in enumerate(steps[: n + 1]):
            y = 90 + i * 64
            draw.ellipse([24, y, 60, y + 36], fill="#0b5ed7" if i == n else "#6ea8fe")
            draw.text((76, y + 6), step, fill="#1b2a41", font=font)
        frames.append(img)
    buf = io.BytesIO()
    frames[0].save(
        buf, format="GIF", save_all=True, append_images=frames[1:], duration=1200
    )
    return buf.getvalue()


# --- helpers --------------------------------------------------------------------------


def _document(title: str, filename: str, data: bytes, collection: Collection):
    doc = Document.objects.filter(title=title).first()
    if doc is None:
        doc = Document(title=title, collection=collection)
        doc.file.save(filename, ContentFile(data), save=False)
        doc._set_document_file_metadata()
        doc.save()
    return doc


def _image(title: str, filename: str, data: bytes, collection: Collection):
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, collection=collection)
        image.file.save(
            filename, ImageFile(io.BytesIO(data), name=filename), save=False
        )
        image._set_image_file_metadata()
        image.save()
    return image


def _child[P: Page](parent: Page, model: type[P], slug: str, **fields) -> P:
    """The child page with this slug, created and published when missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# --- the content ----------------------------------------------------------------------


EHEALTH_TYPES = [
    (
        "communicatie-tussen-zorgverleners",
        "Communicatie tussen zorgverleners",
        "Gegevens en berichten veilig uitwisselen met apotheek, ziekenhuis, "
        "huisartsenpost en andere zorgverleners.",
        "Beveiligde berichten, elektronische verwijzingen en het delen van "
        "patiëntgegevens tussen zorgverleners, in plaats van fax, post of telefoon.",
        "Huisartsen, praktijkondersteuners en assistenten, en de zorgverleners "
        "met wie zij samenwerken rond dezelfde patiënt.",
        "Het huisartsinformatiesysteem verstuurt en ontvangt berichten in een "
        "afgesproken standaard. De patiënt geeft toestemming voor het delen van "
        "gegevens waar dat nodig is.",
        "Vaak onderdeel van het HIS-abonnement of van regionale afspraken; soms "
        "komen er kosten per koppeling bij. Vraag het na bij uw leverancier.",
        "Minder bellen en overtypen, minder fouten, sneller een antwoord van de "
        "specialist.",
        "De zorgverlener die hij treft, weet wat er eerder is gebeurd; de patiënt "
        "hoeft zijn verhaal minder vaak te herhalen.",
    ),
    (
        "communicatie-met-patienten",
        "Communicatie met patiënten",
        "Beveiligd mailen, e-consult en beeldbellen tussen praktijk en patiënt.",
        "Een patiënt stelt een vraag via een beveiligde omgeving en krijgt daar "
        "antwoord; of heeft een consult via beeldbellen.",
        "Patiënten met een vraag die geen lichamelijk onderzoek nodig heeft, en "
        "patiënten voor wie de reis naar de praktijk lastig is.",
        "De patiënt logt in op het portaal, schrijft de vraag en krijgt bericht zodra "
        "er antwoord is. Spreek in de praktijk af wie de vragen beantwoordt en "
        "binnen welke tijd: één werkdag is een goede norm.",
        "Meestal onderdeel van het patiëntenportaal; beeldbellen kan een aparte "
        "module zijn. De tijd voor het beantwoorden telt als consult.",
        "Minder telefoontjes in de ochtend, vragen komen op een rustig moment binnen "
        "en het antwoord staat direct in het dossier.",
        "Een vraag stellen wanneer het uitkomt, zonder wachten aan de telefoon, en "
        "het antwoord rustig nalezen.",
    ),
    (
        "informatieve-gezondheidsapps",
        "Informatieve gezondheidsapps",
        "Betrouwbare apps en websites die uitleg geven over klachten en ziektes.",
        "Apps en websites met informatie over gezondheid, zoals over klachten, "
        "zelfzorg en wanneer het verstandig is de huisarts te bellen.",
        "Patiënten die zelf willen uitzoeken wat ze met een klacht kunnen doen, en "
        "praktijkmedewerkers die hen daarnaar verwijzen.",
        "De praktijk verwijst naar een betrouwbare bron, bijvoorbeeld in het "
        "portaal, op de website of in een e-consultantwoord.",
        "Voor de praktijk meestal gratis; sommige apps vragen een bijdrage van de "
        "gebruiker.",
        "Minder vragen over klachten die goed zelf te behandelen zijn.",
        "Snel en op elk moment betrouwbare uitleg, in begrijpelijke taal.",
    ),
    (
        "patientenportalen",
        "Patiëntenportalen",
        "Eén veilige plek waar de patiënt zijn dossier inziet en zaken met de "
        "praktijk regelt.",
        "Een website of app, gekoppeld aan het huisartsinformatiesysteem, met "
        "inzage in het dossier en online diensten: e-consult, afspraken, "
        "herhaalrecepten, uitslagen en thuismetingen.",
        "Alle patiënten van de praktijk; extra uitleg helpt mensen die minder "
        "digitaal vaardig zijn. Sinds 1 juli 2020 is elektronische inzage wettelijk "
        "verplicht.",
        "De praktijk kiest een portaal dat met het eigen HIS samenwerkt. De patiënt "
        "meldt zich aan en logt in met DigiD of een andere veilige inlogmethode met "
        "twee stappen.",
        "Abonnementskosten per praktijk of per patiënt, verschillend per "
        "leverancier en per module. Vraag een actuele offerte op.",
        "Minder telefoonverkeer aan de balie en minder administratief werk; de "
        "assistente heeft meer tijd voor patiënten die dat nodig hebben.",
        "Zelf je gegevens bekijken, beter voorbereid op gesprek en 24 uur per dag "
        "zaken regelen.",
    ),
    (
        "digitale-meetapparatuur-in-de-praktijk",
        "Digitale meetapparatuur in de praktijk",
        "Meetapparaten die hun uitkomst direct in het dossier zetten.",
        "Apparaten zoals een bloeddrukmeter, ECG of spirometer die de meting "
        "digitaal doorgeven aan het huisartsinformatiesysteem.",
        "Praktijkondersteuners en assistenten die veel metingen doen, bijvoorbeeld "
        "bij chronische zorg.",
        "Het apparaat is gekoppeld aan het HIS; na de meting staat de waarde in het "
        "dossier, zonder overschrijven.",
        "Aanschaf van het apparaat en soms een koppeling; de kosten verschillen per "
        "apparaat.",
        "Geen overschrijffouten en minder tijd per meting.",
        "Betrouwbare metingen en uitkomsten die de patiënt ook in het portaal kan "
        "terugzien.",
    ),
    (
        "telemonitoring",
        "Telemonitoring",
        "Thuis meten en de uitkomsten digitaal delen met de praktijk.",
        "De patiënt meet thuis, bijvoorbeeld bloeddruk, gewicht of bloedsuiker, en "
        "stuurt de waarden digitaal naar de praktijk.",
        "Patiënten met een chronische aandoening die goed zelf kunnen meten, zoals "
        "bij hoge bloeddruk of diabetes.",
        "De praktijk spreekt met de patiënt af wat hij meet, hoe vaak en wanneer de "
        "praktijk contact opneemt. Afwijkende waarden vallen op in een overzicht.",
        "Meetapparatuur en een platform of portaalmodule; soms vergoed binnen de "
        "chronische zorg. Informeer bij leverancier en zorggroep.",
        "Minder controles op het spreekuur die alleen voor een meting nodig zijn.",
        "Minder vaak naar de praktijk en meer inzicht in de eigen gezondheid.",
    ),
    (
        "digitale-zelfhulpprogrammas",
        "Digitale zelfhulpprogramma's",
        "Online programma's waarmee patiënten zelf aan de slag gaan, ook bij "
        "psychische klachten.",
        "Programma's met uitleg, oefeningen en opdrachten, zoals bij slaapproblemen, "
        "stress of somberheid, al dan niet met begeleiding.",
        "Patiënten met lichte klachten die zelfstandig willen werken, vaak met "
        "begeleiding van de praktijkondersteuner GGZ.",
        "De praktijk zet de patiënt klaar in het programma en bespreekt de "
        "voortgang tijdens vervolgafspraken.",
        "Licenties per praktijk of per gebruiker; soms vergoed via de zorggroep.",
        "Meer patiënten kunnen worden begeleid, met dezelfde tijd.",
        "Werken aan de eigen klachten in eigen tempo, thuis.",
    ),
]

# slug, title, published this many days before the demo date, kind, summary, text, tags
ARTICLES = [
    (
        "alleen-online-te-boeken-afspraken",
        "Sommige afspraken alleen online te boeken",
        54,
        ArticlePage.Kind.GOOD_PRACTICE,
        "Een praktijk in de regio houdt een deel van de afspraken vrij voor online "
        "boeken. Het aantal online afspraken steeg sterk, en de telefoon werd rustiger.",
        [
            "Toen de praktijk begon met online afspraken, maakte bijna niemand er "
            "gebruik van. Dat veranderde pas toen een deel van het spreekuur alleen "
            "nog online te boeken was. Wie belt voor zo'n tijdstip, krijgt uitleg over "
            "het portaal.",
            "Elke middag om vijf uur gaan de plekken voor de volgende dag online open. "
            "Patiënten die vroeg willen weten waar ze aan toe zijn, weten dat nu. In "
            "vier jaar tijd groeide het aandeel online gemaakte afspraken van ongeveer "
            "zes naar vijfenveertig procent.",
            "Ook de telefoon merkte het: het aantal gesprekken per week daalde met "
            "een paar honderd. De assistentes hebben meer tijd voor patiënten die "
            "wel bellen.",
        ],
        ["afspraken", "goed voorbeeld"],
    ),
    (
        "e-consult-binnen-een-werkdag",
        "E-consult: antwoord binnen één werkdag",
        26,
        ArticlePage.Kind.GOOD_PRACTICE,
        "Een vaste afspraak over de reactietijd maakt het e-consult betrouwbaar. "
        "Patiënten stappen dan eerder over van de telefoon naar het portaal.",
        [
            "Een e-consult werkt alleen als de patiënt erop kan rekenen. De praktijk "
            "spreekt daarom af dat elke vraag binnen één werkdag antwoord krijgt, en "
            "vermeldt dat in het portaal en op de wachtkamerflyer.",
            "Het team plant elke dag een vast moment om de vragen te beantwoorden. De "
            "assistente zet vragen die bij de huisarts horen door; eenvoudige vragen "
            "handelt zij zelf af.",
            "Het aantal e-consults per duizend patiënten groeide zo in een paar jaar "
            "van enkele tientallen naar honderden per jaar, zonder dat het werk voor "
            "het team uit de hand liep.",
        ],
        ["e-consult", "goed voorbeeld"],
    ),
    (
        "hulp-in-de-wachtkamer",
        "Een assistente in de wachtkamer helpt patiënten op weg",
        9,
        ArticlePage.Kind.NEWS,
        "Een flyer alleen is niet genoeg. In een aantal praktijken laat een "
        "assistente patiënten in de wachtkamer zien hoe het portaal werkt.",
        [
            "Veel patiënten willen wel online zaken regelen, maar weten niet hoe ze "
            "beginnen. Inloggen met DigiD blijkt vaak de eerste drempel.",
            "Op vaste ochtenden zit daarom een assistente met een tablet in de "
            "wachtkamer. Zij helpt met aanmelden en inloggen, en laat zien waar "
            "uitslagen en medicatie staan en hoe een e-consult werkt.",
            "Wie thuis verder wil, krijgt de informatiebrief en de flyer mee. Het "
            "materiaal is te downloaden bij de communicatietoolkit op deze site.",
        ],
        ["wachtkamer", "patiënten informeren"],
    ),
]


def load(*, today: dt.date, stdout=None) -> None:
    home = HomePage.objects.order_by("path").first()
    if home is None:  # the data migration creates it; nothing to hang pages on
        _log(stdout, "geen startpagina gevonden, overgeslagen")
        return
    if not home.intro.strip() or "Hier vindt u materiaal" in home.intro:
        home.intro = HOME_INTRO
        home.save_revision().publish()

    public = services.collection_get_or_create(name="Toolkits")
    members = services.collection_get_or_create(name="Alleen voor leden")
    services.collection_make_private(collection=members)

    flyer = _document(
        "Wachtkamerflyer: uw huisarts, ook online",
        "wachtkamerflyer.pdf",
        flyer_pdf(),
        public,
    )
    poster = _document(
        "Poster: kijk mee in uw dossier",
        "poster-online-inzage.pdf",
        poster_pdf(),
        public,
    )
    letter = _document(
        "Informatiebrief voor patiënten (sjabloon)",
        "informatiebrief-sjabloon.docx",
        letter_docx(),
        members,
    )
    infographic = _image(
        "Infographic: aanbod en gebruik", "infographic.png", infographic_png(), public
    )
    animation = _image(
        "Animatie: zo werkt het patiëntenportaal",
        "animatie-portaal.gif",
        animation_gif(),
        public,
    )

    toolkits = _child(
        home,
        ToolkitIndexPage,
        "materiaal",
        title="Materiaal voor de praktijk",
        intro="<p>Toolkits om patiënten te vertellen over online inzage en de online "
        "diensten. Download het materiaal, pas het aan met de gegevens van uw "
        "praktijk en bespreek het met uw patiënten.</p>",
    )
    _child(
        toolkits,
        ToolkitPage,
        "communicatietoolkit",
        title="Communicatietoolkit online inzage",
        audience=ToolkitPage.Audience.PATIENTS,
        highlight=True,
        purpose="Patiënten laten weten dat zij hun dossier online kunnen inzien en "
        "zaken met de praktijk online kunnen regelen, en hen helpen de eerste stap te "
        "zetten.",
        items=[
            (
                "infographic",
                {
                    "image": infographic,
                    "alt_text": "Staafdiagram: ongeveer 60% van de mensen wil online "
                    "zaken regelen met de huisarts, 80% van de huisartsen biedt "
                    "minstens één online dienst, maar slechts 8% van de patiënten "
                    "gebruikt die ook.",
                    "caption": "Het aanbod is er; het gebruik blijft achter.",
                    "long_description": RichText(
                        "<p>Tussen de 55 en 65 procent van de mensen wil online "
                        "zaken met de huisarts regelen. Meer dan 80 procent van de "
                        "huisartsen biedt minstens één online dienst aan. Toch "
                        "gebruikt maar 5 tot 10 procent van de patiënten die "
                        "diensten.</p>"
                    ),
                },
            ),
            (
                "document",
                {
                    "document": flyer,
                    "title": "Wachtkamerflyer",
                    "description": "Een flyer op A5 voor de wachtkamer en de balie: "
                    "wat patiënten online kunnen en waar ze hulp krijgen.",
                },
            ),
            (
                "document",
                {
                    "document": poster,
                    "title": "Poster voor de wachtkamer",
                    "description": "Een poster op A3 met één boodschap.",
                },
            ),
            (
                "document",
                {
                    "document": letter,
                    "title": "Informatiebrief (sjabloon)",
                    "description": "Een brief om patiënten uit te nodigen voor het "
                    "portaal. Vul de gegevens van uw praktijk in. Alleen voor "
                    "aangesloten praktijken.",
                },
            ),
        ],
        usage="<p>Een flyer alleen is niet genoeg: patiënten gaan het portaal pas "
        "gebruiken als iemand het met hen bespreekt.</p><ul>"
        "<li>Leg flyers bij de balie en hang de poster in de wachtkamer.</li>"
        "<li>Verstuur de informatiebrief met uw eigen gegevens, bijvoorbeeld bij een "
        "uitnodiging voor de griepprik.</li>"
        "<li>Laat de assistente op vaste momenten in de wachtkamer helpen met "
        "aanmelden en inloggen.</li>"
        "<li>Vertel bij elk telefoontje dat het ook online kan.</li></ul>",
    )
    _child(
        toolkits,
        ToolkitPage,
        "animatie-patientenportaal",
        title="Animatie: zo werkt het patiëntenportaal",
        audience=ToolkitPage.Audience.PATIENTS,
        highlight=True,
        purpose="Een korte animatie voor het scherm in de wachtkamer en de website "
        "van de praktijk, die in vier stappen laat zien hoe een patiënt begint.",
        items=[
            (
                "video",
                {
                    "title": "Zo werkt het patiëntenportaal",
                    "animation": animation,
                    "transcript": RichText(
                        "<ol><li>U leest over het portaal op de flyer in de "
                        "wachtkamer.</li><li>U meldt zich aan, aan de balie of via "
                        "de website van de praktijk.</li><li>U logt in met DigiD en "
                        "een tweede stap, zoals een sms-code.</li><li>U bekijkt uw "
                        "dossier en stelt een vraag via het e-consult.</li></ol>"
                    ),
                },
            )
        ],
        usage="<p>Laat de animatie zonder geluid afspelen op het scherm in de "
        "wachtkamer, en zet haar op de website van de praktijk naast de link naar het "
        "portaal.</p>",
    )
    _child(
        toolkits,
        ToolkitPage,
        "werkafspraken-praktijkteam",
        title="Werkafspraken voor het praktijkteam",
        audience=ToolkitPage.Audience.STAFF,
        highlight=True,
        purpose="Het portaal inbedden in het werk van de praktijk, zodat patiënten "
        "erop kunnen rekenen.",
        items=[
            ("heading", "Afspraken die werken"),
            (
                "text",
                RichText(
                    "<ul><li>Beantwoord e-consults binnen één werkdag, op een vast "
                    "moment van de dag.</li><li>Houd een deel van de afspraken "
                    "alleen online beschikbaar.</li><li>Zet de plekken voor morgen "
                    "om 17.00 uur online open.</li><li>Schrijf in het dossier in "
                    "taal die de patiënt begrijpt.</li></ul>"
                ),
            ),
        ],
        usage="<p>Bespreek de afspraken in het teamoverleg en kijk na een kwartaal "
        "samen hoe het gaat.</p>",
    )

    news = _child(
        home,
        NewsIndexPage,
        "nieuws",
        title="Nieuws en goede voorbeelden",
        intro="<p>Ervaringen van praktijken in de regio.</p>",
    )
    for slug, title, days_ago, kind, intro, paragraphs, tags in ARTICLES:
        if ArticlePage.objects.child_of(news).filter(slug=slug).exists():
            continue
        article = ArticlePage(
            slug=slug,
            title=title,
            date=today - dt.timedelta(days=days_ago),
            kind=kind,
            intro=intro,
            body=[("text", RichText("".join(f"<p>{p}</p>" for p in paragraphs)))],
        )
        news.add_child(instance=article)
        article.tags.add(*tags)
        article.save_revision().publish()

    ehealth = _child(
        home,
        EHealthTypeIndexPage,
        "e-health",
        title="Soorten e-health",
        intro="<p>Zeven soorten e-health in de huisartsenpraktijk, steeds op "
        "dezelfde manier beschreven. Begin met de vraag wat uw praktijk en uw "
        "patiënten nodig hebben; kies daarna pas een toepassing.</p>",
    )
    for slug, title, summary, *sections in EHEALTH_TYPES:
        what, whom, how, costs, practice, patient = (f"<p>{s}</p>" for s in sections)
        _child(
            ehealth,
            EHealthTypePage,
            slug,
            title=title,
            summary=summary,
            what_it_is=what,
            for_whom=whom,
            how_it_works=how,
            costs=costs,
            benefits_practice=practice,
            benefits_patient=patient,
        )

    guide = _child(
        home,
        StandardPage,
        "stappenplan-voor-leden",
        title="Stappenplan invoering (voor leden)",
        intro="Het stappenplan dat de coalitie met de aangesloten praktijken volgt.",
        body=[
            (
                "text",
                RichText(
                    "<ol><li>Nulmeting: waar staat de praktijk nu?</li>"
                    "<li>Kies het portaal, in overleg met uw HIS-leverancier.</li>"
                    "<li>Richt het werk in: wie beantwoordt e-consults, welke "
                    "afspraken gaan online?</li><li>Volg met het team de "
                    "scholing.</li><li>Informeer patiënten met de toolkit.</li>"
                    "<li>Activeer accounts en evalueer elk kwartaal.</li></ol>"
                ),
            )
        ],
    )
    services.page_make_private(page=guide)

    for coalition in Coalition.objects.order_by("slug"):
        section = services.section_create(coalition=coalition)
        _child(
            section,
            StandardPage,
            "regionale-afspraken",
            title=f"Afspraken in {coalition.region}",
            intro="Wat de coalitie met de praktijken heeft afgesproken over het "
            "portaal en de scholing.",
            body=[
                (
                    "text",
                    RichText(
                        "<p>Elke praktijk krijgt minstens één keer per jaar een "
                        "bezoek van de projectleider. We bespreken de voortgang, "
                        "wat goed gaat en waar de praktijk hulp bij wil.</p>"
                    ),
                )
            ],
        )

        # Issue 11.9: the section's own toolkit (listed beside the national ones on
        # the material overview) and a collection for the coalition's members only.
        own_material = _child(
            section, ToolkitIndexPage, "materiaal", title=f"Materiaal {coalition.name}"
        )
        _child(
            own_material,
            ToolkitPage,
            "werkafspraken-balie",
            title=f"Werkafspraken balie {coalition.region}",
            purpose="Hoe de assistentes in de regio patiënten op weg helpen met het "
            "portaal.",
            audience=ToolkitPage.Audience.STAFF,
        )
        own = services.collection_get_or_create(name=coalition.name)
        members_only = services.collection_get_or_create(
            name=f"Alleen voor leden van {coalition.name}", parent=own
        )
        services.collection_make_private(collection=members_only)
    services.national_editors_group()  # the office edits the national pages

    _demo_downloads(today=today, documents=[flyer, poster, letter])
    _log(stdout, "toolkits, e-healthtypen, artikelen en secties klaar")


def _demo_downloads(*, today: dt.date, documents) -> None:
    """Some downloads by the main region's practices over the last months."""
    if DocumentDownload.objects.filter(document__in=documents).exists():
        return
    from coalition.demo.coalition import MAIN
    from practices.models import Practice

    coalition = Coalition.objects.filter(slug=MAIN).first()
    if coalition is None:
        return
    practices = list(Practice.objects.filter(coalition=coalition).order_by("pk")[:20])
    rng = random.Random(2026)
    rows = []
    for months_back in range(5, -1, -1):
        year, month = today.year, today.month - months_back
        while month <= 0:
            year, month = year - 1, month + 12
        first = dt.date(year, month, 1)
        last_day = 28 if months_back else max(1, min(today.day, 28))
        for _ in range(rng.randint(4, 12)):
            practice = (
                rng.choice(practices) if practices and rng.random() < 0.7 else None
            )
            rows.append(
                DocumentDownload(
                    document=rng.choice(documents),
                    month=first,
                    downloaded_at=dt.datetime(
                        year, month, rng.randint(1, last_day), 10, tzinfo=dt.UTC
                    ),
                    practice=practice,
                )
            )
    # Past downloads (the counter stamps "now"): cleaned here, then in bulk.
    DocumentDownload.objects.bulk_create(
        clean_all(rows, exclude=["document", "practice"])
    )
