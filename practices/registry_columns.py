"""The columns of the registry spreadsheet: the practice fields a row sets, their Dutch
headers and help, in the one order that the import, the write and the export share."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

# The practice fields a registry row sets, in column order: the one list the import
# compares, the write saves and the export fills.
PRACTICE_FIELDS = (
    "name",
    "member_organisation",
    "street",
    "postcode",
    "city",
    "list_size",
    "his_vendor",
    "portal_vendor",
    "cohort",
    "neighbourhood",
)
CONTACT_COLUMNS = ("contact_name", "contact_email")
COLUMNS = ["agb_code", *PRACTICE_FIELDS, *CONTACT_COLUMNS]
# The column names a lead reads (the template's header); the codes above are accepted
# too, for files made before the template had Dutch names and for the export.
LABELS = {
    "agb_code": gettext_lazy("AGB-code"),
    "name": gettext_lazy("Naam"),
    "member_organisation": gettext_lazy("Lidorganisatie"),
    "street": gettext_lazy("Straat en huisnummer"),
    "postcode": gettext_lazy("Postcode"),
    "city": gettext_lazy("Plaats"),
    "list_size": gettext_lazy("Aantal patiënten"),
    "his_vendor": gettext_lazy("HIS-leverancier"),
    "portal_vendor": gettext_lazy("Portaalleverancier"),
    "cohort": gettext_lazy("Cohort"),
    "neighbourhood": gettext_lazy("Wijkprofiel"),
    "contact_name": gettext_lazy("Contactpersoon"),
    "contact_email": gettext_lazy("E-mail contactpersoon"),
}
HELP = {
    "agb_code": (
        gettext_lazy("ja"),
        gettext_lazy(
            "De AGB-code van de praktijk: 8 cijfers. Een voorloopnul die Excel "
            "weglaat (7 cijfers) wordt aangevuld."
        ),
        "01234567",
    ),
    "name": (gettext_lazy("ja"), gettext_lazy("De naam van de praktijk."), ""),
    "member_organisation": (
        gettext_lazy("ja"),
        gettext_lazy("De naam van de lidorganisatie, zoals in het platform."),
        "",
    ),
    "street": (gettext_lazy("nee"), gettext_lazy("Straat en huisnummer."), ""),
    "postcode": (gettext_lazy("nee"), gettext_lazy("Zoals 3011 AB."), "3011 AB"),
    "city": (gettext_lazy("nee"), gettext_lazy("De plaats."), "Rotterdam"),
    "list_size": (
        gettext_lazy("ja"),
        gettext_lazy("Het aantal ingeschreven patiënten, een geheel getal."),
        "2500",
    ),
    "his_vendor": (
        gettext_lazy("nee"),
        gettext_lazy("De naam van de HIS-leverancier, zoals in het platform."),
        "",
    ),
    "portal_vendor": (
        gettext_lazy("nee"),
        gettext_lazy("De naam van de portaalleverancier, zoals in het platform."),
        "",
    ),
    "cohort": (
        gettext_lazy("nee"),
        gettext_lazy("De groep waarmee de praktijk start."),
        "golf 2",
    ),
    "neighbourhood": (
        gettext_lazy("nee"),
        gettext_lazy("Leeg is ‘gemiddeld’."),
        "achterstandswijk",
    ),
    "contact_name": (
        gettext_lazy("nee"),
        gettext_lazy("De eerste contactpersoon van de praktijk."),
        "Anne de Vries",
    ),
    "contact_email": (
        gettext_lazy("nee, tenzij er een contactpersoon is"),
        gettext_lazy("Het e-mailadres van de contactpersoon."),
        "praktijk@voorbeeld.nl",
    ),
}


def column_label(column: str) -> str:
    return str(LABELS.get(column, column))


# The columns compared to find what a row changes (the AGB code finds the practice).
COMPARED = (*PRACTICE_FIELDS, *CONTACT_COLUMNS)
