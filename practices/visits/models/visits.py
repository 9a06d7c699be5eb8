"""Visits, the practice's replies to them and their follow-up actions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

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
