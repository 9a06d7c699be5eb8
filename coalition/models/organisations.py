"""The region, the coalition, its member organisations, the funders and their grants."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalition.validators import validate_plausible_date


class Region(models.TextChoices):
    """The provinces, to group coalitions for the programme office."""

    GRONINGEN = "GR", "Groningen"
    FRIESLAND = "FR", "Friesland"
    DRENTHE = "DR", "Drenthe"
    OVERIJSSEL = "OV", "Overijssel"
    FLEVOLAND = "FL", "Flevoland"
    GELDERLAND = "GE", "Gelderland"
    UTRECHT = "UT", "Utrecht"
    NOORD_HOLLAND = "NH", "Noord-Holland"
    ZUID_HOLLAND = "ZH", "Zuid-Holland"
    ZEELAND = "ZE", "Zeeland"
    NOORD_BRABANT = "NB", "Noord-Brabant"
    LIMBURG = "LI", "Limburg"


class Coalition(models.Model):
    """A regional coalition of at least two GP organisations."""

    MIN_MEMBER_ORGANISATIONS = 2

    name = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    region = models.CharField(_("regio"), max_length=120)
    province = models.CharField(
        _("provincie"), max_length=2, choices=Region.choices, blank=True
    )
    contact_email = models.EmailField(_("e-mail projectbureau"), blank=True)
    # Issue 16: vendors see counts of the coalition's practices on their products;
    # names (and place) only where the coalition switched this on.
    vendors_see_practice_names = models.BooleanField(
        _("Leveranciers mogen praktijknamen zien"),
        default=False,
        help_text=_(
            "Gebruikers van een leverancier zien dan naam en plaats van de praktijken "
            "van deze coalitie die hun product gebruiken, in plaats van alleen aantallen."
        ),
    )
    created = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_complete(self) -> bool:
        """A coalition needs at least two member organisations to exist."""
        n = self.member_organisations.current().count()
        return n >= self.MIN_MEMBER_ORGANISATIONS


class MemberOrganisationQuerySet(models.QuerySet):
    def current(self) -> MemberOrganisationQuerySet:
        """Members without an end date: the ones the coalition rule counts."""
        return self.filter(ended_on__isnull=True)


class MemberOrganisation(models.Model):
    class Kind(models.TextChoices):
        ZORGGROEP = "zorggroep", _("zorggroep")
        HEALTH_CENTRES = "federation", _("federatie van gezondheidscentra")
        COOPERATIVE = "cooperative", _("huisartsencoöperatie")
        LHV_KRING = "lhv_kring", _("LHV-kring")

    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="member_organisations",
        verbose_name=_("coalitie"),
    )
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    contact_name = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    # Issue 11.1: a member leaves the coalition on a date; its row (and history) stays.
    contact_phone = models.CharField(
        _("telefoon contactpersoon"), max_length=40, blank=True
    )
    ended_on = models.DateField(
        _("lid tot en met"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
        help_text=_("Leeg: de organisatie is lid van de coalitie."),
    )

    history = HistoricalRecords()

    objects = MemberOrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidorganisatie")
        verbose_name_plural = _("lidorganisaties")
        ordering = ["coalition", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "name"], name="member_organisation_unique_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Funder(models.Model):
    """An organisation that funds coalitions (the ministry, a health insurer, …)."""

    name = models.CharField(_("naam"), max_length=200, unique=True)

    class Meta:
        verbose_name = _("financier")
        verbose_name_plural = _("financiers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Grant(models.Model):
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="grants",
        verbose_name=_("coalitie"),
    )
    funder = models.ForeignKey(
        Funder,
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("financier"),
    )
    reference = models.CharField(_("kenmerk"), max_length=60, blank=True)
    amount = models.DecimalField(_("bedrag (€)"), max_digits=12, decimal_places=2)
    starts = models.DateField(_("begin"), validators=[validate_plausible_date])
    ends = models.DateField(_("einde"), validators=[validate_plausible_date])
    committed_practices = models.PositiveIntegerField(_("toegezegde praktijken"))
    committed_patients = models.PositiveIntegerField(_("toegezegde patiënten"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("subsidie")
        verbose_name_plural = _("subsidies")
        ordering = ["coalition", "-starts"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends__gte=models.F("starts")),
                name="grant_period",
                violation_error_message=_("Het einde ligt vóór het begin."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="grant_amount_not_negative",
                violation_error_message=_("Het bedrag kan niet negatief zijn."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.funder} → {self.coalition} ({self.starts:%Y})"
