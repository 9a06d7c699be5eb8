"""Services and standards, the vendors, their product versions, certifications,
framework agreements and contacts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalition.models.organisations import Coalition
from coalition.validators import validate_plausible_date


class Service(models.TextChoices):
    """The online services a portal offers (OPEN's basic requirements and more)."""

    RECORD_ACCESS = "record_access", _("online inzage")
    ECONSULT = "econsult", _("e-consult")
    APPOINTMENTS = "appointments", _("online afspraken")
    REPEAT_PRESCRIPTIONS = "repeat_prescriptions", _("herhaalrecepten")
    LAB_RESULTS = "lab_results", _("labuitslagen")
    HOME_MEASUREMENTS = "home_measurements", _("thuismetingen")


class Standard(models.TextChoices):
    """Standards a product version can be certified for (MedMij and the like)."""

    GP_DATA = "gp_data", _("MedMij huisartsgegevens")
    HOME_MEASUREMENTS = "home_measurements", _("MedMij thuismetingen")
    PDF_A = "pdf_a", _("PDF/A")
    E_APPOINTMENT = "e_appointment", _("e-afspraak")


class Vendor(models.Model):
    """A supplier of a patient portal, a HIS, or both. Vendors serve many coalitions."""

    class Kind(models.TextChoices):
        PORTAL = "portal", _("portaal")
        HIS = "his", _("HIS")
        BOTH = "both", _("portaal en HIS")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contact_phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leverancier")
        verbose_name_plural = _("leveranciers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def supplies_portal(self) -> bool:
        return self.kind in (self.Kind.PORTAL, self.Kind.BOTH)

    @property
    def supplies_his(self) -> bool:
        return self.kind in (self.Kind.HIS, self.Kind.BOTH)


class ProductVersion(models.Model):
    """One version of a vendor's product; certification is per version."""

    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.CASCADE,
        related_name="product_versions",
        verbose_name=_("leverancier"),
    )
    product = models.CharField(_("product"), max_length=120)
    version = models.CharField(_("versie"), max_length=40)
    services = models.JSONField(
        _("ondersteunde diensten"),
        default=list,
        blank=True,
        help_text=_("Codes uit de lijst van online diensten."),
    )
    released = models.DateField(
        _("uitgebracht"), null=True, blank=True, validators=[validate_plausible_date]
    )

    class Meta:
        verbose_name = _("productversie")
        verbose_name_plural = _("productversies")
        ordering = ["vendor", "product", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "product", "version"], name="product_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product} {self.version}"

    def clean(self) -> None:
        unknown = set(self.services or []) - set(Service.values)
        if unknown:
            raise ValidationError(
                {"services": _("Onbekende dienst: %s") % ", ".join(sorted(unknown))}
            )


class Certification(models.Model):
    """A product version certified for a standard, since a date.

    Vendors serve every coalition, so one coalition's lead only proposes a
    certification; the programme office confirms (or withdraws) it, and only a confirmed
    one makes a practice technically ready (`practices.selectors.with_readiness`).
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        CONFIRMED = "confirmed", _("bevestigd")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    product_version = models.ForeignKey(
        ProductVersion,
        on_delete=models.CASCADE,
        related_name="certifications",
        verbose_name=_("productversie"),
    )
    standard = models.CharField(_("standaard"), max_length=30, choices=Standard.choices)
    since = models.DateField(
        _("gecertificeerd sinds"), validators=[validate_plausible_date]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    source = models.CharField(
        _("bron"),
        max_length=300,
        blank=True,
        help_text=_(
            "Waar de certificering staat: een link of de naam van het besluit."
        ),
    )
    proposed_by = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld door"),
    )
    proposed_for = models.ForeignKey(
        Coalition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("voorgesteld vanuit"),
    )
    decided_by = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beoordeeld door"),
    )
    decided_at = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificering")
        verbose_name_plural = _("certificeringen")
        ordering = ["product_version", "standard"]
        constraints = [
            models.UniqueConstraint(
                fields=["product_version", "standard"], name="certification_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.product_version} — {self.get_standard_display()}"


class FrameworkAgreement(models.Model):
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="framework_agreements",
        verbose_name=_("coalitie"),
    )
    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.PROTECT,
        related_name="framework_agreements",
        verbose_name=_("leverancier"),
    )
    starts = models.DateField(_("ingangsdatum"), validators=[validate_plausible_date])
    ends = models.DateField(
        _("einddatum"), null=True, blank=True, validators=[validate_plausible_date]
    )
    notes = models.TextField(_("opmerkingen"), blank=True)
    # Issue 11.3: the product versions the agreement covers, kept in history.
    products = models.ManyToManyField(
        ProductVersion,
        blank=True,
        related_name="framework_agreements",
        verbose_name=_("producten"),
    )

    history = HistoricalRecords(m2m_fields=[products])

    class Meta:
        verbose_name = _("raamovereenkomst")
        verbose_name_plural = _("raamovereenkomsten")
        ordering = ["coalition", "vendor", "-starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__isnull=True) | Q(ends__gte=models.F("starts")),
                name="framework_agreement_period",
                violation_error_message=_("De einddatum ligt vóór de ingangsdatum."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.coalition} — {self.vendor}"

    def is_active_on(self, day) -> bool:
        return self.starts <= day and (self.ends is None or day <= self.ends)


# simple_history gives the history of the products link no module of its own (it says
# "coalition"); the class lives here, where the shell's auto-import and pickling look.
globals()["HistoricalFrameworkAgreement_products"].__module__ = __name__


class VendorContact(models.Model):
    """A coalition's own contact at a vendor (account manager, implementation
    consultant). The vendor row is shared by every coalition; these rows are one
    coalition's, and a lead edits only their own coalition's (see
    `coalition.access.vendor_shared_fields_editable`)."""

    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.CASCADE,
        related_name="coalition_contacts",
        verbose_name=_("leverancier"),
    )
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="vendor_contacts",
        verbose_name=_("coalitie"),
    )
    name = models.CharField(_("naam"), max_length=200)
    function = models.CharField(_("functie"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contactpersoon leverancier")
        verbose_name_plural = _("contactpersonen leveranciers")
        ordering = ["vendor", "coalition", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.vendor})"
