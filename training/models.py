"""Courses, their sessions and who registered for them.

A session's seats are guarded in `training.services` (the session row is locked while
the confirmed registrations are counted); the rules that belong to one row live here.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalition.models import Coalition, StaffRole
from coalition.validators import validate_plausible_date

AUDIENCE_FIELDS = {role.value: f"audience_{role.value}" for role in StaffRole}


class Course(models.Model):
    """What is taught; a coalition runs it as one or more sessions."""

    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="courses",
        verbose_name=_("coalitie"),
    )
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("omschrijving"), blank=True)
    # One flag per staff role (instead of a JSON list) so the public calendar can
    # filter on it in the database on SQLite and PostgreSQL alike.
    audience_gp = models.BooleanField(_("huisartsen"), default=True)
    audience_nurse_practitioner = models.BooleanField(
        _("praktijkondersteuners (POH)"), default=True
    )
    audience_manager = models.BooleanField(_("praktijkmanagers"), default=True)
    audience_assistant = models.BooleanField(_("doktersassistenten"), default=True)
    duration_hours = models.DecimalField(
        _("duur (uren)"), max_digits=4, decimal_places=1, default=3
    )
    accreditation_points = models.DecimalField(
        _("accreditatiepunten"), max_digits=4, decimal_places=1, default=0
    )
    is_required_module = models.BooleanField(
        _("verplichte module voor livegang"),
        default=False,
        help_text=_(
            "Alleen aanwezigheid bij deze module telt mee voor de dekking per rol."
        ),
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("cursus")
        verbose_name_plural = _("cursussen")
        ordering = ["coalition", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "title"], name="course_unique_title"
            ),
            models.CheckConstraint(
                condition=Q(duration_hours__gt=0),
                name="course_duration_positive",
                violation_error_message=_("De duur moet groter dan nul zijn."),
            ),
            models.CheckConstraint(
                condition=Q(accreditation_points__gte=0),
                name="course_points_not_negative",
                violation_error_message=_(
                    "Accreditatiepunten kunnen niet negatief zijn."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def audience(self) -> list[str]:
        return [code for code, field in AUDIENCE_FIELDS.items() if getattr(self, field)]

    def audience_labels(self) -> list[str]:
        return [str(StaffRole(code).label) for code in self.audience]

    def clean(self) -> None:
        if not self.audience:
            raise ValidationError(_("Kies minstens één doelgroep."))


class SessionQuerySet(models.QuerySet["Session"]):
    def upcoming(self) -> SessionQuerySet:
        return self.filter(starts_at__gte=timezone.now())

    def planned(self) -> SessionQuerySet:
        return self.filter(status=Session.Status.PLANNED)


class Session(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("gepland")
        CANCELLED = "cancelled", _("geannuleerd")
        HELD = "held", _("gehouden")

    class Mode(models.TextChoices):
        ON_SITE = "on_site", _("op locatie")
        ONLINE = "online", _("online")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    course = models.ForeignKey(
        Course,
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("cursus"),
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="training_sessions",
        verbose_name=_("trainers"),
        blank=True,
    )
    starts_at = models.DateTimeField(
        _("begint om"), validators=[validate_plausible_date]
    )
    ends_at = models.DateTimeField(
        _("eindigt om"), validators=[validate_plausible_date]
    )
    mode = models.CharField(
        _("vorm"), max_length=10, choices=Mode.choices, default=Mode.ON_SITE
    )
    address = models.CharField(_("adres"), max_length=250, blank=True)
    online_url = models.URLField(_("link naar de online sessie"), blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"))
    registration_deadline = models.DateTimeField(
        _("aanmelden kan tot"), validators=[validate_plausible_date]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    # iCalendar SEQUENCE: raised on every change a calendar should pick up.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("Het einde moet na het begin liggen."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="session_capacity_positive",
                violation_error_message=_("Een sessie heeft minstens één plaats."),
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.course} — {local:%d-%m-%Y %H:%M}"

    def get_absolute_url(self) -> str:
        """The public page of the session (the calendar links here)."""
        return reverse("training:public_detail", kwargs={"pk": self.pk})

    def get_manage_url(self) -> str:
        return reverse("training:session_detail", kwargs={"pk": self.pk})

    @property
    def location(self) -> str:
        return self.online_url if self.mode == self.Mode.ONLINE else self.address

    @property
    def is_open_for_registration(self) -> bool:
        now = timezone.now()
        return (
            self.status == self.Status.PLANNED
            and self.starts_at > now
            and self.registration_deadline >= now
        )

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = [_("Het einde moet na het begin liggen.")]
        if (
            self.registration_deadline
            and self.starts_at
            and self.registration_deadline > self.starts_at
        ):
            errors["registration_deadline"] = [
                _("De aanmeldtermijn moet sluiten vóór het begin van de sessie.")
            ]
        if self.mode == self.Mode.ON_SITE and not self.address.strip():
            errors["address"] = [_("Vul het adres in van een sessie op locatie.")]
        if self.mode == self.Mode.ONLINE and not self.online_url:
            errors["online_url"] = [_("Vul de link in van een online sessie.")]
        if errors:
            raise ValidationError(errors)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active(self) -> RegistrationQuerySet:
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self) -> RegistrationQuerySet:
        return self.filter(status=Registration.Status.CONFIRMED)

    def waitlisted(self) -> RegistrationQuerySet:
        """In the order people joined the list (ties by id, which is also arrival)."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by(
            "created", "pk"
        )


class Registration(models.Model):
    """One staff member of a practice on one session (confirmed or on the waitlist)."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("bevestigd")
        WAITLISTED = "waitlisted", _("wachtlijst")
        CANCELLED = "cancelled", _("geannuleerd")

    class Attendance(models.TextChoices):
        UNKNOWN = "unknown", _("nog niet bijgehouden")
        ATTENDED = "attended", _("aanwezig")
        NO_SHOW = "no_show", _("niet verschenen")

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("sessie"),
    )
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.CASCADE,
        related_name="training_registrations",
        verbose_name=_("praktijk"),
    )
    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("functie"), max_length=20, choices=StaffRole.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    attendance = models.CharField(
        _("aanwezigheid"),
        max_length=10,
        choices=Attendance.choices,
        default=Attendance.UNKNOWN,
    )
    notes = models.TextField(_("notities"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemeld door"),
    )
    created = models.DateTimeField(_("aangemeld op"), default=timezone.now)
    promoted_at = models.DateTimeField(_("van wachtlijst op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["session", "created", "pk"]
        indexes = [
            models.Index(fields=["session", "status", "created"]),
            # Whether anyone of a practice is trained in a role (the coverage test,
            # training.selectors.gap_filter): the attended, confirmed registrations
            # by practice and role, read from the index alone. Without it the
            # coverage list and the lead's start page scanned every registration of
            # the country once per role (about 30 ms at national scale, 16 ms with it).
            models.Index(
                fields=["practice", "role", "session"],
                condition=Q(attendance="attended", status="confirmed"),
                name="registration_trained",
            ),
        ]
        constraints = [
            # The service refuses a second registration with a clear message; this
            # catches the race of two requests for the same person at once.
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=~Q(status="cancelled"),
                name="registration_unique_email_per_session",
                violation_error_message=_(
                    "Dit e-mailadres is al aangemeld voor deze sessie."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.session}"


def _feed_token() -> str:
    return secrets.token_urlsafe(32)


class TrainerFeed(models.Model):
    """The secret address of a trainer's iCalendar feed (no login: calendar apps
    subscribe to it). Renewing it replaces the token, so the old address answers 404."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_feed",
        verbose_name=_("trainer"),
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token)
    renewed_at = models.DateTimeField(_("vernieuwd op"), default=timezone.now)

    class Meta:
        verbose_name = _("agenda-abonnement van een trainer")
        verbose_name_plural = _("agenda-abonnementen van trainers")

    def __str__(self) -> str:
        return str(self.user)

    def get_absolute_url(self) -> str:
        return reverse("training:trainer_feed", kwargs={"token": self.token})


class SessionMessage(models.Model):
    """A message the trainer or lead sent to the people of one session (kept, so the
    session shows what was said to whom)."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("bevestigde deelnemers")
        WAITLISTED = "waitlisted", _("wachtlijst")
        BOTH = "both", _("bevestigd en wachtlijst")

    session = models.ForeignKey(
        Session,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("sessie"),
    )
    audience = models.CharField(
        _("aan"), max_length=12, choices=Audience.choices, default=Audience.CONFIRMED
    )
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("bericht"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("verstuurd door"),
    )
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("aantal ontvangers"), default=0)
    # The form's one-time key: a second submit of the same form sends nothing.
    idempotency_key = models.CharField(max_length=64, unique=True, editable=False)

    class Meta:
        verbose_name = _("bericht aan deelnemers")
        verbose_name_plural = _("berichten aan deelnemers")
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject
