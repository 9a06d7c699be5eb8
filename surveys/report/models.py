"""A frozen edition of a regional report: its figures as they were, never recomputed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportEdition(models.Model):
    questionnaire = models.ForeignKey(
        "surveys.Questionnaire",
        on_delete=models.PROTECT,
        related_name="report_editions",
        verbose_name=_("vragenlijst"),
    )
    title = models.CharField(
        _("titel"), max_length=120, help_text=_("Bijvoorbeeld ‘Jaarrapportage 2025’.")
    )
    data = models.JSONField(_("cijfers"), editable=False)
    """The full (coalition) report as computed at the moment of freezing."""
    frozen_at = models.DateTimeField(_("bevroren op"), editable=False)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("bevroren door"),
        editable=False,
    )
    frozen_by_name = models.CharField(
        _("bevroren door (naam)"), max_length=200, editable=False
    )

    class Meta:
        verbose_name = _("editie van een rapport")
        verbose_name_plural = _("edities van rapporten")
        ordering = ["questionnaire", "-frozen_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "title"],
                name="report_edition_unique_title",
                violation_error_message=_(
                    "Er is al een editie met deze titel voor deze vragenlijst."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if self.pk and type(self).objects.filter(pk=self.pk).exists():
            raise ValueError("A frozen edition never changes.")
        super().save(*args, **kwargs)


class ReportExport(models.Model):
    """A download of more than one coalition, made in the background (Celery).

    The file lives under MEDIA_ROOT/report-exports/ with a random name, which no web
    server serves: only the platform does, to the user who asked for it. A periodic
    task removes it after REPORT_EXPORT_RETENTION_HOURS.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("in de wachtrij")
        RUNNING = "running", _("bezig")
        DONE = "done", _("klaar")
        FAILED = "failed", _("mislukt")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    created = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("coalities verwerkt"), default=0)
    total = models.PositiveIntegerField(_("coalities"), default=0)
    file = models.FileField(_("bestand"), upload_to="report-exports/", blank=True)
    finished = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        verbose_name = _("export van rapporten")
        verbose_name_plural = _("exports van rapporten")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.requested_by_id} {self.created:%Y-%m-%d %H:%M}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return 100 * self.done // self.total if self.total else 0
