"""Bottlenecks, the vendors' answers and the coalition's replies to the vendor."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.models import ProductVersion, Vendor
from coalition.validators import validate_plausible_date
from practices.visits.models.visits import Visit


class Bottleneck(models.Model):
    """A problem a practice runs into that the coalition passes on to whoever can fix it."""

    class Category(models.TextChoices):
        LOGIN = "login", _("inloggen / DigiD")
        PORTAL_FUNCTION = "portal_function", _("functie van het portaal")
        HIS_LINK = "his_link", _("koppeling met het HIS")
        WORKFLOW = "workflow", _("werkwijze of tijd")
        PATIENT_COMMUNICATION = "patient_communication", _("communicatie met patiënten")
        OTHER = "other", _("overig")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PASSED_ON = "passed_on", _("doorgegeven")
        RESOLVED = "resolved", _("opgelost")

    class PassedTo(models.TextChoices):
        VENDOR = "vendor", _("leverancier")
        OFFICE = "office", _("landelijk programmabureau")

    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.CASCADE,
        related_name="bottlenecks",
        verbose_name=_("praktijk"),
    )
    visit = models.ForeignKey(
        Visit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("bezoek"),
    )
    category = models.CharField(_("categorie"), max_length=30, choices=Category.choices)
    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bottlenecks",
        verbose_name=_("leverancier"),
    )
    description = models.TextField(_("omschrijving"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeld door"),
    )
    raised_at = models.DateTimeField(
        _("gemeld op"), default=timezone.now, validators=[validate_plausible_date]
    )
    passed_to = models.CharField(
        _("doorgegeven aan"), max_length=10, choices=PassedTo.choices, blank=True
    )
    passed_on_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doorgegeven door"),
    )
    passed_on_at = models.DateTimeField(
        _("doorgegeven op"), null=True, blank=True, validators=[validate_plausible_date]
    )
    pass_on_note = models.TextField(_("toelichting bij het doorgeven"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgelost gemeld door"),
    )
    resolved_at = models.DateTimeField(
        _("opgelost op"), null=True, blank=True, validators=[validate_plausible_date]
    )
    resolution = models.TextField(_("oplossing"), blank=True)
    form_token = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )

    class Meta:
        db_table = "practices_bottleneck"
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        ordering = ["-raised_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "raised_at"]),
            models.Index(fields=["vendor", "category"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open")
                | (Q(passed_on_at__isnull=False) & ~Q(passed_to=""))
                | Q(status="resolved"),
                name="bottleneck_passed_on_has_details",
                violation_error_message=_(
                    "Een doorgegeven knelpunt heeft een ontvanger en een datum."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status="resolved") | Q(resolved_at__isnull=False),
                name="bottleneck_resolved_has_date",
                violation_error_message=_("Een opgelost knelpunt heeft een datum."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} — {self.practice.name}"

    def clean(self) -> None:
        if (
            self.visit_id
            and self.practice_id
            and self.visit.practice_id != self.practice_id
        ):
            raise ValidationError(
                {"visit": _("Dit bezoek hoort bij een andere praktijk.")}
            )


class VendorAnswer(models.Model):
    """A vendor's answer to a bottleneck passed on to it: one step of the thread the
    coalition reads on the bottleneck's page.

    The first answer is the acknowledgement (time to acknowledge); a "fixed in" names
    the product version that has the fix (time to fix).
    """

    class Kind(models.TextChoices):
        ACKNOWLEDGED = "acknowledged", _("ontvangen")
        IN_PROGRESS = "in_progress", _("in behandeling")
        FIXED = "fixed", _("opgelost in versie")
        NOT_REPRODUCIBLE = "not_reproducible", _("niet te reproduceren")
        WONT_FIX = "wont_fix", _("wordt niet opgelost")

    bottleneck = models.ForeignKey(
        Bottleneck,
        on_delete=models.CASCADE,
        related_name="vendor_answers",
        verbose_name=_("knelpunt"),
    )
    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("leverancier"),
    )
    kind = models.CharField(_("antwoord"), max_length=20, choices=Kind.choices)
    fixed_in = models.ForeignKey(
        ProductVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opgelost in versie"),
    )
    text = models.TextField(_("toelichting"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    created = models.DateTimeField(_("gegeven op"), default=timezone.now)

    class Meta:
        db_table = "practices_vendoranswer"
        verbose_name = _("antwoord van de leverancier")
        verbose_name_plural = _("antwoorden van leveranciers")
        ordering = ["bottleneck", "created", "pk"]
        indexes = [models.Index(fields=["vendor", "kind", "created"])]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="fixed") & Q(fixed_in__isnull=False))
                | (~Q(kind="fixed") & Q(fixed_in__isnull=True)),
                name="vendor_answer_fixed_names_version",
                violation_error_message=_(
                    'Alleen bij "opgelost in versie" hoort een versie, en daar altijd.'
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} — {self.get_kind_display()}"

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.kind == self.Kind.FIXED:
            if self.fixed_in_id is None:
                errors["fixed_in"] = [_("Kies de versie waarin het is opgelost.")]
            elif self.fixed_in.vendor_id != self.vendor_id:
                errors["fixed_in"] = [_("Deze versie is niet van uw product.")]
        elif self.fixed_in_id is not None:
            self.fixed_in = None
        if self.kind == self.Kind.NOT_REPRODUCIBLE and not self.text.strip():
            errors["text"] = [
                _("Stel de vraag die nodig is om het knelpunt te reproduceren.")
            ]
        if self.kind == self.Kind.WONT_FIX and not self.text.strip():
            errors["text"] = [_("Geef de reden waarom het niet wordt opgelost.")]
        if errors:
            raise ValidationError(errors)


class CoalitionReply(models.Model):
    """The coalition's reply in a bottleneck's thread with the vendor (issue 16): e.g.
    the answer to a vendor's "not reproducible" question. Addressed to the vendor the
    bottleneck was passed on to; kept apart from `VendorAnswer` so the vendor's
    response times count only the vendor's own answers."""

    MAX_LENGTH = 2000

    bottleneck = models.ForeignKey(
        Bottleneck,
        on_delete=models.CASCADE,
        related_name="coalition_replies",
        verbose_name=_("knelpunt"),
    )
    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.CASCADE,
        related_name="coalition_replies",
        verbose_name=_("leverancier"),
    )
    text = models.TextField(_("reactie"), max_length=MAX_LENGTH)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    created = models.DateTimeField(_("gegeven op"), default=timezone.now)

    class Meta:
        verbose_name = _("reactie van de coalitie")
        verbose_name_plural = _("reacties van de coalitie")
        ordering = ["bottleneck", "created", "pk"]

    def __str__(self) -> str:
        return f"{self.bottleneck_id} — {self.created:%Y-%m-%d}"
