"""A questionnaire, its sections and questions, and how a typed answer is read."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coalition.models import Coalition
from coalition.validators import validate_plausible_date

YES_WORDS = {"ja", "yes", "1", "true", "j", "y", "waar"}
NO_WORDS = {"nee", "no", "0", "false", "n", "onwaar"}
THOUSANDS_RE = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
TEXT_MAX_LENGTH = 5000


class QuestionnaireQuerySet(models.QuerySet["Questionnaire"]):
    def open(self) -> QuestionnaireQuerySet:
        return self.filter(status=Questionnaire.Status.OPEN)

    def chronological(self) -> QuestionnaireQuerySet:
        return self.order_by(
            "coalition", "year", models.F("quarter").asc(nulls_last=True)
        )


class Questionnaire(models.Model):
    """One round of the questionnaire of a coalition: a year, or a quarter of a year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("concept")
        OPEN = "open", _("open")
        CLOSED = "closed", _("gesloten")

    coalition = models.ForeignKey(
        Coalition,
        on_delete=models.CASCADE,
        related_name="questionnaires",
        verbose_name=_("coalitie"),
    )
    year = models.PositiveSmallIntegerField(_("jaar"))
    quarter = models.PositiveSmallIntegerField(
        _("kwartaal"),
        null=True,
        blank=True,
        choices=[(1, "K1"), (2, "K2"), (3, "K3"), (4, "K4")],
        help_text=_("Leeg voor een jaarvragenlijst."),
    )
    title = models.CharField(_("titel"), max_length=200)
    intro = models.TextField(_("toelichting"), blank=True)
    opens = models.DateField(_("open vanaf"), validators=[validate_plausible_date])
    closes = models.DateField(_("sluit op"), validators=[validate_plausible_date])
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reminder_days = models.JSONField(
        _("herinneringen (dagen vóór sluiting)"),
        default=list,
        blank=True,
        help_text=_("Bijvoorbeeld 14, 7 en 1: op die dagen vóór de sluitingsdatum."),
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["coalition", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "year", "quarter"],
                condition=Q(quarter__isnull=False),
                name="questionnaire_unique_quarter",
            ),
            models.UniqueConstraint(
                fields=["coalition", "year"],
                condition=Q(quarter__isnull=True),
                name="questionnaire_unique_year",
            ),
            models.CheckConstraint(
                condition=Q(closes__gte=models.F("opens")),
                name="questionnaire_period",
                violation_error_message=_("De sluitingsdatum ligt vóór de opening."),
            ),
            models.CheckConstraint(
                condition=Q(quarter__isnull=True) | Q(quarter__gte=1, quarter__lte=4),
                name="questionnaire_quarter_range",
                violation_error_message=_("Een kwartaal is 1, 2, 3 of 4."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.period})"

    @property
    def period(self) -> str:
        """'2019' for a year, '2019-K2' for a quarter."""
        return f"{self.year}-K{self.quarter}" if self.quarter else str(self.year)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    def accepts_answers_on(self, day: dt.date) -> bool:
        return self.status == self.Status.OPEN and day <= self.closes

    def clean(self) -> None:
        days = self.reminder_days or []
        if not isinstance(days, list) or not all(
            isinstance(d, int) and 0 <= d <= 365 for d in days
        ):
            raise ValidationError(
                {
                    "reminder_days": _(
                        "Geef de herinneringsdagen als hele getallen van 0 tot 365."
                    )
                }
            )


class Section(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="sections",
        verbose_name=_("vragenlijst"),
    )
    title = models.CharField(_("titel"), max_length=200)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("onderdeel")
        verbose_name_plural = _("onderdelen")
        ordering = ["questionnaire", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        INTEGER = "integer", _("geheel getal")
        DECIMAL = "decimal", _("decimaal getal")
        PERCENTAGE = "percentage", _("percentage (0–100)")
        YES_NO = "yes_no", _("ja/nee")
        SINGLE = "single", _("één keuze")
        MULTIPLE = "multiple", _("meerdere keuzes")
        TEXT = "text", _("tekst")
        DATE = "date", _("datum")

    NUMERIC = frozenset({Kind.INTEGER, Kind.DECIMAL, Kind.PERCENTAGE})

    questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("vragenlijst"),
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        related_name="questions",
        verbose_name=_("onderdeel"),
    )
    code = models.SlugField(
        _("code"),
        max_length=60,
        help_text=_("Blijft gelijk over de jaren, zodat jaren vergelijkbaar zijn."),
    )
    text = models.CharField(_("vraag"), max_length=500)
    help = models.TextField(_("toelichting"), blank=True)
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    unit = models.CharField(_("eenheid"), max_length=40, blank=True)
    required = models.BooleanField(_("verplicht"), default=False)
    min_value = models.DecimalField(
        _("minimum"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    choices = models.JSONField(
        _("keuzes"),
        default=list,
        blank=True,
        help_text=_("Lijst van [waarde, omschrijving] voor keuzevragen."),
    )
    show_if = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("alleen tonen als ‘ja’ op"),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["questionnaire", "section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "code"], name="question_unique_code"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.text}"

    # --- invariants -------------------------------------------------------------

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.questionnaire_id and not self.questionnaire.is_draft:
            raise ValidationError(
                _("Vragen wijzigen kan alleen zolang de vragenlijst een concept is.")
            )
        if self.section_id and self.section.questionnaire_id != self.questionnaire_id:
            errors["section"] = [_("Dit onderdeel hoort bij een andere vragenlijst.")]
        if (
            self.min_value is not None
            and self.max_value is not None
            and self.min_value > self.max_value
        ):
            errors["max_value"] = [_("Het maximum ligt onder het minimum.")]
        if self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE) and not self.choices:
            errors["choices"] = [_("Een keuzevraag heeft keuzes nodig.")]
        if self.show_if_id:
            if self.show_if.kind != self.Kind.YES_NO:
                errors["show_if"] = [_("Alleen een ja/nee-vraag kan dit bepalen.")]
            elif self.show_if.questionnaire_id != self.questionnaire_id or (
                self.pk and self.show_if_id == self.pk
            ):
                errors["show_if"] = [_("Kies een andere vraag uit deze vragenlijst.")]
        if errors:
            raise ValidationError(errors)

    # --- parsing one answer ---------------------------------------------------------

    @property
    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        low, high = (
            None if v is None else Decimal(str(v))
            for v in (self.min_value, self.max_value)
        )
        if self.kind == self.Kind.PERCENTAGE:
            low = Decimal(0) if low is None else max(low, Decimal(0))
            high = Decimal(100) if high is None else min(high, Decimal(100))
        if self.kind == self.Kind.INTEGER and low is None:
            low = Decimal(0)
        return low, high

    @property
    def is_percent(self) -> bool:
        """Answered in percent: a spreadsheet cell formatted as 54% holds 0.54."""
        return self.kind == self.Kind.PERCENTAGE or self.unit.strip() == "%"

    @property
    def choice_values(self) -> list[str]:
        return [str(c[0]) for c in self.choices or []]

    def parse(self, raw: object):
        """Turn what was typed (or read from a spreadsheet cell) into a value.

        Returns None for an empty answer; raises ValidationError with a message a
        practice manager understands.
        """
        if raw is None:
            return None
        if _has_nul(raw):
            raise ValidationError(
                _("Het antwoord bevat een ongeldig teken (NUL-teken); verwijder het.")
            )
        if isinstance(raw, (list, tuple)):
            if self.kind != self.Kind.MULTIPLE:
                raw = raw[-1] if raw else ""
            else:
                items = [str(r).strip() for r in raw if str(r).strip()]
                return self._parse_multiple(items) if items else None
        if isinstance(raw, str):
            raw = raw.strip()
            if raw == "":
                return None
        kind = self.kind
        if kind in self.NUMERIC:
            return self._parse_number(raw)
        if kind == self.Kind.YES_NO:
            return parse_yes_no(raw)
        if kind == self.Kind.SINGLE:
            return self._parse_choice(str(raw))
        if kind == self.Kind.MULTIPLE:
            items = [p.strip() for p in str(raw).split(";") if p.strip()]
            return self._parse_multiple(items) if items else None
        if kind == self.Kind.DATE:
            return parse_date(raw)
        text = str(raw)
        if len(text) > TEXT_MAX_LENGTH:
            raise ValidationError(
                _("Houd het antwoord korter dan %(n)s tekens.") % {"n": TEXT_MAX_LENGTH}
            )
        return text

    def _parse_number(self, raw: object) -> Decimal:
        if isinstance(raw, bool):
            raise ValidationError(_("Vul een getal in."))
        if isinstance(raw, (int, float, Decimal)):
            try:
                value = Decimal(str(raw))
            except InvalidOperation:
                raise ValidationError(_("Vul een getal in.")) from None
        else:
            text = str(raw).replace(" ", "").replace("\u00a0", "").rstrip("%")
            if THOUSANDS_RE.match(text):
                text = text.replace(".", "")
            elif "," in text:
                text = text.replace(".", "").replace(",", ".")
            try:
                value = Decimal(text)
            except InvalidOperation:
                if self.kind == self.Kind.INTEGER:
                    raise ValidationError(_("Vul een geheel getal in.")) from None
                raise ValidationError(_("Vul een getal in.")) from None
        if not value.is_finite():
            raise ValidationError(_("Vul een getal in."))
        if self.kind == self.Kind.INTEGER and value != value.to_integral_value():
            raise ValidationError(_("Vul een geheel getal in, zonder decimalen."))
        if abs(value) >= Decimal("1e10"):
            raise ValidationError(_("Dit getal is te groot."))
        low, high = self.bounds
        if self.kind == self.Kind.PERCENTAGE and (value < 0 or value > 100):
            raise ValidationError(_("Een percentage ligt tussen 0 en 100."))
        if low is not None and value < low:
            raise ValidationError(
                _("Het getal mag niet kleiner zijn dan %(min)s.") % {"min": _fmt(low)}
            )
        if high is not None and value > high:
            raise ValidationError(
                _("Het getal mag niet groter zijn dan %(max)s.") % {"max": _fmt(high)}
            )
        if self.kind == self.Kind.INTEGER:
            return value.to_integral_value()
        return value.quantize(Decimal("0.0001"))

    def _parse_choice(self, raw: str) -> str:
        for value, label in self.choices or []:
            if raw.lower() in (str(value).lower(), str(label).lower()):
                return str(value)
        raise ValidationError(
            _("Kies een van: %(choices)s.")
            % {"choices": ", ".join(str(c[1]) for c in self.choices)}
        )

    def _parse_multiple(self, items: list[str]) -> list[str]:
        chosen = [self._parse_choice(item) for item in items]
        return [v for v in self.choice_values if v in chosen]


def _has_nul(raw: object) -> bool:
    """A NUL character: PostgreSQL refuses it in text, so no answer may carry one."""
    if isinstance(raw, str):
        return "\x00" in raw
    if isinstance(raw, (list, tuple)):
        return any(isinstance(r, str) and "\x00" in r for r in raw)
    return False


def _fmt(value: Decimal) -> str:
    """A bound as a Dutch number: 12.500 or 2,5."""
    if value == value.to_integral_value():
        return f"{int(value):,}".replace(",", ".")
    return f"{value.normalize():f}".replace(".", ",")


def parse_yes_no(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, (int, float)) and raw in (0, 1):
        return bool(raw)
    text = str(raw).strip().lower()
    if text in YES_WORDS:
        return True
    if text in NO_WORDS:
        return False
    raise ValidationError(_("Antwoord met ja of nee."))


def parse_date(raw: object) -> dt.date:
    value = _read_date(raw)
    validate_plausible_date(value)  # 0001-01-01 is a typing error, not an answer
    return value


def _read_date(raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw).strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a date only
        except ValueError:
            continue
    raise ValidationError(_("Vul een datum in als dd-mm-jjjj."))
