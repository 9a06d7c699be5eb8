"""Member practices of a coalition."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalition.models import Coalition, MemberOrganisation, ProductVersion, Vendor
from coalition.validators import (
    normalize_agb,
    normalize_postcode,
    validate_agb,
    validate_plausible_date,
    validate_postcode,
)


class PracticeQuerySet(models.QuerySet["Practice"]):
    def active(self) -> PracticeQuerySet:
        return self.filter(is_active=True)

    def of_coalition(self, coalition: Coalition) -> PracticeQuerySet:
        return self.filter(coalition=coalition)


class Practice(models.Model):
    class Neighbourhood(models.TextChoices):
        STANDARD = "standard", _("gemiddeld")
        DEPRIVED = "deprived", _("achterstandswijk")
        HIGHLY_EDUCATED = "highly_educated", _("veel hoogopgeleiden")

    agb_code = models.CharField(
        _("AGB-code"),
        max_length=8,
        unique=True,
        validators=[validate_agb],
        # The practice may be in a coalition the user cannot see: do not say it
        # exists, only that the code cannot be registered here (and who can help).
        error_messages={
            "unique": _(
                "Deze AGB-code kan hier niet worden geregistreerd. Hoort de praktijk "
                "bij uw coalitie, vraag het programmabureau dan om haar te verplaatsen."
            )
        },
    )
    name = models.CharField(_("naam"), max_length=200)
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("coalitie"),
    )
    member_organisation = models.ForeignKey(
        MemberOrganisation,
        on_delete=models.PROTECT,
        related_name="practices",
        verbose_name=_("lidorganisatie"),
    )
    street = models.CharField(_("straat en huisnummer"), max_length=200, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[validate_postcode]
    )
    city = models.CharField(_("plaats"), max_length=100, blank=True)
    list_size = models.PositiveIntegerField(_("aantal patiënten"))
    his_vendor = models.ForeignKey(
        Vendor,
        on_delete=models.PROTECT,
        related_name="his_practices",
        null=True,
        blank=True,
        verbose_name=_("HIS-leverancier"),
    )
    his_version = models.ForeignKey(
        ProductVersion,
        on_delete=models.SET_NULL,
        related_name="his_practices",
        null=True,
        blank=True,
        verbose_name=_("HIS-versie"),
    )
    portal_vendor = models.ForeignKey(
        Vendor,
        on_delete=models.PROTECT,
        related_name="portal_practices",
        null=True,
        blank=True,
        verbose_name=_("portaalleverancier"),
    )
    cohort = models.CharField(
        _("cohort"),
        max_length=60,
        blank=True,
        help_text=_("Bijvoorbeeld ‘pioniers’ of ‘golf 2’."),
    )
    neighbourhood = models.CharField(
        _("wijkprofiel"),
        max_length=20,
        choices=Neighbourhood.choices,
        default=Neighbourhood.STANDARD,
    )
    staff_gp = models.PositiveSmallIntegerField(_("huisartsen"), default=1)
    staff_nurse_practitioner = models.PositiveSmallIntegerField(
        _("praktijkondersteuners (POH)"), default=0
    )
    staff_manager = models.PositiveSmallIntegerField(_("praktijkmanagers"), default=0)
    staff_assistant = models.PositiveSmallIntegerField(_("assistenten"), default=0)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail praktijk"), blank=True)
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Uit als de praktijk is vertrokken.")
    )
    left_on = models.DateField(
        _("vertrokken op"), null=True, blank=True, validators=[validate_plausible_date]
    )
    # The public page "Wat kan ik online bij mijn huisarts?" (practices.public): only
    # published after the practice itself agreed, and found by its slug, never its pk.
    public_page = models.BooleanField(_("publieke pagina"), default=False)
    public_page_since = models.DateTimeField(
        _("publieke pagina sinds"), null=True, blank=True
    )
    public_slug = models.SlugField(
        _("adres van de publieke pagina"),
        max_length=80,
        unique=True,
        null=True,
        blank=True,
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = PracticeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("praktijk")
        verbose_name_plural = _("praktijken")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["coalition", "name"]),
            models.Index(fields=["coalition", "is_active"]),
            # The office's list of every coalition, a page of 50 by name: without it
            # PostgreSQL joined all 5,000 practices to their rollout before sorting.
            models.Index(fields=["name"], name="practice_name"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(staff_gp__gte=1) | Q(is_active=False),
                name="practice_has_a_gp",
                violation_error_message=_(
                    "Een actieve praktijk heeft minstens één huisarts."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agb_code})"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors = {}
        try:
            self.agb_code = normalize_agb(self.agb_code)
        except ValidationError as exc:
            errors["agb_code"] = exc.messages
        if self.postcode:
            try:
                self.postcode = normalize_postcode(self.postcode)
            except ValidationError as exc:
                errors["postcode"] = exc.messages
        if (
            self.member_organisation_id
            and self.coalition_id
            and self.member_organisation.coalition_id != self.coalition_id
        ):
            errors["member_organisation"] = [
                _("Deze lidorganisatie hoort niet bij de coalitie van de praktijk.")
            ]
        if self.his_vendor_id and not self.his_vendor.supplies_his:
            errors["his_vendor"] = [_("Deze leverancier levert geen HIS.")]
        if self.portal_vendor_id and not self.portal_vendor.supplies_portal:
            errors["portal_vendor"] = [_("Deze leverancier levert geen portaal.")]
        if self.his_version_id and self.his_version.vendor_id != self.his_vendor_id:
            errors["his_version"] = [
                _("Deze versie hoort niet bij de HIS-leverancier.")
            ]
        if errors:
            raise ValidationError(errors)


class PracticeContact(models.Model):
    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("praktijk"),
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mail"))
    function = models.CharField(_("functie"), max_length=100, blank=True)
    is_primary = models.BooleanField(_("eerste contactpersoon"), default=False)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["practice", "-is_primary", "name"]

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"
