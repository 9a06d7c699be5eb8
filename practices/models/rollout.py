"""Go-live per practice per service: deadlines, the rollout step and every change to it.

The deadline state is not stored: it is computed in the database from the rollout, the
coalition's deadline for the service and today (see `practices.rules`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.models import Coalition, Service
from coalition.validators import validate_plausible_date
from practices.models.registry import Practice


class Step(models.IntegerChoices):
    """The rollout steps in order; the number is the order."""

    NOT_STARTED = 0, _("niet gestart")
    SYSTEM_CHOSEN = 1, _("systeem gekozen")
    CONNECTED = 2, _("gekoppeld")
    STAFF_TRAINED = 3, _("team getraind")
    PATIENTS_INFORMED = 4, _("patiënten geïnformeerd")
    LIVE = 5, _("live")


class Reason(models.TextChoices):
    """Why a practice that is not live is not live (yet)."""

    WAITING_FOR_VENDOR = "vendor", _("wacht op leverancier")
    TRAINING_MISSING = "training", _("scholing ontbreekt")
    CAPACITY = "capacity", _("te weinig capaciteit")
    NOT_STARTED = "not_started", _("nog niet begonnen")
    OTHER = "other", _("anders")


class DeadlineState(models.TextChoices):
    """Computed, never stored (see practices.rules.deadline_state)."""

    LIVE_ON_TIME = "live_on_time", _("op tijd live")
    LIVE_LATE = "live_late", _("te laat live")
    ON_TRACK = "on_track", _("op koers")
    AT_RISK = "at_risk", _("risico")
    OVERDUE = "overdue", _("deadline verstreken")


class ServiceDeadline(models.Model):
    """A coalition's deadline and target share for one online service."""

    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="service_deadlines",
        verbose_name=_("coalitie"),
    )
    service = models.CharField(_("dienst"), max_length=30, choices=Service.choices)
    deadline = models.DateField(_("deadline"), validators=[validate_plausible_date])
    target_pct = models.PositiveSmallIntegerField(
        _("doel (% van de praktijken)"),
        default=95,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    stuck_after = models.DurationField(
        _("risico na zoveel tijd in één stap"),
        default=dt.timedelta(weeks=8),
        help_text=_("Een praktijk die langer in één stap staat, loopt risico."),
    )

    class Meta:
        verbose_name = _("deadline per dienst")
        verbose_name_plural = _("deadlines per dienst")
        ordering = ["coalition", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "service"], name="service_deadline_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.coalition} — {self.get_service_display()} ({self.deadline})"


class Rollout(models.Model):
    """Where one practice stands with one service."""

    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="rollouts",
        verbose_name=_("praktijk"),
    )
    service = models.CharField(_("dienst"), max_length=30, choices=Service.choices)
    step = models.PositiveSmallIntegerField(
        _("stap"), choices=Step.choices, default=Step.NOT_STARTED
    )
    step_since = models.DateField(
        _("in deze stap sinds"),
        default=timezone.localdate,
        validators=[validate_plausible_date],
    )
    planned_date = models.DateField(
        _("geplande livegang"),
        null=True,
        blank=True,
        validators=[validate_plausible_date],
    )
    live_date = models.DateField(
        _("live sinds"), null=True, blank=True, validators=[validate_plausible_date]
    )
    reason = models.CharField(
        _("reden (niet live)"), max_length=20, choices=Reason.choices, blank=True
    )
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("uitrol")
        verbose_name_plural = _("uitrol")
        ordering = ["practice", "service"]
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "service"], name="rollout_unique_service"
            ),
            models.CheckConstraint(
                condition=models.Q(step=Step.LIVE, live_date__isnull=False)
                | (~models.Q(step=Step.LIVE) & models.Q(live_date__isnull=True)),
                name="rollout_live_date_iff_live",
                violation_error_message=_(
                    "Alleen een praktijk die live is heeft een livedatum, en die altijd."
                ),
            ),
        ]
        indexes = [models.Index(fields=["service", "step"])]

    def __str__(self) -> str:
        return f"{self.practice} — {self.get_service_display()}"


class RolloutChange(models.Model):
    """One change of a rollout: who, when, from, to and why. Written by the service."""

    rollout = models.ForeignKey(
        Rollout,
        on_delete=models.CASCADE,
        related_name="changes",
        verbose_name=_("uitrol"),
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    from_step = models.PositiveSmallIntegerField(
        _("van stap"), choices=Step.choices, null=True, blank=True
    )
    to_step = models.PositiveSmallIntegerField(_("naar stap"), choices=Step.choices)
    from_planned_date = models.DateField(
        _("was gepland"), null=True, blank=True, validators=[validate_plausible_date]
    )
    to_planned_date = models.DateField(
        _("nu gepland"), null=True, blank=True, validators=[validate_plausible_date]
    )
    live_date = models.DateField(
        _("livedatum"), null=True, blank=True, validators=[validate_plausible_date]
    )
    reason = models.CharField(
        _("reden"), max_length=20, choices=Reason.choices, blank=True
    )
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        verbose_name = _("wijziging uitrol")
        verbose_name_plural = _("wijzigingen uitrol")
        ordering = ["-changed_at", "-pk"]
        indexes = [models.Index(fields=["rollout", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.rollout}: {self.from_step} → {self.to_step}"
