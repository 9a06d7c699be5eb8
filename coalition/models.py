"""Core of the platform: who the coalition is, who works in it, what it is funded for.

This module imports no app; the one lazy reference to `practices.Practice` (a practice
user's membership) is by name only.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from coalition.validators import validate_plausible_date


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


from coalition.models_audit import AuditEvent  # noqa: E402, F401  (the audit log's row)


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
