"""Users, their memberships and roles, the e-mail outbox and what users did."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalition.models.organisations import Coalition, Funder
from coalition.models.vendors import Vendor


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("Een e-mailadres is verplicht")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(
        self, email: str, password: str | None = None, **extra
    ) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who logs in with an e-mail address."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    is_demo = models.BooleanField(
        _("demo-account"),
        default=False,
        help_text=_("Demo-accounts mogen op een ontwikkelmachine zonder MFA inloggen."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class StaffRole(models.TextChoices):
    """Roles of practice staff; training coverage is counted per role per practice.

    The codes match the staff count fields of a practice (`staff_<code>`).
    """

    GP = "gp", _("huisarts")
    NURSE_PRACTITIONER = "nurse_practitioner", _("praktijkondersteuner (POH)")
    MANAGER = "manager", _("praktijkmanager")
    ASSISTANT = "assistant", _("doktersassistent")


class Role(models.TextChoices):
    LEAD = "lead", _("projectleider")
    TRAINER = "trainer", _("trainer")
    PRACTICE = "practice", _("praktijkgebruiker")
    FUNDER = "funder", _("financier")
    OFFICE = "office", _("programmabureau")
    VENDOR = "vendor", _("leverancier")


class Membership(models.Model):
    """A user's role in a coalition (or, for the programme office, in all of them).

    A user may hold several memberships; a practice user's names the practice.
    """

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("gebruiker"),
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices)
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("coalitie"),
    )
    practice = models.ForeignKey(
        "practices.Practice",
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("praktijk"),
    )
    funder = models.ForeignKey(
        Funder,
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("financier"),
    )
    # A vendor's user works for one vendor, across every coalition (no coalition).
    vendor = models.ForeignKey(
        Vendor,
        on_delete=models.CASCADE,
        related_name="memberships",
        null=True,
        blank=True,
        verbose_name=_("leverancier"),
    )
    created = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "practice"],
                condition=Q(practice__isnull=False),
                name="membership_unique_practice",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "coalition"],
                condition=Q(practice__isnull=True, coalition__isnull=False),
                name="membership_unique_coalition",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(coalition__isnull=True),
                name="membership_unique_office",
            ),
            models.CheckConstraint(
                condition=Q(role__in=("office", "vendor"), coalition__isnull=True)
                | (~Q(role__in=("office", "vendor")) & Q(coalition__isnull=False)),
                name="membership_coalition_by_role",
                violation_error_message=_(
                    "Het programmabureau en een leverancier horen bij geen coalitie; "
                    "elke andere rol bij één."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role="vendor", vendor__isnull=False)
                | (~Q(role="vendor") & Q(vendor__isnull=True)),
                name="membership_vendor_by_role",
                violation_error_message=_(
                    "Alleen een leveranciersgebruiker hoort bij een leverancier, en die "
                    "altijd."
                ),
            ),
            models.CheckConstraint(
                condition=Q(role="practice", practice__isnull=False)
                | (~Q(role="practice") & Q(practice__isnull=True)),
                name="membership_practice_by_role",
                violation_error_message=_(
                    "Alleen een praktijkgebruiker hoort bij een praktijk, en die altijd."
                ),
            ),
        ]

    def __str__(self) -> str:
        where = self.practice or self.coalition or self.vendor or _("alle coalities")
        return f"{self.user} — {self.get_role_display()} ({where})"

    def clean(self) -> None:
        if (
            self.practice_id
            and self.coalition_id
            and self.practice.coalition_id != self.coalition_id
        ):
            raise ValidationError(
                {"practice": _("De praktijk hoort niet bij deze coalitie.")}
            )


class EmailMessage(models.Model):
    """Every e-mail the platform sends, recorded once under an idempotency key.

    Services create the row (unique `key`) and queue the sending task on commit. The
    task claims the row (queued → sending, with the claim's time) in one conditional
    UPDATE before it talks to the mail server, and records the moment it hands the
    message over (`handed_over_at`, just before the final "." of DATA). So a second
    task finds the claim and sends nothing; a worker killed before the handover leaves
    a claim that the sweeper takes back after `email_claim_timeout()`, and one killed
    after it leaves an "unconfirmed" row that is never sent again (at most once once
    the server may have it). `message_id` is the Message-ID header of every attempt.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        SENDING = "sending", _("wordt verzonden")
        SENT = "sent", _("verzonden")
        FAILED = "failed", _("mislukt")
        # Handed over to the mail server, but its answer never recorded: perhaps sent.
        UNCONFIRMED = "unconfirmed", _("onbevestigd")

    key = models.CharField(_("sleutel"), max_length=200, unique=True)
    to = models.EmailField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=250)
    body = models.TextField(_("tekst"))
    html_body = models.TextField(_("html"), blank=True)
    attachments = models.JSONField(default=list, blank=True)
    coalition = models.ForeignKey(
        Coalition, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    created = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(_("geclaimd op"), null=True, blank=True)
    handed_over_at = models.DateTimeField(
        _("overgedragen aan de mailserver op"), null=True, blank=True
    )
    sent_at = models.DateTimeField(_("verzonden op"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mailbericht")
        verbose_name_plural = _("e-mailberichten")
        ordering = ["-created"]
        indexes = [models.Index(fields=["status", "created"])]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class UserEvent(models.Model):
    """What a lead or the office did to someone's account (deactivated, reactivated,
    invitation sent again): who, when, what. Role changes and moves are in the
    membership's own history; this keeps the changes that have no row of their own."""

    class Kind(models.TextChoices):
        DEACTIVATED = "deactivated", _("gedeactiveerd")
        REACTIVATED = "reactivated", _("opnieuw geactiveerd")
        INVITATION_RESENT = "invitation_resent", _("uitnodiging opnieuw verstuurd")

    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("gebruiker"),
    )
    kind = models.CharField(_("wat"), max_length=20, choices=Kind.choices)
    by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coalitie"),
    )
    at = models.DateTimeField(_("wanneer"), default=timezone.now)

    class Meta:
        verbose_name = _("accountwijziging")
        verbose_name_plural = _("accountwijzigingen")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_kind_display()}"
