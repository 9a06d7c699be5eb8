"""Practice visits, their follow-up actions and the bottlenecks they bring up.

A visit is planned, then held; its feedback reaches the practice only once a lead shares
it. What the practice looked like on the day (rollout, training, questionnaire figures)
is kept with the visit as a JSON snapshot, so a later change does not rewrite history.

These models lived in the practices app until issue 12; they moved without moving data,
so each keeps its table name (`practices_…`) in `Meta.db_table`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalition.models import ProductVersion, Vendor
from coalition.validators import validate_plausible_date


class VisitQuerySet(models.QuerySet["Visit"]):
    def held(self) -> VisitQuerySet:
        return self.filter(held_on__isnull=False)

    def planned(self) -> VisitQuerySet:
        return self.filter(held_on__isnull=True)

    def shared(self) -> VisitQuerySet:
        return self.filter(feedback_shared_at__isnull=False)


class Visit(models.Model):
    """One visit to a practice: planned first, held later, feedback shared last."""

    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.CASCADE,
        related_name="visits",
        verbose_name=_("praktijk"),
    )
    planned_on = models.DateField(
        _("geplande datum"), validators=[validate_plausible_date]
    )
    held_on = models.DateField(
        _("datum gehouden"), null=True, blank=True, validators=[validate_plausible_date]
    )
    visitors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="practice_visits",
        blank=True,
        verbose_name=_("bezoekers"),
    )
    progress = models.TextField(_("voortgang"), blank=True)
    going_well = models.TextField(_("wat gaat goed"), blank=True)
    challenges = models.TextField(_("uitdagingen"), blank=True)
    support_needed = models.TextField(_("gewenste ondersteuning"), blank=True)
    feedback = models.TextField(_("terugkoppeling aan de praktijk"), blank=True)
    feedback_shared_at = models.DateTimeField(
        _("gedeeld op"), null=True, blank=True, validators=[validate_plausible_date]
    )
    feedback_shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gedeeld door"),
    )
    snapshot = models.JSONField(_("momentopname"), default=dict, blank=True)
    snapshot_taken_at = models.DateTimeField(
        _("momentopname genomen op"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(auto_now=True)
    # Raised by every save of the report: a form carries the version it was opened at,
    # so a second person saving an older copy gets a conflict instead of overwriting.
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    # The one-time token of the form that created it: a second submission of the same
    # form (a double click) finds this visit instead of making another.
    form_token = models.CharField(
        max_length=64, null=True, blank=True, unique=True, editable=False
    )

    objects = VisitQuerySet.as_manager()
    # Every change of the report and its feedback keeps the previous text, who changed
    # it and when (NEN 7513; the audit log records the access, never the content).
    history = HistoricalRecords(table_name="practices_historicalvisit")

    class Meta:
        db_table = "practices_visit"
        verbose_name = _("praktijkbezoek")
        verbose_name_plural = _("praktijkbezoeken")
        ordering = ["-planned_on", "-pk"]
        indexes = [
            models.Index(fields=["practice", "held_on"]),
            models.Index(fields=["planned_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(feedback_shared_at__isnull=True) | ~Q(feedback=""),
                name="visit_shared_feedback_not_empty",
                violation_error_message=_(
                    "Gedeelde terugkoppeling kan niet leeg zijn."
                ),
            ),
        ]

    def __str__(self) -> str:
        day = self.held_on or self.planned_on
        return f"{self.practice.name} — {day:%d-%m-%Y}"

    @property
    def is_held(self) -> bool:
        return self.held_on is not None

    @property
    def is_shared(self) -> bool:
        return self.feedback_shared_at is not None

    @property
    def day(self):
        """The date that counts: when it was held, else when it is planned."""
        return self.held_on or self.planned_on

    def clean(self) -> None:
        if self.held_on and self.held_on > timezone.localdate():
            raise ValidationError(
                {
                    "held_on": _(
                        "Een bezoek in de toekomst kan nog niet gehouden zijn: "
                        "kies een datum van vandaag of eerder, of laat het veld leeg."
                    )
                }
            )


class VisitReply(models.Model):
    """The practice's answer to the shared feedback."""

    visit = models.ForeignKey(
        Visit,
        on_delete=models.CASCADE,
        related_name="replies",
        verbose_name=_("bezoek"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    text = models.TextField(_("reactie"))
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "practices_visitreply"
        verbose_name = _("reactie op bezoek")
        verbose_name_plural = _("reacties op bezoeken")
        ordering = ["visit", "created"]

    def __str__(self) -> str:
        return f"{self.visit} — {self.author}"


class FollowUpAction(models.Model):
    """Something to do after a visit; open ones come back on the next visit's agenda."""

    class Owner(models.TextChoices):
        LEAD = "lead", _("projectleider")
        PRACTICE = "practice", _("praktijk")

    visit = models.ForeignKey(
        Visit,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("bezoek"),
    )
    description = models.TextField(_("omschrijving"))
    owner = models.CharField(
        _("eigenaar"), max_length=10, choices=Owner.choices, default=Owner.PRACTICE
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visit_actions",
        verbose_name=_("projectleider"),
        help_text=_("De projectleider die de actie oppakt (als de eigenaar die is)."),
    )
    due_on = models.DateField(_("uiterste datum"), validators=[validate_plausible_date])
    done_on = models.DateField(
        _("afgerond op"), null=True, blank=True, validators=[validate_plausible_date]
    )
    reminder_sent_on = models.DateField(
        _("herinnering verstuurd op"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "practices_followupaction"
        verbose_name = _("vervolgactie")
        verbose_name_plural = _("vervolgacties")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["done_on", "due_on"])]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.visit_id and self.due_on:
            start = self.visit.day
            if self.due_on < start:
                errors["due_on"] = [
                    _(
                        "De uiterste datum ligt vóór het bezoek (%(day)s): kies een "
                        "datum op of na de bezoekdatum."
                    )
                    % {"day": start.strftime("%d-%m-%Y")}
                ]
        if self.done_on and self.done_on > timezone.localdate():
            errors["done_on"] = [_("Een actie kan niet in de toekomst afgerond zijn.")]
        if self.owner == self.Owner.PRACTICE and self.owner_user_id:
            self.owner_user = None
        if errors:
            raise ValidationError(errors)


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


class VisitNotice(models.Model):
    """A digest or reminder that went out, once per key: the record of what was sent.

    The key names recipient and period (`digest:<user>:<iso week>`,
    `reminder:<action>:<due date>`), so a second run on the same day finds it and
    sends nothing.
    """

    class Kind(models.TextChoices):
        DIGEST = "digest", _("wekelijks overzicht")
        REMINDER = "reminder", _("herinnering aan actie")
        PASSED_ON = "passed_on", _("knelpunt doorgegeven")
        SHARED = "shared", _("terugkoppeling gedeeld")
        VENDOR_ANSWER = "answer", _("antwoord van de leverancier")
        COALITION_REPLY = "reply_vnd", _("reactie van de coalitie aan de leverancier")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    to = models.EmailField(_("aan"))
    day = models.DateField(_("dag"))
    summary = models.JSONField(_("inhoud"), default=dict, blank=True)
    coalition = models.ForeignKey(
        "coalition.Coalition",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    message = models.ForeignKey(
        "coalition.EmailMessage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "practices_visitnotice"
        verbose_name = _("verzonden bericht")
        verbose_name_plural = _("verzonden berichten")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to} ({self.day:%d-%m-%Y})"
